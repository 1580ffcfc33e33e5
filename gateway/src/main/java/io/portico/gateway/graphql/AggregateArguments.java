package io.portico.gateway.graphql;

import io.portico.gateway.plan.AggregateFunction;
import io.portico.gateway.plan.AggregateRequest.AggregateOrder;
import io.portico.gateway.plan.AggregateRequest.GroupKey;
import io.portico.gateway.plan.AggregateRequest.Measure;
import io.portico.gateway.plan.SortDirection;
import io.portico.gateway.plan.TimeBucket;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an aggregate field's own arguments (coerced by graphql-java, so already of the schema's types) into typed
 * values, once per request: {@code groupBy} with {@code buckets} into {@link GroupKey}s, {@code timeZone} into a
 * {@link ZoneId}, {@code orderBy} into {@link AggregateOrder}s. Whether fields exist and take what is asked is the
 * planner's check; the schema already offers only what makes sense per field type.
 */
final class AggregateArguments {

    static final String GROUP_BY = "groupBy";
    static final String BUCKETS = "buckets";
    static final String TIME_ZONE = "timeZone";

    private AggregateArguments() {
    }

    /**
     * The group keys: each {@code groupBy} field, cut into its time bucket when {@code buckets} names one.
     *
     * @throws PorticoException {@code BAD_USER_INPUT} for a bucket on a field not in {@code groupBy}
     */
    static List<GroupKey> groupBy(List<Object> groupBy, Map<String, Object> buckets) {
        List<GroupKey> keys = new ArrayList<>();
        Set<String> grouped = new HashSet<>();
        for (Object field : groupBy == null ? List.of() : groupBy) {
            String name = field.toString();
            grouped.add(name);
            Object bucket = buckets == null ? null : buckets.get(name);
            keys.add(new GroupKey(name, bucket == null ? null : TimeBucket.valueOf(bucket.toString())));
        }
        if (buckets != null) {
            for (Map.Entry<String, Object> bucket : buckets.entrySet()) {
                if (bucket.getValue() != null && !grouped.contains(bucket.getKey())) {
                    throw badInput("'buckets' cuts field '" + bucket.getKey() + "', which is not in 'groupBy';"
                            + " add it to 'groupBy'");
                }
            }
        }
        return keys;
    }

    /**
     * The zone time buckets of zoned timestamps are cut in: UTC when absent. Which zones a port can be asked for is
     * the planner's check.
     *
     * @throws PorticoException {@code BAD_USER_INPUT} for text that is not {@code UTC}, an offset such as
     *                          {@code +02:00} or an IANA zone id
     */
    static ZoneId timeZone(String timeZone) {
        if (timeZone == null || "UTC".equals(timeZone)) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw badInput("'timeZone' must be UTC, an offset such as +02:00 or an IANA time zone such as"
                    + " Asia/Tokyo, got '" + timeZone + "'");
        }
    }

    /**
     * The order of groups: each entry sets exactly one of {@code count}, {@code key}, or a function with exactly one
     * field.
     *
     * @throws PorticoException {@code BAD_USER_INPUT} for an entry that does not
     */
    @SuppressWarnings("unchecked")
    static List<AggregateOrder> orderBy(Object orderBy) {
        if (orderBy == null) {
            return List.of();
        }
        List<Map<String, Object>> entries = orderBy instanceof Map<?, ?> single
                ? List.of((Map<String, Object>) single)
                : (List<Map<String, Object>>) orderBy;
        List<AggregateOrder> order = new ArrayList<>();
        for (Map<String, Object> entry : entries) {
            Map.Entry<String, Object> sort = single(entry, "each 'orderBy' entry sets exactly one of count, key,"
                    + " sum, avg, min, max, countDistinct, e.g. orderBy: [{sum: {totalAmount: DESC}}]");
            if ("count".equals(sort.getKey())) {
                order.add(new AggregateOrder.ByCount(direction(sort.getValue())));
                continue;
            }
            Map.Entry<String, Object> field = single((Map<String, Object>) sort.getValue(),
                    "'orderBy." + sort.getKey() + "' sets exactly one field");
            SortDirection direction = direction(field.getValue());
            if ("key".equals(sort.getKey())) {
                order.add(new AggregateOrder.ByKey(field.getKey(), direction));
            } else {
                AggregateFunction function = AggregateFunction.named(sort.getKey());
                if (function == null) {
                    throw badInput("unknown aggregate '" + sort.getKey() + "' in 'orderBy'");
                }
                order.add(new AggregateOrder.ByMeasure(new Measure(function, field.getKey()), direction));
            }
        }
        return order;
    }

    private static Map.Entry<String, Object> single(Map<String, Object> entry, String message) {
        List<Map.Entry<String, Object>> present = entry.entrySet().stream()
                .filter(candidate -> candidate.getValue() != null)
                .toList();
        if (present.size() != 1) {
            throw badInput(message + "; got " + present.size());
        }
        return present.getFirst();
    }

    private static SortDirection direction(Object value) {
        return SortDirection.valueOf(value.toString().toUpperCase(Locale.ROOT));
    }

    private static PorticoException badInput(String message) {
        return new PorticoException(ErrorCode.BAD_USER_INPUT, message);
    }
}

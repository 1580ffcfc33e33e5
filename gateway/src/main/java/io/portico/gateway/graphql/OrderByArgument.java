package io.portico.gateway.graphql;

import io.portico.gateway.plan.RequestedSort;
import io.portico.gateway.plan.SortDirection;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a connection field's {@code orderBy} argument (one input object or a list of them, each setting exactly
 * one field to {@code ASC} or {@code DESC}) into {@link RequestedSort}s, in order. Fields named twice, fields the
 * dataset lacks and fields that cannot be sorted on are the planner's checks.
 */
public final class OrderByArgument {

    private OrderByArgument() {
    }

    /**
     * The sort keys {@code orderBy} asks for; empty for null.
     *
     * @throws PorticoException {@code BAD_USER_INPUT} for an entry that does not set exactly one field
     */
    @SuppressWarnings("unchecked")
    public static List<RequestedSort> read(Object orderBy) {
        if (orderBy == null) {
            return List.of();
        }
        List<Map<String, Object>> entries = orderBy instanceof Map<?, ?> single
                ? List.of((Map<String, Object>) single)
                : (List<Map<String, Object>>) orderBy;
        List<RequestedSort> sorts = new ArrayList<>(entries.size());
        for (Map<String, Object> entry : entries) {
            sorts.add(sort(entry));
        }
        return List.copyOf(sorts);
    }

    private static RequestedSort sort(Map<String, Object> entry) {
        List<Map.Entry<String, Object>> present = entry.entrySet().stream()
                .filter(candidate -> candidate.getValue() != null)
                .toList();
        if (present.size() != 1) {
            throw new PorticoException(ErrorCode.BAD_USER_INPUT, "each 'orderBy' entry sets exactly one field,"
                    + " e.g. orderBy: [{amount: DESC}, {orderId: ASC}]; got " + present.size());
        }
        Map.Entry<String, Object> key = present.getFirst();
        try {
            return new RequestedSort(key.getKey(),
                    SortDirection.valueOf(key.getValue().toString().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new PorticoException(ErrorCode.BAD_USER_INPUT,
                    "sort direction of '" + key.getKey() + "' must be ASC or DESC, got " + key.getValue());
        }
    }
}

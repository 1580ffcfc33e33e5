package io.portico.gateway.plan;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one aggregate read asks of a dataset, whatever front door it came through: the rows ({@code where}), how to
 * group them, what to compute per group, which groups come first and how many. The GraphQL layer builds it from an
 * aggregate field's arguments and selection; the planner ({@link AggregatePlanner}) validates it against the dataset
 * and renders it as one statement. Without {@code groupBy} the whole filtered set is one group.
 *
 * @param where               the rows aggregated; {@link RequestFilter#ALL} for every row
 * @param groupBy             the group keys, in order; empty for one group of every row
 * @param measures            the aggregates computed per group (the row count always is), without duplicates
 * @param orderBy             the order of the groups; the planner completes it with the group keys, ascending
 * @param first               the most groups returned
 * @param timeZone            the zone time buckets of zoned timestamps are cut in
 * @param totalCountRequested whether the number of groups (before {@code first}) is asked for
 */
public record AggregateRequest(
        RequestFilter where,
        List<GroupKey> groupBy,
        List<Measure> measures,
        List<AggregateOrder> orderBy,
        int first,
        ZoneId timeZone,
        boolean totalCountRequested) {

    public AggregateRequest {
        where = where == null ? RequestFilter.ALL : where;
        groupBy = List.copyOf(groupBy);
        measures = List.copyOf(new LinkedHashSet<>(measures));
        orderBy = List.copyOf(orderBy);
        timeZone = timeZone == null ? ZoneOffset.UTC : timeZone;
    }

    /**
     * Every field this request reads values of, through {@code where}, {@code groupBy}, the measures and
     * {@code orderBy}, in first-seen order: what a policy checks before any port is called.
     */
    public Set<String> fieldsRead() {
        Set<String> fields = new LinkedHashSet<>(where.fields());
        groupBy.forEach(key -> fields.add(key.field()));
        measures.forEach(measure -> fields.add(measure.field()));
        for (AggregateOrder order : orderBy) {
            switch (order) {
                case AggregateOrder.ByCount count -> { }
                case AggregateOrder.ByMeasure byMeasure -> fields.add(byMeasure.measure().field());
                case AggregateOrder.ByKey byKey -> fields.add(byKey.field());
            }
        }
        return Collections.unmodifiableSet(fields);
    }

    /** The measures computed: those asked for, then those only {@code orderBy} needs. */
    public List<Measure> measuresComputed() {
        Set<Measure> all = new LinkedHashSet<>(measures);
        for (AggregateOrder order : orderBy) {
            if (order instanceof AggregateOrder.ByMeasure byMeasure) {
                all.add(byMeasure.measure());
            }
        }
        return new ArrayList<>(all);
    }

    /**
     * One group key: a field's value, or for a date or timestamp field the start of its {@code bucket}.
     *
     * @param field  the field's GraphQL name
     * @param bucket the time bucket, or null for the value itself
     */
    public record GroupKey(String field, TimeBucket bucket) {
        public GroupKey {
            requireNonNull(field, "field is null");
        }
    }

    /** One aggregate over one field, e.g. {@code sum} of {@code totalAmount}. */
    public record Measure(AggregateFunction function, String field) {
        public Measure {
            requireNonNull(function, "function is null");
            requireNonNull(field, "field is null");
        }

        @Override
        public String toString() {
            return function.argumentName() + "(" + field + ")";
        }
    }

    /** One sort key of the groups. */
    public sealed interface AggregateOrder {

        SortDirection direction();

        /** By the group's row count. */
        record ByCount(SortDirection direction) implements AggregateOrder {
            public ByCount {
                requireNonNull(direction, "direction is null");
            }
        }

        /** By an aggregate, which need not be selected. */
        record ByMeasure(Measure measure, SortDirection direction) implements AggregateOrder {
            public ByMeasure {
                requireNonNull(measure, "measure is null");
                requireNonNull(direction, "direction is null");
            }
        }

        /** By a group key, which must be in {@code groupBy}. */
        record ByKey(String field, SortDirection direction) implements AggregateOrder {
            public ByKey {
                requireNonNull(field, "field is null");
                requireNonNull(direction, "direction is null");
            }
        }
    }
}

package io.portico.gateway.read;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.plan.AggregatePlan;
import io.portico.gateway.plan.AggregateRequest.Measure;
import io.portico.gateway.port.ColumnarResult;

/**
 * The answer of one aggregate read: its groups as the port computed them, one row each, in the requested order.
 * Values are read from the port's rows, never recomputed (but a decimal mean: {@link AggregatePlan#measureValue}).
 *
 * @param plan   the plan the statement came from
 * @param result the port's rows: one per group
 * @param rows   the rows of {@code result} that are this aggregate's groups, in order (a relationship batch's
 *               result holds several parents' groups)
 */
public record DatasetAggregate(AggregatePlan plan, ColumnarResult result, int[] rows) {

    public DatasetAggregate {
        requireNonNull(plan, "plan is null");
        requireNonNull(result, "result is null");
        requireNonNull(rows, "rows is null");
    }

    /** An aggregate of every row of {@code result}. */
    public DatasetAggregate(AggregatePlan plan, ColumnarResult result) {
        this(plan, result, java.util.stream.IntStream.range(0, result.rowCount()).toArray());
    }

    /** How many groups were returned (at most {@code first}; one without {@code groupBy}, none for a parent without rows). */
    public int groups() {
        return rows.length;
    }

    /** How many groups there are in all, before {@code first}; 0 when there is none. */
    public long totalCount() {
        if (!plan.request().totalCountRequested()) {
            throw new IllegalStateException("the number of groups was not asked for");
        }
        return rows.length == 0 ? 0 : number(result.value(plan.totalCountColumn(), rows[0]));
    }

    /** The group's value of the key on {@code field} (a bucket's start when bucketed); null when not grouped by it. */
    public Object key(int group, String field) {
        int column = plan.keyColumn(field);
        return column < 0 ? null : result.value(column, rows[group]);
    }

    /** How many rows the group holds. */
    public long count(int group) {
        return number(result.value(plan.countColumn(), rows[group]));
    }

    /** The group's value of {@code measure}; null over no (non-null) value, as SQL says. */
    public Object value(int group, Measure measure) {
        Object value = plan.measureValue(measure, column -> result.value(column, rows[group]));
        return switch (measure.function()) {
            case COUNT_DISTINCT -> value == null ? 0L : number(value);
            case SUM -> value instanceof Number number && "Long".equals(sumType(measure)) ? number.longValue() : value;
            default -> value;
        };
    }

    private String sumType(Measure measure) {
        return io.portico.schema.compose.AggregateRules.sumScalar(plan.binding().field(measure.field()).orElseThrow());
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}

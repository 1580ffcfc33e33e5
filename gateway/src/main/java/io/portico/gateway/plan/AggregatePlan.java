package io.portico.gateway.plan;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.plan.AggregateRequest.GroupKey;
import io.portico.gateway.plan.AggregateRequest.Measure;
import io.portico.schema.compose.DatasetBinding;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;

/**
 * The plan of one aggregate field against one port: the one statement that computes it and where each value sits in
 * the statement's rows (one row per group). Immutable; built by {@link AggregatePlanner}.
 *
 * <p>Columns, in order: the group keys, the row count, each measure (an exact decimal mean as two columns, the exact
 * sum and the count of values, divided here: the only arithmetic the gateway does on an aggregate), and, when asked
 * for, the number of groups ({@code COUNT(*) OVER ()}, the same in every row).
 *
 * @param binding        the dataset
 * @param request        the request planned
 * @param statement      the statement sent to the port
 * @param measureColumns per measure, its first column
 * @param exactMeans     the measures whose value is column / next column (decimal means)
 * @param pushdown       what was pushed down
 * @param matchColumns   how many columns come before the group keys: a relationship batch's parent key columns
 *                       ({@link AggregatePlanner#planRelated}); 0 for a dataset's aggregate
 */
public record AggregatePlan(
        DatasetBinding binding,
        AggregateRequest request,
        PortQuery statement,
        Map<Measure, Integer> measureColumns,
        List<Measure> exactMeans,
        PushdownReport pushdown,
        int matchColumns) {

    /** The precision of an exact decimal mean: 34 significant digits, rounded half-even (IEEE 754 decimal128). */
    public static final MathContext MEAN_PRECISION = MathContext.DECIMAL128;

    public AggregatePlan {
        requireNonNull(binding, "binding is null");
        requireNonNull(request, "request is null");
        requireNonNull(statement, "statement is null");
        measureColumns = Map.copyOf(measureColumns);
        exactMeans = List.copyOf(exactMeans);
        requireNonNull(pushdown, "pushdown is null");
    }

    /** The column of the {@code index}-th group key. */
    public int keyColumn(int index) {
        return matchColumns + index;
    }

    /** The column of the group's row count. */
    public int countColumn() {
        return matchColumns + request.groupBy().size();
    }

    /** The column of the number of groups; only when {@link AggregateRequest#totalCountRequested()}. */
    public int totalCountColumn() {
        return countColumn() + 1 + measureColumns.size() + exactMeans.size();
    }

    /** The column of the group key on {@code field}, or -1 when the request does not group by it. */
    public int keyColumn(String field) {
        List<GroupKey> keys = request.groupBy();
        for (int index = 0; index < keys.size(); index++) {
            if (keys.get(index).field().equals(field)) {
                return matchColumns + index;
            }
        }
        return -1;
    }

    /**
     * The value of a measure from its column(s) of one row: a decimal mean divided exactly ({@link #MEAN_PRECISION},
     * trailing zeros kept to the column's scale), else the column's value as the port computed it.
     *
     * @param row a function from column to value of one row
     */
    public Object measureValue(Measure measure, java.util.function.IntFunction<Object> row) {
        Integer column = measureColumns.get(measure);
        if (column == null) {
            throw new IllegalArgumentException(measure + " is not computed by this plan");
        }
        Object value = row.apply(column);
        if (!exactMeans.contains(measure) || value == null) {
            return value;
        }
        long values = ((Number) row.apply(column + 1)).longValue();
        return values == 0 ? null : ((BigDecimal) value).divide(BigDecimal.valueOf(values), MEAN_PRECISION);
    }
}

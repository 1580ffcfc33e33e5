package io.portico.gateway.read;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.plan.RelatedAggregatePlan;
import io.portico.gateway.port.ColumnarResult;
import java.util.List;
import java.util.Map;

/**
 * The answer of a relationship aggregate batch ({@link DatasetReader#relatedAggregates}): each parent key's groups.
 *
 * @param plan  the plan the statements came from
 * @param byKey the groups of each key that has rows (normalized keys, see {@link DatasetReader#normalizedKey})
 */
public record RelatedAggregates(RelatedAggregatePlan plan, Map<List<Object>, DatasetAggregate> byKey) {

    public RelatedAggregates {
        requireNonNull(plan, "plan is null");
        byKey = Map.copyOf(byKey);
    }

    /** The aggregate of {@code key}'s rows: no group when no row relates to it. */
    public DatasetAggregate of(List<Object> key) {
        DatasetAggregate aggregate = byKey.get(key);
        return aggregate != null ? aggregate : new DatasetAggregate(plan.shape(), ColumnarResult.empty(), new int[0]);
    }
}

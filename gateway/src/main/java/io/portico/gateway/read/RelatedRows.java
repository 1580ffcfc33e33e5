package io.portico.gateway.read;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.plan.RelatedRowsPlan;
import io.portico.gateway.policy.DeniedField;
import io.portico.gateway.port.ColumnarResult;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows related to a batch of parent keys, read under a request's policy: per key, where its rows are.
 *
 * @param plan     the plan they were read with ({@link RelatedRowsPlan#shape()} is each key's page shape)
 * @param byKey    per key that matched (key values normalized, see {@link DatasetReader#normalizedKey}), its rows
 * @param totals   per key, its number of matching rows; null when {@code totalCount} was not asked for
 * @param withheld GraphQL names of the target's fields denied to the subject: null in every row
 * @param denied   the selected fields that are denied, with the deciding rules, for the caller to report
 */
public record RelatedRows(RelatedRowsPlan plan, Map<List<Object>, KeyRows> byKey, Map<List<Object>, Long> totals,
        Set<String> withheld, List<DeniedField> denied) {

    public RelatedRows {
        requireNonNull(plan, "plan is null");
        byKey = Map.copyOf(byKey);
        totals = totals == null ? null : Map.copyOf(totals);
        withheld = Set.copyOf(withheld);
        denied = List.copyOf(denied);
    }

    /**
     * The rows of one key: positions in one statement's result, in the plan's order (one-to-many: up to one more
     * than the page size; many-to-one: the first is the related row).
     */
    public record KeyRows(ColumnarResult result, int[] rows) {

        public KeyRows {
            requireNonNull(result, "result is null");
            requireNonNull(rows, "rows is null");
        }
    }
}

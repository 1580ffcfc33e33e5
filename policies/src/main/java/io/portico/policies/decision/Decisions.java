package io.portico.policies.decision;

import static java.util.Objects.requireNonNull;

import io.portico.policies.filter.RowPredicate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every decision for one subject over one registry snapshot under one policy set: per dataset, per field, an
 * effect and the rule that made it, and the dataset's row filter. Immutable; computed by
 * {@link PolicyEvaluator#decide}, shared through {@link DecisionCache}. It holds no subject id, so decisions for
 * subjects of equal claims can be shared when no rule reads the id.
 *
 * @param registryVersion the registry snapshot's version
 * @param policyVersion   the policy set's version
 * @param datasets        per dataset URN, in the snapshot's port order, the dataset's decisions
 * @param unmatched       the decision the policy set's unmatched default makes (for unknown datasets and fields)
 * @param problems        what did not fit (a row filter naming a missing field...); the datasets concerned return no
 *                        rows
 */
public record Decisions(
        long registryVersion,
        String policyVersion,
        Map<String, DatasetDecisions> datasets,
        FieldDecision unmatched,
        List<DecisionProblem> problems) {

    public Decisions {
        requireNonNull(policyVersion, "policyVersion is null");
        datasets = Collections.unmodifiableMap(new LinkedHashMap<>(datasets));
        requireNonNull(unmatched, "unmatched is null");
        problems = List.copyOf(problems);
    }

    /**
     * The decisions for a dataset by its URN ({@code Urns.dataset(contract, datasetName)}).
     *
     * <p>For a URN the snapshot does not hold, decisions by defaults: every field gets the {@link #unmatched()}
     * decision (no classification is known) and the row filter is {@link RowPredicate#FALSE} (which row filters
     * would apply cannot be known, so no row is admitted); {@link DatasetDecisions#known()} is false. The gateway
     * takes decisions and plans from the same snapshot, so it should never meet one.
     */
    public DatasetDecisions dataset(String datasetUrn) {
        DatasetDecisions decisions = datasets.get(datasetUrn);
        if (decisions != null) {
            return decisions;
        }
        return new DatasetDecisions(datasetUrn, false, Map.of(), unmatched, List.of(), RowPredicate.FALSE);
    }

    /** Whether the snapshot held that dataset. */
    public boolean contains(String datasetUrn) {
        return datasets.containsKey(datasetUrn);
    }
}

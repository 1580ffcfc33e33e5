package io.portico.policies.decision;

import static java.util.Objects.requireNonNull;

/**
 * Something about the policy set that does not fit the registry, found while deciding, e.g. a row filter naming a
 * field its dataset does not have. Decisions fail closed on it (that dataset returns no rows) and say why here.
 *
 * @param datasetUrn the dataset concerned
 * @param rule       the rule concerned
 * @param problem    what is wrong
 */
public record DecisionProblem(String datasetUrn, String rule, String problem) {

    public DecisionProblem {
        requireNonNull(datasetUrn, "datasetUrn is null");
        requireNonNull(rule, "rule is null");
        requireNonNull(problem, "problem is null");
    }

    @Override
    public String toString() {
        return datasetUrn + ": rule " + rule + ": " + problem;
    }
}

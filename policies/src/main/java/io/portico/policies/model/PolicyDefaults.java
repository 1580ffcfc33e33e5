package io.portico.policies.model;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What happens to a field no rule matches: the effect of its classification, when {@link #classified()} names it,
 * else {@link #unmatched()}.
 *
 * @param classified per classification (lower-cased, see {@link ResourceSelector#normalize}), the effect on fields
 *                   of that classification that no rule matches
 * @param unmatched  the effect on fields that no rule and no classification default matches
 */
public record PolicyDefaults(Map<String, FieldEffect> classified, FieldEffect unmatched) {

    /** The rule name decisions give for a classification default, followed by the classification. */
    public static final String CLASSIFIED_RULE_PREFIX = "defaults.classified.";
    /** The rule name decisions give for the unmatched default. */
    public static final String UNMATCHED_RULE = "defaults.unmatched";

    /** No classification defaults; unmatched fields allowed. The defaults of a policy set that states none. */
    public static final PolicyDefaults NONE = new PolicyDefaults(Map.of(), FieldEffect.ALLOW);

    public PolicyDefaults {
        requireNonNull(classified, "classified is null");
        requireNonNull(unmatched, "unmatched is null");
        SortedMap<String, FieldEffect> sorted = new TreeMap<>();
        classified.forEach((classification, effect) -> sorted.put(
                ResourceSelector.normalize(requireNonNull(classification, "classification is null")),
                requireNonNull(effect, "effect of " + classification + " is null")));
        classified = Collections.unmodifiableSortedMap(sorted);
    }

    /** The default effect for a field of that classification (any case) that no rule matches; null when none. */
    public FieldEffect forClassification(String classification) {
        return classification == null ? null : classified.get(ResourceSelector.normalize(classification));
    }
}

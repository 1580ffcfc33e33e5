package io.portico.policies.model;

/**
 * How narrowly a rule's resource selector names what it applies to, from the least to the most specific. Among the
 * rules that match a field, those of the highest specificity decide (see {@code PolicyEvaluator}).
 */
public enum Specificity {
    /** No resource selector: every field of every dataset. */
    NONE,
    /** Selects by domain. */
    DOMAIN,
    /** Selects by data product. */
    PRODUCT,
    /** Selects by dataset. */
    DATASET,
    /** Selects by the field's classification or tags. */
    CLASSIFICATION_OR_TAGS,
    /** Names the fields. */
    FIELD
}

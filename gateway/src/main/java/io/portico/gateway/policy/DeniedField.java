package io.portico.gateway.policy;

import static java.util.Objects.requireNonNull;

/**
 * A field a request selected that the subject's policy denies: withheld (null in every row), to be reported to the
 * caller by whichever front door it came through, naming the field and the rule.
 *
 * @param field          the field's GraphQL name
 * @param qualifiedField the field as errors and audit name it, e.g. {@code crm.customers.birthDate}
 * @param rule           the policy rule that denies it
 */
public record DeniedField(String field, String qualifiedField, String rule) {

    public DeniedField {
        requireNonNull(field, "field is null");
        requireNonNull(qualifiedField, "qualifiedField is null");
        requireNonNull(rule, "rule is null");
    }

    /** What the caller is told: the field is withheld, by which rule, and what that means for its values. */
    public String message() {
        return "%s is withheld: policy rule '%s' denies it to you; it is null in every row".formatted(qualifiedField,
                rule);
    }
}

package io.portico.policies.mask;

import java.util.Locale;
import java.util.Optional;

/**
 * The ways a field's values can be masked, in Apache Ranger's vocabulary. The policy files name them by
 * {@link #policyName()}; what each does to each Arrow type is documented on {@code VectorMasker}.
 */
public enum MaskKind {
    /** Letters become {@code x} (or {@code X}), digits become {@code n}; other characters stay. */
    REDACT("redact"),
    /** A keyed SHA-256 (HMAC) of the value: equal values hash alike across datasets, the key stops dictionaries. */
    HASH("hash"),
    /** Everything but the last four characters redacted. */
    SHOW_LAST_4("show-last-4"),
    /** Everything but the first four characters redacted. */
    SHOW_FIRST_4("show-first-4"),
    /** Every value becomes null. */
    NULL("null"),
    /** Dates and timestamps keep their year only (January 1st, midnight). */
    YEAR_ONLY("year-only"),
    /** Every non-null value becomes one constant given in the policy. */
    CONSTANT("constant");

    private final String policyName;

    MaskKind(String policyName) {
        this.policyName = policyName;
    }

    /** The name policy files use, e.g. {@code show-last-4}. */
    public String policyName() {
        return policyName;
    }

    /** The kind a policy file names, matched case-insensitively; empty when there is none of that name. */
    public static Optional<MaskKind> fromPolicyName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (MaskKind kind : values()) {
            if (kind.policyName.equals(wanted)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}

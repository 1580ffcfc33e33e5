package io.portico.policies.model;

import java.util.Locale;
import java.util.Optional;

/**
 * What a policy does to a field. At equal specificity the stronger effect wins: {@link #DENY} over {@link #MASK}
 * over {@link #ALLOW} ({@link #strength()}).
 */
public enum Effect {
    /** The field's values are returned as they are. */
    ALLOW,
    /** The field is withheld: {@code null} at its path and a {@code FORBIDDEN} error. */
    DENY,
    /** The field's values are masked before they leave the gateway. */
    MASK;

    /** The name policy files use: {@code allow}, {@code deny}, {@code mask}. */
    public String policyName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How strongly this effect restricts: deny 2, mask 1, allow 0. */
    public int strength() {
        return switch (this) {
            case DENY -> 2;
            case MASK -> 1;
            case ALLOW -> 0;
        };
    }

    /** The effect a policy file names (exact, lower case); empty when there is none of that name. */
    public static Optional<Effect> fromPolicyName(String name) {
        for (Effect effect : values()) {
            if (effect.policyName().equals(name)) {
                return Optional.of(effect);
            }
        }
        return Optional.empty();
    }
}

package io.portico.policies.decision;

import static java.util.Objects.requireNonNull;

import io.portico.policies.mask.Mask;
import io.portico.policies.model.Effect;
import io.portico.policies.model.FieldEffect;

/**
 * What happens to one field for one subject, and why.
 *
 * @param effect allow, deny or mask
 * @param mask   the mask to apply for {@link Effect#MASK}; null otherwise
 * @param rule   what decided: a rule's name, {@code defaults.classified.<classification>} or
 *               {@code defaults.unmatched}
 */
public record FieldDecision(Effect effect, Mask mask, String rule) {

    public FieldDecision {
        requireNonNull(effect, "effect is null");
        requireNonNull(rule, "rule is null");
        if ((effect == Effect.MASK) != (mask != null)) {
            throw new IllegalArgumentException("a mask decision needs a mask, and only a mask decision takes one");
        }
    }

    /** The decision to apply {@code effect}, made by {@code rule}. */
    public static FieldDecision of(FieldEffect effect, String rule) {
        return new FieldDecision(effect.effect(), effect.mask(), rule);
    }

    public boolean isAllowed() {
        return effect == Effect.ALLOW;
    }

    public boolean isDenied() {
        return effect == Effect.DENY;
    }

    public boolean isMasked() {
        return effect == Effect.MASK;
    }

    /** The effect with its mask. */
    public FieldEffect fieldEffect() {
        return new FieldEffect(effect, mask);
    }

    @Override
    public String toString() {
        return fieldEffect() + " by " + rule;
    }
}

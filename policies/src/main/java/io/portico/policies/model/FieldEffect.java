package io.portico.policies.model;

import static java.util.Objects.requireNonNull;

import io.portico.policies.mask.Mask;

/**
 * An effect on a field together with its mask: what a rule or a default does to the fields it applies to.
 *
 * @param effect allow, deny or mask
 * @param mask   the mask for {@link Effect#MASK}; null for the other effects
 */
public record FieldEffect(Effect effect, Mask mask) {

    /** Values as they are. */
    public static final FieldEffect ALLOW = new FieldEffect(Effect.ALLOW, null);
    /** Values withheld. */
    public static final FieldEffect DENY = new FieldEffect(Effect.DENY, null);

    public FieldEffect {
        requireNonNull(effect, "effect is null");
        if (effect == Effect.MASK && mask == null) {
            throw new IllegalArgumentException("a mask effect needs a mask");
        }
        if (effect != Effect.MASK && mask != null) {
            throw new IllegalArgumentException("only a mask effect takes a mask, not " + effect.policyName());
        }
    }

    /** Values masked with {@code mask}. */
    public static FieldEffect mask(Mask mask) {
        return new FieldEffect(Effect.MASK, requireNonNull(mask, "mask is null"));
    }

    /** As a policy file would summarise it: {@code allow}, {@code deny}, {@code mask redact}. */
    @Override
    public String toString() {
        return mask == null ? effect.policyName() : "mask " + mask;
    }
}

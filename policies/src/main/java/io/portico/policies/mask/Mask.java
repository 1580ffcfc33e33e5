package io.portico.policies.mask;

import static java.util.Objects.requireNonNull;

/**
 * One mask a policy puts on a field: its kind and, for {@link MaskKind#CONSTANT} only, the constant as the policy
 * file wrote it (converted to the field's type when applied).
 *
 * @param kind     how values are masked
 * @param constant the replacement value for {@link MaskKind#CONSTANT}; {@code null} for every other kind
 */
public record Mask(MaskKind kind, String constant) {

    public Mask {
        requireNonNull(kind, "kind is null");
        if (kind == MaskKind.CONSTANT && constant == null) {
            throw new IllegalArgumentException("a constant mask needs a constant");
        }
        if (kind != MaskKind.CONSTANT && constant != null) {
            throw new IllegalArgumentException("only a constant mask takes a constant, not " + kind.policyName());
        }
    }

    /** A mask of a kind that takes no constant. */
    public static Mask of(MaskKind kind) {
        return new Mask(kind, null);
    }

    /** A mask replacing every non-null value with {@code value}. */
    public static Mask constant(String value) {
        return new Mask(MaskKind.CONSTANT, value);
    }

    @Override
    public String toString() {
        return kind == MaskKind.CONSTANT ? "constant(" + constant + ")" : kind.policyName();
    }
}

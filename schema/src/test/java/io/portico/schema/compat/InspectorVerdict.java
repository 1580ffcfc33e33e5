package io.portico.schema.compat;

import java.util.Optional;

/**
 * graphql-inspector's verdict on two SDL files: the highest criticality among the changes its {@code diff} finds
 * ({@code BREAKING}, {@code DANGEROUS}, {@code NON_BREAKING}), or {@code NONE} when it finds no change.
 */
enum InspectorVerdict {
    BREAKING,
    DANGEROUS,
    NON_BREAKING,
    NONE;

    /**
     * True when our highest severity means the same as this verdict. A safe report agrees with {@code NONE}:
     * safe changes such as an endpoint or a tag are invisible in SDL, and both say no client is affected.
     */
    boolean agreesWith(Optional<ChangeSeverity> ours) {
        return switch (this) {
            case BREAKING -> ours.equals(Optional.of(ChangeSeverity.BREAKING));
            case DANGEROUS -> ours.equals(Optional.of(ChangeSeverity.DANGEROUS));
            case NON_BREAKING -> ours.equals(Optional.of(ChangeSeverity.SAFE));
            case NONE -> ours.isEmpty() || ours.equals(Optional.of(ChangeSeverity.SAFE));
        };
    }
}

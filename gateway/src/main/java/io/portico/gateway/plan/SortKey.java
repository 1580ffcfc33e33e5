package io.portico.gateway.plan;

import static java.util.Objects.requireNonNull;

import io.portico.schema.compose.FieldBinding;

/** One key of a plan's total ordering. */
public record SortKey(FieldBinding field, SortDirection direction) {

    public SortKey {
        requireNonNull(field, "field is null");
        requireNonNull(direction, "direction is null");
    }

    @Override
    public String toString() {
        return field.graphQLName() + " " + direction;
    }
}

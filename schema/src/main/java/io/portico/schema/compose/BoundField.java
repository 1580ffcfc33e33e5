package io.portico.schema.compose;

import io.portico.schema.types.TypeMapping;

/** One exposed field: its binding, its GraphQL type and filter kind, and whether the contract requires it. */
record BoundField(FieldBinding binding, TypeMapping mapping, boolean required) {
}

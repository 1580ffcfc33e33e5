package io.portico.schema.types;

import static java.util.Objects.requireNonNull;

/**
 * How one Arrow column appears in GraphQL.
 *
 * @param graphQLType the column's GraphQL shape (nullability of the column itself is the Arrow field's)
 * @param filterKind  the {@code where} operators it supports and whether it is sortable
 * @param reader      reads a slot as the Java value the scalar serializes
 */
public record TypeMapping(GraphQLTypeRef graphQLType, FilterKind filterKind, ColumnReader reader) {

    public TypeMapping {
        requireNonNull(graphQLType, "graphQLType is null");
        requireNonNull(filterKind, "filterKind is null");
        requireNonNull(reader, "reader is null");
    }
}

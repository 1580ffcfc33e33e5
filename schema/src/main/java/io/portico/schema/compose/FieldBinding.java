package io.portico.schema.compose;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.vector.types.pojo.Field;

/**
 * One exposed field of a dataset: its GraphQL name, its column at the port, and its live Arrow type.
 *
 * @param graphQLName  the field's name in the GraphQL schema (camelCase of the contract name)
 * @param column       the column's physical name at the port
 * @param arrowField   the column as the port's live Arrow schema describes it (type and nullability)
 * @param description  from the contract, may be null
 */
public record FieldBinding(String graphQLName, String column, Field arrowField, String description) {

    public FieldBinding {
        requireNonNull(graphQLName, "graphQLName is null");
        requireNonNull(column, "column is null");
        requireNonNull(arrowField, "arrowField is null");
    }
}

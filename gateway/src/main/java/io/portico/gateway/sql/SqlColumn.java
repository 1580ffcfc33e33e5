package io.portico.gateway.sql;

import static java.util.Objects.requireNonNull;

import io.portico.schema.compose.FieldBinding;

/**
 * One column of a {@link SqlTable} as SQL callers see it.
 *
 * @param name  the contract's column name, which SQL uses (e.g. {@code total_amount})
 * @param field the dataset field it reads (its GraphQL name, e.g. {@code totalAmount}, is what requests carry)
 */
public record SqlColumn(String name, FieldBinding field) {

    public SqlColumn {
        requireNonNull(name, "name is null");
        requireNonNull(field, "field is null");
    }
}

package io.portico.gateway.plan;

import static java.util.Objects.requireNonNull;

import io.portico.schema.compose.FieldBinding;

/**
 * One key of a plan's total ordering: a column, or (with an {@code expression}) a value the port computes and
 * returns as the column {@code field} names ({@link KeyOrderHash}).
 *
 * @param field      the column, or the computed column
 * @param direction  ascending or descending
 * @param expression what the port computes for a computed column; null for a plain column
 */
public record SortKey(FieldBinding field, SortDirection direction, org.jooq.Field<Object> expression) {

    public SortKey {
        requireNonNull(field, "field is null");
        requireNonNull(direction, "direction is null");
    }

    /** A key on a plain column. */
    public SortKey(FieldBinding field, SortDirection direction) {
        this(field, direction, null);
    }

    /** What ORDER BY, keyset conditions and window orderings compare: the expression, else the column. */
    org.jooq.Field<Object> sqlField() {
        return expression != null ? expression : SqlColumns.field(field);
    }

    @Override
    public String toString() {
        return field.graphQLName() + " " + direction;
    }
}

package io.portico.schema.types;

import java.util.List;

/**
 * Which {@code where} operators a column supports, and whether it can be ordered by. Operator names are the
 * GraphQL input field names of a column's filter type, in the order they appear there.
 */
public enum FilterKind {
    /** Text: comparisons, membership, null test, substring and prefix match. */
    STRING(true, List.of("eq", "neq", "gt", "gte", "lt", "lte", "in", "notIn", "isNull", "contains", "startsWith")),
    /** Numbers of any width or precision. */
    NUMERIC(true, List.of("eq", "neq", "gt", "gte", "lt", "lte", "in", "notIn", "isNull")),
    /** Dates, times and timestamps. */
    TEMPORAL(true, List.of("eq", "neq", "gt", "gte", "lt", "lte", "in", "notIn", "isNull")),
    /** Booleans: equality and null test only. */
    BOOLEAN(true, List.of("eq", "neq", "isNull")),
    /** Not filterable and not sortable: lists, structs, maps, binary, durations and intervals. */
    NONE(false, List.of());

    private final boolean sortable;
    private final List<String> operators;

    FilterKind(boolean sortable, List<String> operators) {
        this.sortable = sortable;
        this.operators = operators;
    }

    /** Whether {@code orderBy} (and so keyset pagination) may use the column. */
    public boolean sortable() {
        return sortable;
    }

    /** The operator names, in schema order; empty for {@link #NONE}. */
    public List<String> operators() {
        return operators;
    }

    public boolean supports(String operator) {
        return operators.contains(operator);
    }
}

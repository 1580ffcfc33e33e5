package io.portico.gateway.plan;

/**
 * The direction of a sort key. Nulls sort as the smallest value: first when ascending, last when descending,
 * so keyset cursors over nullable columns are well defined.
 */
public enum SortDirection {
    ASC,
    DESC
}

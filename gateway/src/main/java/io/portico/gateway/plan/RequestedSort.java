package io.portico.gateway.plan;

import static java.util.Objects.requireNonNull;

/**
 * One sort key a request asks for, by the dataset field's GraphQL name; the planner checks that the field exists
 * and sorts, and completes the ordering with the dataset's key.
 *
 * @param field     the field's GraphQL name
 * @param direction ascending or descending
 */
public record RequestedSort(String field, SortDirection direction) {

    public RequestedSort {
        requireNonNull(field, "field is null");
        requireNonNull(direction, "direction is null");
    }
}

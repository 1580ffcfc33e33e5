package io.portico.gateway.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * What one read asks of a dataset, whatever front door it came through: the fields, the rows ({@link RequestFilter}),
 * the order, the page. The GraphQL layer builds it from a connection field's arguments and selection. The planner
 * validates it against the dataset; nothing here is trusted.
 *
 * @param selectedFields      GraphQL names of the node fields selected under {@code nodes} or {@code edges.node}
 *                            (through aliases and fragments), without duplicates
 * @param where               the rows asked for; {@link RequestFilter#ALL} for every row
 * @param orderBy             the sort keys asked for, in order (the planner completes them with the key)
 * @param first               the {@code first} argument
 * @param after               the {@code after} cursor, or null
 * @param totalCountRequested whether {@code totalCount} is selected
 * @param joinFields          GraphQL names of fields fetched only because a relationship selected under the node
 *                            joins on them: fetched even when a policy denies them, kept unmasked for the join,
 *                            never shown unless also selected (and then as the policy says)
 */
public record DatasetRequest(
        List<String> selectedFields,
        RequestFilter where,
        List<RequestedSort> orderBy,
        int first,
        String after,
        boolean totalCountRequested,
        List<String> joinFields) {

    /** A request that joins on nothing. */
    public DatasetRequest(List<String> selectedFields, RequestFilter where, List<RequestedSort> orderBy,
            int first, String after, boolean totalCountRequested) {
        this(selectedFields, where, orderBy, first, after, totalCountRequested, List.of());
    }

    public DatasetRequest {
        joinFields = List.copyOf(new java.util.LinkedHashSet<>(joinFields));
        selectedFields = List.copyOf(new java.util.LinkedHashSet<>(selectedFields));
        where = where == null ? RequestFilter.ALL : where;
        orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
        requireNonNull(selectedFields, "selectedFields is null");
    }

    /** This request with other selected fields. */
    public DatasetRequest withSelectedFields(List<String> fields) {
        return new DatasetRequest(fields, where, orderBy, first, after, totalCountRequested, joinFields);
    }

    /** This request also fetching {@code fields} for joins. */
    public DatasetRequest withJoinFields(List<String> fields) {
        List<String> all = new ArrayList<>(joinFields);
        all.addAll(fields);
        return new DatasetRequest(selectedFields, where, orderBy, first, after, totalCountRequested, all);
    }
}

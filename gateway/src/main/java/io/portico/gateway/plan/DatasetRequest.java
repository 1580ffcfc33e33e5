package io.portico.gateway.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one GraphQL connection field asks of its dataset, as raw (already type-coerced) GraphQL argument values.
 * The planner validates it; nothing here is trusted.
 *
 * @param selectedFields      GraphQL names of the node fields selected under {@code nodes} or {@code edges.node}
 *                            (through aliases and fragments), without duplicates
 * @param where               the {@code where} argument, or an empty map
 * @param orderBy             the {@code orderBy} argument, one single-entry map per sort key, or an empty list
 * @param first               the {@code first} argument
 * @param after               the {@code after} cursor, or null
 * @param totalCountRequested whether {@code totalCount} is selected
 * @param joinFields          GraphQL names of fields fetched only because a relationship selected under the node
 *                            joins on them: fetched even when a policy denies them, kept unmasked for the join,
 *                            never shown unless also selected (and then as the policy says)
 */
public record DatasetRequest(
        List<String> selectedFields,
        Map<String, Object> where,
        List<Map<String, Object>> orderBy,
        int first,
        String after,
        boolean totalCountRequested,
        List<String> joinFields) {

    /** A request that joins on nothing. */
    public DatasetRequest(List<String> selectedFields, Map<String, Object> where, List<Map<String, Object>> orderBy,
            int first, String after, boolean totalCountRequested) {
        this(selectedFields, where, orderBy, first, after, totalCountRequested, List.of());
    }

    public DatasetRequest {
        joinFields = List.copyOf(new java.util.LinkedHashSet<>(joinFields));
        selectedFields = List.copyOf(new java.util.LinkedHashSet<>(selectedFields));
        // Argument maps may hold nulls (explicit GraphQL nulls), so no Map.copyOf here.
        where = where == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(where));
        orderBy = orderBy == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(orderBy));
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

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
 */
public record DatasetRequest(
        List<String> selectedFields,
        Map<String, Object> where,
        List<Map<String, Object>> orderBy,
        int first,
        String after,
        boolean totalCountRequested) {

    public DatasetRequest {
        selectedFields = List.copyOf(new java.util.LinkedHashSet<>(selectedFields));
        // Argument maps may hold nulls (explicit GraphQL nulls), so no Map.copyOf here.
        where = where == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(where));
        orderBy = orderBy == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(orderBy));
        requireNonNull(selectedFields, "selectedFields is null");
    }
}

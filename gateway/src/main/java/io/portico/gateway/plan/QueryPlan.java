package io.portico.gateway.plan;

import static java.util.Objects.requireNonNull;

import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import java.util.List;
import java.util.Optional;

/**
 * The plan of one connection field against one port: the statements to send and how to read their rows back.
 * Immutable; built by {@link QueryPlanner}.
 *
 * @param binding    the dataset
 * @param columns    the columns the page query returns, in order: the selected fields, then the sort keys
 *                   a cursor needs
 * @param ordering   the total ordering of the rows (the request's {@code orderBy} followed by the dataset key)
 * @param pageSize   the {@code first} of the request; the page query fetches one row more
 * @param pageQuery  the rows of the page
 * @param countQuery the number of rows matching {@code where}, present only when {@code totalCount} is selected
 * @param pushdown   what was pushed down
 * @param cursorSeal seals the cursors of the plan's rows
 * @param joinFields GraphQL names of the columns fetched for relationship joins (see
 *                   {@link DatasetRequest#joinFields()}); their unmasked values are kept
 */
public record QueryPlan(
        DatasetBinding binding,
        List<FieldBinding> columns,
        List<SortKey> ordering,
        int pageSize,
        PortQuery pageQuery,
        Optional<PortQuery> countQuery,
        PushdownReport pushdown,
        CursorSeal cursorSeal,
        List<String> joinFields) {

    public QueryPlan {
        requireNonNull(binding, "binding is null");
        columns = List.copyOf(columns);
        ordering = List.copyOf(ordering);
        requireNonNull(pageQuery, "pageQuery is null");
        requireNonNull(countQuery, "countQuery is null");
        requireNonNull(pushdown, "pushdown is null");
        requireNonNull(cursorSeal, "cursorSeal is null");
        joinFields = List.copyOf(joinFields);
    }

    /** The fields whose values make a row's cursor, in ordering order; all of them are in {@link #columns()}. */
    public List<FieldBinding> cursorFields() {
        return ordering.stream().map(SortKey::field).toList();
    }

    /** The position in {@link #columns()} of the field with this GraphQL name, or -1. */
    public int columnIndex(String graphQLName) {
        for (int index = 0; index < columns.size(); index++) {
            if (columns.get(index).graphQLName().equals(graphQLName)) {
                return index;
            }
        }
        return -1;
    }

    /** The opaque cursor of a row, from the values of its {@link #cursorFields()} in order. */
    public String cursorFor(List<Object> cursorValues) {
        return CursorCodec.encode(cursorSeal, CursorCodec.signature(binding, ordering), cursorValues);
    }
}

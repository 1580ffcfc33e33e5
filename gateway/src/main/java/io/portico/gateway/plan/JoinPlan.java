package io.portico.gateway.plan;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.plan.JoinRequest.JoinField;
import io.portico.schema.compose.FieldBinding;
import java.util.List;

/**
 * The plan of a join of datasets of one port: the one statement sent to the port and what its columns are.
 * Immutable; built by {@link JoinPlanner}.
 *
 * @param portId    the port every joined dataset is served by
 * @param statement the statement, in the port's dialect
 * @param columns   the columns it returns, in order: the request's selected columns
 * @param fields    the field of each column, parallel to {@code columns} (their Arrow fields are the types the port
 *                  must return)
 * @param pushdown  what was pushed down
 */
public record JoinPlan(String portId, PortQuery statement, List<JoinField> columns, List<FieldBinding> fields,
        PushdownReport pushdown) {

    public JoinPlan {
        requireNonNull(portId, "portId is null");
        requireNonNull(statement, "statement is null");
        columns = List.copyOf(columns);
        fields = List.copyOf(fields);
        requireNonNull(pushdown, "pushdown is null");
        if (columns.size() != fields.size()) {
            throw new IllegalArgumentException("one field per column: " + columns + " for " + fields.size());
        }
    }

    /** The position of {@code column} in {@link #columns()}, or -1. */
    public int columnIndex(JoinField column) {
        return columns.indexOf(column);
    }
}

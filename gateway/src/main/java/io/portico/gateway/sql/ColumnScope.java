package io.portico.gateway.sql;

import static java.util.Objects.requireNonNull;

import org.jooq.TableField;

/** What the column references of a statement name: one table's columns ({@link SqlScope}) or a join's. */
interface ColumnScope {

    /**
     * A column reference resolved.
     *
     * @param column      the column
     * @param requestName how a request's filter or sort names it: its GraphQL name for one table, its qualified key
     *                    ({@code io.portico.gateway.plan.JoinRequest.JoinField#key()}) in a join
     */
    record Resolved(SqlColumn column, String requestName) {

        public Resolved {
            requireNonNull(column, "column is null");
            requireNonNull(requestName, "requestName is null");
        }
    }

    /**
     * The column {@code reference} (such as {@code o.total_amount}) names.
     *
     * @throws io.portico.schema.error.PorticoException {@code BAD_USER_INPUT} for no such column, or an ambiguous one
     */
    Resolved resolve(TableField<?, ?> reference);
}

package io.portico.gateway.flightsql;

import io.portico.policies.audit.AuditOperation;
import io.portico.gateway.sql.SqlStatements;

/**
 * The audit identity of a SQL statement: the SHA-256 of its signature ({@link SqlStatements#signature}: parsed within
 * the translator's bounds, literals printed as {@code ?}), so equal statements with other values hash alike and no
 * value is recorded, as a GraphQL operation's signature drops its literals. A statement the parser refuses (too
 * long, too deep, not SQL) is hashed as sent.
 */
final class StatementSignature {

    private StatementSignature() {
    }

    /** The audit operation of {@code sql}: no name, the hash of its signature. */
    static AuditOperation of(String sql) {
        String text = sql == null ? "" : sql;
        return AuditOperation.of(null, SqlStatements.signature(text).orElse(text));
    }
}

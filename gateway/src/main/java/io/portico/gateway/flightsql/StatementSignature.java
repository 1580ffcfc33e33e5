package io.portico.gateway.flightsql;

import io.portico.policies.audit.AuditOperation;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The audit identity of a SQL statement: the SHA-256 of its signature, the statement parsed and printed again with
 * every literal as {@code ?}, so equal statements with other values hash alike and no value is recorded (as a
 * GraphQL operation's signature drops its literals). A statement that does not parse is hashed as sent.
 */
final class StatementSignature {

    private static final DSLContext PRINTER = DSL.using(SQLDialect.DEFAULT,
            new Settings().withParamType(ParamType.FORCE_INDEXED).withRenderFormatted(false));

    private StatementSignature() {
    }

    /** The audit operation of {@code sql}: no name, the hash of its signature. */
    static AuditOperation of(String sql) {
        String signature;
        try {
            signature = PRINTER.render(PRINTER.parser().parseQuery(sql));
        } catch (RuntimeException e) {
            signature = sql == null ? "" : sql;
        }
        return AuditOperation.of(null, signature);
    }
}

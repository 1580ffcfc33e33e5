package io.portico.gateway.plan;

import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * jOOQ's rendering of statements for a port: one renderer per SQL dialect (cached), the dialect a port declares, and
 * the two renderings of a query a {@link PortQuery} holds (the inlined one at once, the other when asked for).
 * Shared by the planners.
 */
final class PortSql {

    private final Map<SQLDialect, DSLContext> renderers = new ConcurrentHashMap<>();

    /** The renderer of the dataset's port's dialect. */
    DSLContext renderer(DatasetBinding binding) {
        return renderers.computeIfAbsent(dialect(binding), PortSql::newRenderer);
    }

    /**
     * The dialect the dataset's port declares.
     *
     * @throws PorticoException {@code PUSHDOWN_UNSUPPORTED} for a dialect jOOQ does not know
     */
    static SQLDialect dialect(DatasetBinding binding) {
        try {
            return SQLDialect.valueOf(binding.sqlDialect().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PorticoException(ErrorCode.PUSHDOWN_UNSUPPORTED, "port " + binding.portId()
                    + " declares SQL dialect '" + binding.sqlDialect() + "', which Portico cannot render");
        }
    }

    private static DSLContext newRenderer(SQLDialect dialect) {
        Settings settings = new Settings()
                .withParamType(ParamType.INDEXED)
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
                .withRenderFormatted(false)
                .withRenderSchema(false)
                .withExecuteLogging(false);
        return DSL.using(dialect, settings);
    }

    /**
     * {@code query} for a port: rendered once now with its values inlined by jOOQ (the text a read sends and the
     * result cache keys), its placeholder rendering and values only when asked for ({@link PortQuery#sql()}).
     *
     * @throws PorticoException {@code BAD_USER_INPUT} for a text value holding NUL (U+0000) sent to DuckDB, whose
     *                          SQL parser ends a statement at NUL: the literal jOOQ renders cannot reach it whole
     */
    static PortQuery render(DSLContext sql, Query query) {
        String statement = sql.renderInlined(query);
        if (sql.dialect() == SQLDialect.DUCKDB && statement.indexOf('\u0000') >= 0) {
            refuseNul(sql.extractBindValues(query));
        }
        return PortQuery.rendered(statement,
                () -> new PortQuery.Placeholders(sql.render(query), sql.extractBindValues(query)));
    }

    /**
     * Refuses a text value holding NUL. Only called when the inlined statement holds a NUL: jOOQ inlines a text
     * value for DuckDB as a quoted literal of its very characters (a NUL stays a NUL; a byte array is written in
     * hex escapes), so a statement without NUL has no such value, and one with NUL is checked value by value.
     */
    private static void refuseNul(List<Object> values) {
        for (Object value : values) {
            if (value instanceof String text && text.indexOf('\u0000') >= 0) {
                throw new PorticoException(ErrorCode.BAD_USER_INPUT, "a text value holds the NUL character"
                        + " (U+0000), which a DuckDB port cannot be asked for; remove it from the value");
            }
        }
    }
}

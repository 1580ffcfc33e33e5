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
 * the two renderings of a query a {@link PortQuery} holds. Shared by the planners.
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
     * Both renderings of {@code query}: with placeholders and its values, and with its values inlined by jOOQ.
     *
     * @throws PorticoException {@code BAD_USER_INPUT} for a text value holding NUL (U+0000) sent to DuckDB, whose
     *                          SQL parser ends a statement at NUL: the literal jOOQ renders cannot reach it whole
     */
    static PortQuery render(DSLContext sql, Query query) {
        List<Object> values = sql.extractBindValues(query);
        if (sql.dialect() == SQLDialect.DUCKDB) {
            for (Object value : values) {
                if (value instanceof String text && text.indexOf('\u0000') >= 0) {
                    throw new PorticoException(ErrorCode.BAD_USER_INPUT, "a text value holds the NUL character"
                            + " (U+0000), which a DuckDB port cannot be asked for; remove it from the value");
                }
            }
        }
        return new PortQuery(sql.render(query), values, sql.renderInlined(query));
    }
}

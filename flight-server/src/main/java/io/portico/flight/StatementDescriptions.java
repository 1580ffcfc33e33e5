package io.portico.flight;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.portico.schema.error.ErrorCode;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.vector.types.pojo.Schema;
import org.jooq.SQLDialect;

/**
 * The result and parameter schemas of the statements a port accepted, from the database's own description of
 * each, kept by SQL text so a statement sent again (a dashboard's, the same page of a plain statement) is not
 * prepared twice per call; bounded by the characters of the SQL held.
 */
final class StatementDescriptions {

    /** The most characters of SQL text whose descriptions are kept. */
    private static final long DESCRIBED_CHARACTERS = 4L << 20;

    private final Cache<String, Description> cache = Caffeine.newBuilder()
            .maximumWeight(DESCRIBED_CHARACTERS)
            .weigher((String sql, Description description) -> sql.length())
            .build();
    private final PortSessions sessions;
    private final SQLDialect dialect;

    StatementDescriptions(PortSessions sessions, SQLDialect dialect) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    /** The result and parameter schemas of a statement, from the database's own description of it. */
    record Description(Schema datasetSchema, Schema parameterSchema) {
    }

    /**
     * Asks the database to prepare (not run) the statement. A database that cannot be reached is
     * {@link ErrorCode#PORT_UNAVAILABLE}; a statement the database rejects (unknown column, type error, ...) is
     * {@link ErrorCode#STATEMENT_REFUSED} with the database's reason, whether the driver checks it when preparing
     * (DuckDB, H2) or only when asked to describe it (PostgreSQL).
     */
    Description of(String sql) throws SQLException {
        Description known = cache.getIfPresent(sql);
        if (known != null) {
            return known;
        }
        Description description = describeAnew(sql);
        cache.put(sql, description);
        return description;
    }

    /**
     * {@link #of}, asking the database on a session of the port's. On DuckDB the session keeps the prepared
     * statement, so the {@code DoGet} that usually follows runs it without preparing it again.
     */
    private Description describeAnew(String sql) throws SQLException {
        PortSession session = lend(sessions);
        boolean reusable = false;
        try {
            ResultSetMetaData metaData;
            ParameterMetaData parameterMetaData;
            try {
                PreparedStatement statement = session.prepare(sql);
                metaData = statement.getMetaData();
                parameterMetaData = statement.getParameterMetaData();
            } catch (SQLException e) {
                session.failed(sql, e);
                reusable = true;
                throw rejected(e);
            }
            if (metaData == null) {
                session.forget(sql);
                reusable = true;
                throw FlightErrors.error(ErrorCode.PORT_ERROR, "the database cannot describe the statement's result");
            }
            Description description = new Description(
                    JdbcArrowTypes.resultSchema(metaData, dialect == SQLDialect.DUCKDB),
                    JdbcArrowTypes.parameterSchema(parameterMetaData));
            reusable = true;
            return description;
        } finally {
            session.release(reusable);
        }
    }

    /**
     * A failure to prepare or describe a statement: {@link ErrorCode#STATEMENT_REFUSED} with the database's reason,
     * or {@link ErrorCode#PORT_UNAVAILABLE} when the connection failed (SQLSTATE class 08), not the statement.
     */
    private static FlightRuntimeException rejected(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) {
            return FlightErrors.error(ErrorCode.PORT_UNAVAILABLE, "the port lost its database: " + FlightErrors.firstLine(e.getMessage()));
        }
        return FlightErrors.refused("the database rejected the statement: " + FlightErrors.firstLine(e.getMessage()));
    }

    /** A session of the port's; a database that cannot be reached is {@link ErrorCode#PORT_UNAVAILABLE}. */
    static PortSession lend(PortSessions sessions) {
        try {
            return sessions.lend();
        } catch (SQLException e) {
            throw FlightErrors.error(ErrorCode.PORT_UNAVAILABLE, "the port cannot reach its database: "
                    + FlightErrors.firstLine(e.getMessage()));
        }
    }
}

package io.portico.flight;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;
import org.jooq.SQLDialect;
import org.jooq.tools.jdbc.JDBCUtils;

/**
 * The database behind an output port: how the port gets a JDBC connection (a session, see {@link PortSessions}), and
 * which SQL dialect its statements are parsed in. The port never closes the database itself; whoever created it does.
 */
public sealed interface PortDatabase permits PortDatabase.DuckDb, PortDatabase.Jdbc {

    /**
     * An open DuckDB database (in memory or a file); the port's sessions are {@code duplicate()}s of it, pooled (see
     * {@link FlightPortConfig#sessionPoolSize()}).
     */
    static PortDatabase duckDb(DuckDBConnection connection) {
        return new DuckDb(connection);
    }

    /** Any JDBC database by URL (PostgreSQL, H2, ...); the dialect is derived from the URL. */
    static PortDatabase jdbc(String url, String user, String password) {
        return new Jdbc(url, user, password, JDBCUtils.dialect(url));
    }

    /** The dialect the port's statements are written in; jOOQ parses them with it. */
    SQLDialect dialect();

    /** A new connection, its session prepared (UTC); the caller closes it. */
    Connection connect() throws SQLException;

    /** Where the data lives, without credentials, for logs and the command line. */
    String describe();

    /**
     * DuckDB: one connection cannot run concurrent queries, so each session is a {@link DuckDBConnection#duplicate()}
     * of the given connection, whose owner keeps it open for as long as the port runs.
     */
    record DuckDb(DuckDBConnection connection) implements PortDatabase {

        private static final String SESSION_TIME_ZONE = "SET TimeZone = 'UTC'";

        public DuckDb {
            requireNonNull(connection, "connection is null");
        }

        @Override
        public SQLDialect dialect() {
            return SQLDialect.DUCKDB;
        }

        @Override
        public Connection connect() throws SQLException {
            DuckDBConnection duplicate = connection.duplicate();
            try (Statement statement = duplicate.createStatement()) {
                statement.execute(SESSION_TIME_ZONE);
            } catch (SQLException e) {
                duplicate.close();
                throw e;
            }
            return duplicate;
        }

        @Override
        public String describe() {
            return "DuckDB";
        }
    }

    /**
     * A database reached by JDBC URL. Connections are read-only where the driver supports it and run without
     * auto-commit, so drivers such as PostgreSQL's stream results with the fetch size instead of loading them whole.
     * PostgreSQL sessions are set to UTC (its driver otherwise takes the JVM's zone), so that casts of zoned
     * timestamps to dates and timestamps bound without a zone mean the same as on DuckDB.
     */
    record Jdbc(String url, String user, String password, SQLDialect dialect) implements PortDatabase {

        private static final String POSTGRES_SESSION_TIME_ZONE = "SET TIME ZONE 'UTC'";

        public Jdbc {
            requireNonNull(url, "url is null");
            requireNonNull(dialect, "dialect is null");
        }

        @Override
        public Connection connect() throws SQLException {
            Connection connection = DriverManager.getConnection(url, user, password);
            try {
                prepareSession(connection);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return connection;
        }

        private void prepareSession(Connection connection) throws SQLException {
            try {
                connection.setReadOnly(true);
            } catch (SQLFeatureNotSupportedException ignored) {
                // the statement guard still refuses anything but SELECT
            }
            connection.setAutoCommit(false);
            if (dialect.family() == SQLDialect.POSTGRES) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(POSTGRES_SESSION_TIME_ZONE);
                }
            }
        }

        @Override
        public String describe() {
            int end = url.length();
            for (char separator : new char[] {'?', ';'}) {
                int index = url.indexOf(separator);
                if (index >= 0 && index < end) {
                    end = index;
                }
            }
            return url.substring(0, end);
        }

        @Override
        public String toString() {
            return "Jdbc[url=" + describe() + ", user=" + user + ", dialect=" + dialect + "]";
        }
    }
}

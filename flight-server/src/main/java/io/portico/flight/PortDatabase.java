package io.portico.flight;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.jooq.SQLDialect;
import org.jooq.tools.jdbc.JDBCUtils;

/**
 * The database behind an output port: how the port gets a JDBC connection (a session, see {@link PortSessions}), and
 * which SQL dialect its statements are parsed in. The port never closes the database itself; whoever created it does.
 */
public sealed interface PortDatabase permits PortDatabase.DuckDb, PortDatabase.DuckDbFile, PortDatabase.Jdbc {

    /**
     * An open DuckDB database (in memory or a file); the port's sessions are {@code duplicate()}s of it, pooled (see
     * {@link FlightPortConfig#sessionPoolSize()}).
     */
    static PortDatabase duckDb(DuckDBConnection connection) {
        return new DuckDb(connection);
    }

    /**
     * A DuckDB database file the owning team keeps writing: every session is a short-lived read-only connection of
     * its own (see {@link DuckDbFile}), so the port holds no lock on the file between statements.
     */
    static PortDatabase duckDbFile(Path file) {
        return new DuckDbFile(file);
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
     * A DuckDB database file served without locking its owners out. DuckDB lets one process write a file, or several
     * read it, never both at once; a port that kept the file open would hold it for as long as it runs. Here every
     * session opens the file read-only for one statement and closes it after (about 20 ms on a small file; sessions
     * are not pooled, see {@link PortSessions}), so a writer in another process gets the file between statements.
     * While a writer holds it, opening retries for up to {@link #LOCK_WAIT}; the writer, likewise, should connect
     * for each change and retry while a statement reads (docs/publishing.md). External access (files, extensions)
     * is off in every session.
     */
    record DuckDbFile(Path file) implements PortDatabase {

        /** How long a statement waits for a writer to release the file before it fails. */
        static final java.time.Duration LOCK_WAIT = java.time.Duration.ofSeconds(5);
        private static final String SESSION_SETUP = "SET TimeZone = 'UTC'";

        public DuckDbFile {
            requireNonNull(file, "file is null");
        }

        @Override
        public SQLDialect dialect() {
            return SQLDialect.DUCKDB;
        }

        @Override
        public Connection connect() throws SQLException {
            Connection connection = openReadOnly();
            try (Statement statement = connection.createStatement()) {
                statement.execute(SESSION_SETUP);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return connection;
        }

        private Connection openReadOnly() throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("duckdb.read_only", "true");
            properties.setProperty("enable_external_access", "false");
            long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
            long pause = 5;
            while (true) {
                try {
                    return DriverManager.getConnection("jdbc:duckdb:" + file, properties);
                } catch (SQLException e) {
                    if (!isLockConflict(e) || System.nanoTime() - deadline > 0) {
                        throw e;
                    }
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting for the writer of " + file + " to release it", e);
                }
                pause = Math.min(pause * 2, 100);
            }
        }

        /** DuckDB's words when another process holds the file ("Could not set lock on file ... Conflicting lock"). */
        static boolean isLockConflict(SQLException e) {
            String message = String.valueOf(e.getMessage());
            return message.contains("Could not set lock") || message.contains("Conflicting lock");
        }

        @Override
        public String describe() {
            return "DuckDB file " + file + " (read-only, a connection per statement)";
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

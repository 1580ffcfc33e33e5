package io.portico.flight.demo;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;

/** In-memory DuckDB databases filled with demo data, for the embedded demo mesh and for tests. */
public final class DemoDatabases {

    /** The seed the demo uses unless told otherwise. */
    public static final long DEFAULT_SEED = 42;

    private static final String IN_MEMORY_URL = "jdbc:duckdb:";
    private static final String DISABLE_EXTERNAL_ACCESS = "SET enable_external_access = false";

    private DemoDatabases() {
    }

    /**
     * A new in-memory DuckDB database holding the domain's table, generated with {@code seed} and {@code scale}. Access
     * to files and the network is disabled once the data is in. The caller closes the connection (which drops the
     * database).
     */
    public static DuckDBConnection inMemory(DemoDomain domain, long seed, double scale) throws SQLException {
        DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection(IN_MEMORY_URL);
        try {
            domain.populate(connection, seed, scale);
            disableExternalAccess(connection);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Turns off DuckDB's access to files and the network for the whole database (it cannot be turned on again), so
     * that no statement can read anything but the database's own tables.
     */
    public static void disableExternalAccess(DuckDBConnection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(DISABLE_EXTERNAL_ACCESS);
        }
    }
}

package io.portico.flight;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;

/** The conformance suite over DuckDB, streamed with DuckDB's native Arrow export. */
class DuckDbOutputPortConformanceTest extends OutputPortConformanceTest {

    private DuckDBConnection duckDb;

    @Override
    protected PortDatabase createDatabase() throws SQLException {
        duckDb = ConformanceFixtures.duckDb();
        return PortDatabase.duckDb(duckDb);
    }

    /** A session of its own, in UTC like the port's sessions (DuckDB otherwise uses the machine's time zone). */
    @Override
    protected Connection connectDirectly() throws SQLException {
        Connection connection = duckDb.duplicate();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
        }
        return connection;
    }

    @Override
    protected void dropDatabase() throws SQLException {
        duckDb.close();
    }
}

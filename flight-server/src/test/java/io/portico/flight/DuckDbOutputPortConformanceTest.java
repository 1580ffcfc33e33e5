package io.portico.flight;

import java.sql.Connection;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/** The conformance suite over DuckDB, streamed with DuckDB's native Arrow export. */
class DuckDbOutputPortConformanceTest extends OutputPortConformanceTest {

    private DuckDBConnection duckDb;

    @Override
    protected PortDatabase createDatabase() throws SQLException {
        duckDb = ConformanceFixtures.duckDb();
        return PortDatabase.duckDb(duckDb);
    }

    @Override
    protected Connection connectDirectly() throws SQLException {
        return duckDb.duplicate();
    }

    @Override
    protected void dropDatabase() throws SQLException {
        duckDb.close();
    }
}

package io.portico.flight;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance suite over PostgreSQL by JDBC URL (the generic ResultSet-to-Arrow path, with PostgreSQL's own
 * types: {@code TEXT}, {@code NUMERIC}, {@code TIMESTAMPTZ}). Needs a server: see {@link TestPostgres}.
 */
@ExtendWith(TestPostgres.Available.class)
class PostgresOutputPortConformanceTest extends OutputPortConformanceTest {

    private static final String SCHEMA = "portico_conformance";

    @Override
    protected PortDatabase createDatabase() throws SQLException {
        TestPostgres.recreateSchema(SCHEMA);
        try (Connection connection = TestPostgres.connectForLoading(SCHEMA)) {
            ConformanceFixtures.fillPostgres(connection);
        }
        return PortDatabase.jdbc(TestPostgres.urlWithSchema(SCHEMA), TestPostgres.user(), TestPostgres.password());
    }

    @Override
    protected Connection connectDirectly() throws SQLException {
        return DriverManager.getConnection(TestPostgres.urlWithSchema(SCHEMA), TestPostgres.user(), TestPostgres.password());
    }

    @Override
    protected void dropDatabase() throws SQLException {
        TestPostgres.dropSchema(SCHEMA);
    }
}

package io.portico.flight;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The conformance suite over H2 by JDBC URL: the generic ResultSet-to-Arrow path. */
class H2OutputPortConformanceTest extends OutputPortConformanceTest {

    private static final String URL = "jdbc:h2:mem:conformance;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
    private static final String USER = "sa";
    private static final String PASSWORD = "";

    private Connection keepAlive;

    @Override
    protected PortDatabase createDatabase() throws SQLException {
        keepAlive = DriverManager.getConnection(URL, USER, PASSWORD);
        ConformanceFixtures.fillH2(keepAlive);
        return PortDatabase.jdbc(URL, USER, PASSWORD);
    }

    @Override
    protected Connection connectDirectly() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    @Override
    protected boolean infersParameterTypesInExpressions() {
        return false;
    }

    @Override
    protected void dropDatabase() throws SQLException {
        try (var statement = keepAlive.createStatement()) {
            statement.execute("DROP ALL OBJECTS");
        }
        keepAlive.close();
    }
}

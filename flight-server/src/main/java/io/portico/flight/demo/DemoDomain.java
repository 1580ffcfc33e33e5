package io.portico.flight.demo;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.duckdb.DuckDBConnection;

/**
 * The three domains of the demo mesh, each with its contract (a YAML file on the classpath under
 * {@code /demo/contracts/}) and a deterministic data generator for its one dataset:
 *
 * <ul>
 *   <li>{@link #SALES}: {@code orders}, 200,000 rows at scale 1.0, each referencing an existing customer;</li>
 *   <li>{@link #CRM}: {@code customers}, 20,000 rows at scale 1.0, with personal data;</li>
 *   <li>{@link #LOGISTICS}: {@code shipments}, one or two for every order that is not {@code OPEN}.</li>
 * </ul>
 *
 * <p>The same seed and scale always produce the same rows in every domain, so the three domains, each generated in
 * its own database, still refer to each other's keys.
 */
public enum DemoDomain {

    SALES("sales", "orders"),
    CRM("crm", "customers"),
    LOGISTICS("logistics", "shipments");

    /** Orders at scale 1.0. */
    public static final long ORDERS_AT_SCALE_1 = 200_000;
    /** Customers at scale 1.0. */
    public static final long CUSTOMERS_AT_SCALE_1 = 20_000;

    private final String domain;
    private final String table;

    DemoDomain(String domain, String table) {
        this.domain = domain;
        this.table = table;
    }

    /** The contract's {@code domain}, e.g. {@code sales}. */
    public String domain() {
        return domain;
    }

    /** The dataset's table, e.g. {@code orders}. */
    public String table() {
        return table;
    }

    /** The classpath path of the domain's contract, e.g. {@code /demo/contracts/sales.odcs.yaml}. */
    public String contractResource() {
        return "/demo/contracts/" + domain + ".odcs.yaml";
    }

    /** The contract document (ODCS YAML), read from the classpath. */
    public String contractDocument() {
        try (InputStream input = DemoDomain.class.getResourceAsStream(contractResource())) {
            if (input == null) {
                throw new IllegalStateException("demo contract " + contractResource() + " is not on the classpath");
            }
            return new String(input.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo contract " + contractResource(), e);
        }
    }

    /** The domain named {@code sales}, {@code crm} or {@code logistics} (any case). */
    public static DemoDomain named(String name) {
        for (DemoDomain candidate : values()) {
            if (candidate.domain.equalsIgnoreCase(name.strip())) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown demo domain '" + name + "'; expected sales, crm or logistics");
    }

    /** Customers at the given scale (at least 1). */
    public static long customers(double scale) {
        return rows(CUSTOMERS_AT_SCALE_1, scale);
    }

    /** Orders at the given scale (at least 1). */
    public static long orders(double scale) {
        return rows(ORDERS_AT_SCALE_1, scale);
    }

    private static long rows(long atScale1, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive number, got " + scale);
        }
        return Math.max(1, Math.round(atScale1 * scale));
    }

    /**
     * Creates this domain's table in a DuckDB database and fills it.
     *
     * @param connection a connection to a DuckDB database without this domain's table
     * @param seed       same seed, same rows
     * @param scale      1.0 for the documented sizes; 0.01 for a hundredth
     */
    public void populate(Connection connection, long seed, double scale) throws SQLException {
        if (!connection.isWrapperFor(DuckDBConnection.class)) {
            throw new IllegalArgumentException("demo data is generated with DuckDB; got a "
                    + connection.getMetaData().getDatabaseProductName() + " connection");
        }
        long customers = customers(scale);
        long orders = orders(scale);
        switch (this) {
            case SALES -> createAndInsert(connection, DemoSql.CREATE_ORDERS, DemoSql.INSERT_ORDERS, seed, customers, orders);
            case CRM -> createAndInsert(connection, DemoSql.CREATE_CUSTOMERS, DemoSql.INSERT_CUSTOMERS, seed, customers);
            case LOGISTICS -> createAndInsert(connection, DemoSql.CREATE_SHIPMENTS, DemoSql.INSERT_SHIPMENTS, seed, customers, orders);
        }
    }

    private static void createAndInsert(Connection connection, String create, String insert, long... parameters)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(create);
        }
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            for (int index = 0; index < parameters.length; index++) {
                statement.setLong(index + 1, parameters[index]);
            }
            statement.executeUpdate();
        }
    }

    @Override
    public String toString() {
        return domain.toUpperCase(Locale.ROOT);
    }
}

package io.portico.flight;

import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.duckdb.DuckDBConnection;

/**
 * The data every conformance backend holds: the sales demo's {@code orders} (published by the sales contract), and
 * two tables the contract does not publish: the crm demo's {@code customers} and {@code secrets}.
 */
final class ConformanceFixtures {

    static final long SEED = 7;
    static final double SCALE = 0.5;

    private static final String CREATE_SECRETS = "CREATE TABLE secrets (id BIGINT NOT NULL, secret VARCHAR(100) NOT NULL)";
    private static final String INSERT_SECRETS = "INSERT INTO secrets VALUES (1, 'the password'), (2, 'the key')";

    private ConformanceFixtures() {
    }

    /** An in-memory DuckDB database with the conformance tables; files and network disabled. */
    static DuckDBConnection duckDb() throws SQLException {
        DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        DemoDomain.SALES.populate(connection, SEED, SCALE);
        DemoDomain.CRM.populate(connection, SEED, SCALE);
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE_SECRETS);
            statement.execute(INSERT_SECRETS);
        }
        DemoDatabases.disableExternalAccess(connection);
        return connection;
    }

    private static final String H2_CREATE_ORDERS = """
            CREATE TABLE orders (
                order_id BIGINT NOT NULL PRIMARY KEY,
                customer_id BIGINT NOT NULL,
                status VARCHAR(20) NOT NULL,
                currency VARCHAR(3) NOT NULL,
                net_amount DECIMAL(12,2) NOT NULL,
                tax_amount DECIMAL(12,2) NOT NULL,
                total_amount DECIMAL(12,2) NOT NULL,
                item_count INTEGER NOT NULL,
                created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
                updated_at TIMESTAMP(6)
            )""";
    private static final String INSERT_ORDERS = "INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String H2_CREATE_CUSTOMERS = """
            CREATE TABLE customers (
                customer_id BIGINT NOT NULL PRIMARY KEY,
                full_name VARCHAR(200) NOT NULL,
                email VARCHAR(200) NOT NULL,
                phone VARCHAR(40),
                birth_date DATE,
                region VARCHAR(10) NOT NULL,
                segment VARCHAR(20) NOT NULL,
                signup_date DATE NOT NULL
            )""";
    private static final String INSERT_CUSTOMERS = "INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT_ORDERS = "SELECT * FROM orders ORDER BY order_id";
    private static final String SELECT_CUSTOMERS = "SELECT * FROM customers ORDER BY customer_id";

    /** PostgreSQL's own types for the same columns: {@code TEXT}, {@code NUMERIC}, {@code TIMESTAMPTZ}. */
    private static final String POSTGRES_CREATE_ORDERS = """
            CREATE TABLE orders (
                order_id BIGINT NOT NULL PRIMARY KEY,
                customer_id BIGINT NOT NULL,
                status TEXT NOT NULL,
                currency VARCHAR(3) NOT NULL,
                net_amount NUMERIC(12,2) NOT NULL,
                tax_amount NUMERIC(12,2) NOT NULL,
                total_amount NUMERIC(12,2) NOT NULL,
                item_count INTEGER NOT NULL,
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMP
            )""";
    private static final String POSTGRES_CREATE_CUSTOMERS = """
            CREATE TABLE customers (
                customer_id BIGINT NOT NULL PRIMARY KEY,
                full_name TEXT NOT NULL,
                email TEXT NOT NULL,
                phone TEXT,
                birth_date DATE,
                region TEXT NOT NULL,
                segment TEXT NOT NULL,
                signup_date DATE NOT NULL
            )""";

    /** Fills an H2 database with the same rows as {@link #duckDb()} (generated in DuckDB, copied over JDBC). */
    static void fillH2(Connection h2) throws SQLException {
        fill(h2, H2_CREATE_ORDERS, H2_CREATE_CUSTOMERS);
    }

    /**
     * Fills the current schema of a PostgreSQL database with the same rows as {@link #duckDb()} (the demo generator
     * is DuckDB SQL, so the rows are generated in DuckDB and copied over JDBC).
     */
    static void fillPostgres(Connection postgres) throws SQLException {
        fill(postgres, POSTGRES_CREATE_ORDERS, POSTGRES_CREATE_CUSTOMERS);
    }

    private static void fill(Connection target, String createOrders, String createCustomers) throws SQLException {
        try (DuckDBConnection source = duckDb(); Statement statement = target.createStatement()) {
            statement.execute(createOrders);
            statement.execute(createCustomers);
            statement.execute(CREATE_SECRETS);
            statement.execute(INSERT_SECRETS);
            copy(source, SELECT_ORDERS, target, INSERT_ORDERS);
            copy(source, SELECT_CUSTOMERS, target, INSERT_CUSTOMERS);
        }
    }

    private static void copy(Connection source, String select, Connection target, String insert) throws SQLException {
        try (Statement query = source.createStatement();
             ResultSet rows = query.executeQuery(select);
             PreparedStatement statement = target.prepareStatement(insert)) {
            ResultSetMetaData metaData = rows.getMetaData();
            int pending = 0;
            while (rows.next()) {
                for (int column = 1; column <= metaData.getColumnCount(); column++) {
                    statement.setObject(column, value(rows, column, metaData.getColumnType(column)));
                }
                statement.addBatch();
                if (++pending == 5_000) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            statement.executeBatch();
        }
    }

    private static Object value(ResultSet rows, int column, int type) throws SQLException {
        return switch (type) {
            case Types.TIMESTAMP_WITH_TIMEZONE -> rows.getObject(column, OffsetDateTime.class);
            case Types.TIMESTAMP -> rows.getObject(column, LocalDateTime.class);
            case Types.DATE -> rows.getObject(column, LocalDate.class);
            default -> rows.getObject(column);
        };
    }
}

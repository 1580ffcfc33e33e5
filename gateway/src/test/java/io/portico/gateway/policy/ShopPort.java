package io.portico.gateway.policy;

import io.portico.flight.FlightPort;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.flight.FlightPortConfig;
import io.portico.flight.PortDatabase;
import io.portico.flight.StatementLog;
import io.portico.schema.contract.ContractParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;

/**
 * One real Flight SQL port on loopback (port 0) over an in-memory DuckDB serving three datasets of domain
 * {@code shop}: {@code customers} (30, regions EMEA, APAC, AMER in turn), {@code orders} (120; the customer of
 * order {@code i} is {@code i % 30 + 1}, none for every 17th) whose {@code customer_id} is a foreign key to
 * {@code customers}, and {@code notes} (no relationship). Two related datasets on one port: a row filter of orders
 * that follows the relationship is one semi-join. Closing it stops the port and fails on leaked Arrow memory.
 */
final class ShopPort implements AutoCloseable {

    private static final String CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: shop-store-port
            version: 1.0.0
            status: active
            domain: shop
            dataProduct: store
            servers:
              - server: shop-port
                type: custom
                customProperties:
                  - property: flightSqlUrl
                    value: %s
                  - property: sqlDialect
                    value: DUCKDB
            schema:
              - name: customers
                physicalName: shop_customers
                properties:
                  - {name: customer_id, logicalType: integer, physicalType: BIGINT, required: true, primaryKey: true}
                  - {name: region, logicalType: string, required: true}
              - name: orders
                physicalName: shop_orders
                properties:
                  - {name: order_id, logicalType: integer, physicalType: BIGINT, required: true, primaryKey: true}
                  - name: customer_id
                    logicalType: integer
                    physicalType: BIGINT
                    relationships:
                      - {type: foreignKey, to: customers.customer_id}
                  - {name: amount, logicalType: integer}
              - name: notes
                physicalName: shop_notes
                properties:
                  - {name: note_id, logicalType: integer, physicalType: BIGINT, required: true, primaryKey: true}
                  - {name: text, logicalType: string}
            """;

    private final BufferAllocator allocator;
    private final DuckDBConnection database;
    private final FlightPort port;

    private ShopPort(BufferAllocator allocator, DuckDBConnection database, FlightPort port) {
        this.allocator = allocator;
        this.database = database;
        this.port = port;
    }

    static ShopPort start() throws SQLException {
        BufferAllocator allocator = new RootAllocator();
        DuckDBConnection database = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = database.createStatement()) {
            statement.execute("CREATE TABLE shop_customers (customer_id BIGINT PRIMARY KEY, region VARCHAR NOT NULL)");
            statement.execute("INSERT INTO shop_customers SELECT i, ['EMEA', 'APAC', 'AMER'][i % 3 + 1]"
                    + " FROM range(1, 31) t(i)");
            statement.execute("CREATE TABLE shop_orders (order_id BIGINT PRIMARY KEY, customer_id BIGINT,"
                    + " amount INTEGER)");
            statement.execute("INSERT INTO shop_orders SELECT i, CASE WHEN i % 17 = 0 THEN NULL ELSE i % 30 + 1 END,"
                    + " CAST(i * 3 AS INTEGER) FROM range(1, 121) t(i)");
            statement.execute("CREATE TABLE shop_notes (note_id BIGINT PRIMARY KEY, text VARCHAR)");
            statement.execute("INSERT INTO shop_notes VALUES (1, 'first'), (2, 'second')");
        }
        FlightPort port = FlightPort.start(TestPortCredentials.portConfig(ContractParser.parse(CONTRACT.formatted(
                "grpc+tcp://127.0.0.1:1")), PortDatabase.duckDb(database)), allocator);
        return new ShopPort(allocator, database, port);
    }

    /** The port's contract, naming its real address, written to {@code directory}. */
    Path writeContract(Path directory) {
        try {
            return Files.writeString(directory.resolve("shop.odcs.yaml"),
                    CONTRACT.formatted(port.location().getUri().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StatementLog statementLog() {
        return port.statementLog();
    }

    /** The ids of the rows a query on the port's own database returns (first column). */
    List<Long> ids(String sql) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = database.duplicate();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    @Override
    public void close() throws SQLException {
        try {
            port.close();
        } finally {
            database.close();
            allocator.close();
        }
    }
}

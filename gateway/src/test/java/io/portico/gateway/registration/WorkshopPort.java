package io.portico.gateway.registration;

import io.portico.flight.FlightPort;
import io.portico.flight.FlightPortConfig;
import io.portico.flight.PortDatabase;
import io.portico.flight.auth.AcceptedCredentials;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.schema.contract.ContractParser;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;

/**
 * A real Flight SQL port on loopback (port 0) over an in-memory DuckDB with two tables, for registration tests:
 * {@code gadgets} (gadget_id BIGINT PRIMARY KEY, name VARCHAR NOT NULL, price DECIMAL(10,2), launched DATE,
 * sold_at TIMESTAMP, tags VARCHAR[], specs STRUCT(weight DOUBLE, color VARCHAR)) with three rows, and
 * {@code parts} (part_id INTEGER NOT NULL, gadget_id BIGINT, label VARCHAR). A port of one domain: it accepts only
 * that domain's port credential. Closing it stops the port and fails on leaked Arrow memory.
 */
final class WorkshopPort implements AutoCloseable {

    private final BufferAllocator allocator;
    private final DuckDBConnection database;
    private final FlightPort port;

    private WorkshopPort(BufferAllocator allocator, DuckDBConnection database, FlightPort port) {
        this.allocator = allocator;
        this.database = database;
        this.port = port;
    }

    /**
     * A port of {@code domain}: its contract names that domain, it accepts the credential a test gateway presents to
     * that domain's ports, and it states that domain when asked.
     */
    static WorkshopPort start(String domain) throws SQLException {
        return start(domain, TestPortCredentials.acceptedBy(domain));
    }

    /** A port of {@code domain} accepting {@code credentials}. */
    static WorkshopPort start(String domain, AcceptedCredentials credentials) throws SQLException {
        BufferAllocator allocator = new RootAllocator();
        DuckDBConnection database = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = database.createStatement()) {
            statement.execute("CREATE TABLE gadgets (gadget_id BIGINT PRIMARY KEY, name VARCHAR NOT NULL,"
                    + " price DECIMAL(10,2), launched DATE, sold_at TIMESTAMP, tags VARCHAR[],"
                    + " specs STRUCT(weight DOUBLE, color VARCHAR))");
            statement.execute("INSERT INTO gadgets VALUES"
                    + " (1, 'lamp', 9.90, DATE '2024-01-02', TIMESTAMP '2024-02-01 10:00:00', ['home'], {'weight': 1.5, 'color': 'red'}),"
                    + " (2, 'kettle', 24.50, DATE '2024-03-04', NULL, ['kitchen', 'home'], NULL),"
                    + " (3, 'fan', NULL, NULL, NULL, [], NULL)");
            statement.execute("CREATE TABLE parts (part_id INTEGER NOT NULL, gadget_id BIGINT, label VARCHAR)");
            statement.execute("INSERT INTO parts VALUES (10, 1, 'bulb'), (11, 2, 'lid')");
        }
        String own = Contracts.builder("workshop-port", domain, "1.0.0", "grpc+tcp://127.0.0.1:1")
                .dataset(Contracts.GADGETS_ALL)
                .dataset(Contracts.PARTS)
                .build();
        FlightPort port = FlightPort.start(FlightPortConfig.of(ContractParser.parse(own),
                PortDatabase.duckDb(database), credentials), allocator);
        return new WorkshopPort(allocator, database, port);
    }

    /** The port's Flight SQL URL, e.g. {@code grpc+tcp://127.0.0.1:41234}. */
    String url() {
        return port.location().getUri().toString();
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

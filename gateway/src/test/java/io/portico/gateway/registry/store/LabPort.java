package io.portico.gateway.registry.store;

import io.portico.flight.FlightPort;
import io.portico.flight.FlightPortConfig;
import io.portico.flight.PortDatabase;
import io.portico.flight.auth.AcceptedCredentials;
import io.portico.gateway.testing.TestPortCredentials;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;

/**
 * A real Flight SQL port on loopback over an in-memory DuckDB table {@code gadgets} (gadget_id, name, price; three
 * rows), for the contracts of {@link TestContracts}. Closing it stops the port and fails on leaked Arrow memory.
 */
final class LabPort implements AutoCloseable {

    private final BufferAllocator allocator;
    private final DuckDBConnection database;
    private final FlightPort port;

    private LabPort(BufferAllocator allocator, DuckDBConnection database, FlightPort port) {
        this.allocator = allocator;
        this.database = database;
        this.port = port;
    }

    /** A port of domain {@code lab}: it accepts that domain's port credential only. */
    static LabPort start() throws SQLException {
        return start(List.of("lab"));
    }

    /**
     * A port accepting the port credentials of several domains: for registry tests that publish its table under
     * several domains without endpoint ownership (which the registration API adds; it states {@code lab} alone).
     */
    static LabPort start(List<String> domains) throws SQLException {
        BufferAllocator allocator = new RootAllocator();
        DuckDBConnection database = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = database.createStatement()) {
            statement.execute("CREATE TABLE gadgets (gadget_id BIGINT PRIMARY KEY, name VARCHAR NOT NULL,"
                    + " price DECIMAL(10,2))");
            statement.execute("INSERT INTO gadgets VALUES (1, 'lamp', 9.90), (2, 'kettle', 24.50), (3, 'fan', NULL)");
        }
        String document = TestContracts.document("lab-gadgets-port", "lab", "1.0.0", TestContracts.NOWHERE, true);
        FlightPort port = FlightPort.start(FlightPortConfig.of(TestContracts.parse(document),
                PortDatabase.duckDb(database), AcceptedCredentials.of(domains.stream()
                        .map(TestPortCredentials::credentialOf).toList())), allocator);
        return new LabPort(allocator, database, port);
    }

    /** The port's Flight SQL URL, e.g. {@code grpc+tcp://127.0.0.1:41234}. */
    String url() {
        return port.location().getUri().toString();
    }

    /** A contract of this port's {@code gadgets} table; see {@link TestContracts#document}. */
    String document(String id, String domain, String version, boolean withPrice) {
        return TestContracts.document(id, domain, version, url(), withPrice);
    }

    /** Changes the port's data, as its domain's pipeline would (e.g. {@code update gadgets ...}). */
    void execute(String sql) throws SQLException {
        try (Statement statement = database.createStatement()) {
            statement.execute(sql);
        }
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

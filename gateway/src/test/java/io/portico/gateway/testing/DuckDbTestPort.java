package io.portico.gateway.testing;

import io.portico.flight.FlightPort;
import io.portico.flight.FlightPortConfig;
import io.portico.flight.PortDatabase;
import io.portico.flight.StatementLog;
import io.portico.schema.contract.ContractParser;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;

/**
 * A real Flight SQL port on loopback (port 0) over an in-memory DuckDB that SQL statements set up, serving the
 * datasets of a contract. The contract text names its Flight SQL URL as {@value #URL}; {@link #contract()} is the
 * text with the port's real address, ready to publish. Closing it stops the port and fails on leaked Arrow memory.
 */
public final class DuckDbTestPort implements AutoCloseable {

    /** The placeholder of the port's URL in a contract text. */
    public static final String URL = "${url}";

    private final BufferAllocator allocator;
    private final DuckDBConnection database;
    private final FlightPort port;
    private final String contract;

    private DuckDbTestPort(BufferAllocator allocator, DuckDBConnection database, FlightPort port, String contract) {
        this.allocator = allocator;
        this.database = database;
        this.port = port;
        this.contract = contract;
    }

    /**
     * @param contract the port's ODCS contract, its {@code flightSqlUrl} {@value #URL}
     * @param setup    SQL statements that create and fill the tables
     */
    public static DuckDbTestPort start(String contract, String... setup) throws SQLException {
        DuckDBConnection database = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        BufferAllocator allocator = new RootAllocator();
        try {
            try (Statement statement = database.createStatement()) {
                for (String sql : setup) {
                    statement.execute(sql);
                }
            }
            FlightPort port = FlightPort.start(TestPortCredentials.portConfig(
                    ContractParser.parse(contract.replace(URL, "grpc+tcp://127.0.0.1:1")),
                    PortDatabase.duckDb(database)), allocator);
            return new DuckDbTestPort(allocator, database, port,
                    contract.replace(URL, port.location().getUri().toString()));
        } catch (SQLException | RuntimeException e) {
            allocator.close();
            database.close();
            throw e;
        }
    }

    /** The contract, naming the port's real address. */
    public String contract() {
        return contract;
    }

    /** The statements the port received. */
    public StatementLog statementLog() {
        return port.statementLog();
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

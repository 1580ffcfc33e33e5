package io.portico.benchmarks.scale;

import io.portico.flight.FlightPort;
import io.portico.flight.FlightPortConfig;
import io.portico.flight.PortDatabase;
import io.portico.flight.demo.DemoDatabases;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;

/**
 * The one real Flight SQL output port of the benchmark, in this JVM (not the gateway's): flight-server's
 * {@link FlightPort} over an in-memory DuckDB holding one table of {@link GeneratedColumn#ALL twenty columns} per
 * generated product, {@code rows} rows each. A realistic port serves many tables; each product's contract publishes
 * one of them.
 */
final class ScalePort implements AutoCloseable {

    private final BufferAllocator allocator;
    private final DuckDBConnection database;
    private final FlightPort port;

    private ScalePort(BufferAllocator allocator, DuckDBConnection database, FlightPort port) {
        this.allocator = allocator;
        this.database = database;
        this.port = port;
    }

    /** Creates and fills the tables, then starts the port on a free loopback TCP port. */
    static ScalePort start(List<GeneratedProduct> products, int rows) throws SQLException {
        BufferAllocator allocator = new RootAllocator();
        DuckDBConnection database = null;
        try {
            database = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            createTables(database, products, rows);
            DemoDatabases.disableExternalAccess(database);
            FlightPort port = FlightPort.start(FlightPortConfig.of(ContractDocuments.portContract(products),
                    PortDatabase.duckDb(database)), allocator);
            return new ScalePort(allocator, database, port);
        } catch (SQLException | RuntimeException e) {
            if (database != null) {
                database.close();
            }
            allocator.close();
            throw e;
        }
    }

    private static void createTables(DuckDBConnection database, List<GeneratedProduct> products, int rows)
            throws SQLException {
        String columns = GeneratedColumn.ALL.stream().map(GeneratedColumn::definition)
                .collect(Collectors.joining(", "));
        String values = GeneratedColumn.ALL.stream().map(GeneratedColumn::valueSql)
                .collect(Collectors.joining(", "));
        try (Statement statement = database.createStatement()) {
            for (GeneratedProduct product : products) {
                statement.execute("CREATE TABLE " + product.table() + " (" + columns + ")");
                statement.execute("INSERT INTO " + product.table() + " SELECT " + values + " FROM range(" + rows
                        + ") AS generated(i)");
            }
        }
    }

    /** Where the gateway reaches the port, e.g. {@code grpc+tcp://127.0.0.1:40123}. */
    String location() {
        return port.location().getUri().toString();
    }

    @Override
    public void close() throws SQLException {
        try {
            port.close();
        } finally {
            try {
                database.close();
            } finally {
                allocator.close();
            }
        }
    }
}

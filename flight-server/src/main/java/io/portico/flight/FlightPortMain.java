package io.portico.flight;

import io.portico.flight.demo.DemoDatabases;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;
import java.io.PrintStream;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;

/**
 * Runs one output port as a process (one container per domain in docker-compose). Prints where it listens and what
 * it publishes, and shuts down cleanly on SIGTERM. See {@link FlightPortArguments#USAGE}.
 */
public final class FlightPortMain {

    /** Arrow 18.3 reads Flight data through gRPC internals that the gRPC in use no longer has; use the copying path. */
    static final String ZERO_COPY_READ_PROPERTY = "arrow.flight.enable_zero_copy_read";
    private static final String LOGBACK_PROPERTY = "logback.configurationFile";
    private static final String LOGBACK_CONFIGURATION = "io/portico/flight/flight-port-logback.xml";

    private FlightPortMain() {
    }

    public static void main(String[] args) throws Exception {
        configureRuntime();
        FlightPortArguments arguments;
        try {
            arguments = FlightPortArguments.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("flight-port: " + e.getMessage());
            System.err.print(FlightPortArguments.USAGE);
            System.exit(2);
            return;
        }
        if (arguments.help()) {
            System.out.print(FlightPortArguments.USAGE);
            return;
        }
        RunningPort running = launch(arguments, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "flight-port-shutdown"));
        running.port().awaitTermination();
    }

    /** Must run before any Arrow or logging class loads. */
    static void configureRuntime() {
        if (System.getProperty(ZERO_COPY_READ_PROPERTY) == null) {
            System.setProperty(ZERO_COPY_READ_PROPERTY, "false");
        }
        if (System.getProperty(LOGBACK_PROPERTY) == null) {
            System.setProperty(LOGBACK_PROPERTY, LOGBACK_CONFIGURATION);
        }
    }

    /** Opens the database (generating demo data if asked), starts the port and prints its location and datasets. */
    static RunningPort launch(FlightPortArguments arguments, PrintStream out) throws Exception {
        OutputPortContract contract = arguments.contract() != null
                ? ContractParser.parse(arguments.contract())
                : ContractParser.parse(arguments.demo().contractDocument());
        BufferAllocator allocator = new RootAllocator();
        DuckDBConnection duckDb = null;
        try {
            PortDatabase database;
            if (arguments.isDuckDb()) {
                duckDb = openDuckDb(arguments, out);
                database = PortDatabase.duckDb(duckDb);
            } else {
                database = PortDatabase.jdbc(arguments.database(), arguments.user(), arguments.password());
            }
            FlightPortConfig config = FlightPortConfig.of(contract, database)
                    .withHost(arguments.host())
                    .withPort(arguments.port())
                    .withBatchRows(arguments.batchRows());
            FlightPort port = FlightPort.start(config, allocator);
            describe(port, out);
            return new RunningPort(allocator, duckDb, port);
        } catch (Exception | Error e) {
            if (duckDb != null) {
                duckDb.close();
            }
            allocator.close();
            throw e;
        }
    }

    private static DuckDBConnection openDuckDb(FlightPortArguments arguments, PrintStream out) throws SQLException {
        String path = arguments.duckDbPath();
        DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection(path == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + path);
        try {
            if (arguments.demo() != null) {
                if (tableExists(connection, arguments.demo().table())) {
                    out.println("demo table " + arguments.demo().table() + " exists in " + arguments.database() + "; keeping it");
                } else {
                    long start = System.nanoTime();
                    arguments.demo().populate(connection, arguments.seed(), arguments.scale());
                    out.printf("generated demo data for %s (seed %d, scale %s) in %d ms%n", arguments.demo().domain(),
                            arguments.seed(), arguments.scale(), (System.nanoTime() - start) / 1_000_000);
                }
            }
            DemoDatabases.disableExternalAccess(connection);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static boolean tableExists(DuckDBConnection connection, String table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        try (ResultSet tables = metaData.getTables(null, connection.getSchema(), table, null)) {
            return tables.next();
        }
    }

    private static void describe(FlightPort port, PrintStream out) {
        OutputPortContract contract = port.contract();
        out.printf("Portico flight-server: output port %s (domain %s, version %s) listening on %s%n", contract.id(),
                contract.domain(), contract.version(), port.location().getUri());
        for (PublishedTable table : port.publishedTables()) {
            out.printf("  dataset %s -> table %s (%d fields)%n", table.dataset().name(),
                    String.join(".", java.util.stream.Stream.of(table.catalog(), table.schema(), table.name())
                            .filter(java.util.Objects::nonNull).toList()),
                    table.dataset().fields().size());
        }
        out.flush();
    }

    /** A port started from the command line, with everything it owns; closing stops it and releases them. */
    static final class RunningPort implements AutoCloseable {

        private final BufferAllocator allocator;
        private final DuckDBConnection duckDb;
        private final FlightPort port;
        private final AtomicBoolean closed = new AtomicBoolean();

        RunningPort(BufferAllocator allocator, DuckDBConnection duckDb, FlightPort port) {
            this.allocator = allocator;
            this.duckDb = duckDb;
            this.port = port;
        }

        FlightPort port() {
            return port;
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            port.close();
            if (duckDb != null) {
                try {
                    duckDb.close();
                } catch (SQLException e) {
                    System.err.println("flight-port: could not close the database: " + e.getMessage());
                }
            }
            allocator.close();
        }
    }
}

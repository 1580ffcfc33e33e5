package io.portico.benchmarks.jmh;

import io.portico.flight.FlightPort;
import io.portico.flight.FlightPortConfig;
import io.portico.flight.PortDatabase;
import io.portico.flight.auth.AcceptedCredentials;
import io.portico.flight.auth.BearerCredentialMiddleware;
import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.gateway.port.FlightReadPath;
import io.portico.schema.contract.ContractParser;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The reference port alone, answering the small statement of a gateway page: a real port on loopback over the
 * in-memory DuckDB demo data of the sales domain ({@code scale} 0.01: 2,000 orders; 1.0: 200,000), and a
 * {@link FlightSqlClient} on the same machine presenting the port's credential, reading as the gateway does
 * ({@link FlightReadPath}).
 *
 * <p>{@code plainStatement} is how the gateway calls a port: one plain Flight SQL statement with its values inlined
 * ({@code GetFlightInfo} then {@code DoGet}); {@code preparedStatement} the former five-call path
 * ({@code CreatePreparedStatement}, {@code GetFlightInfo}, {@code DoGet}, {@code ClosePreparedStatement}, here
 * without parameters, so without the parameter {@code DoPut}) for comparison. The statement is the page of
 * {@code orders(first: 10) { orderId totalAmount customer { ... } }}: three columns, 11 rows. The score is
 * microseconds per statement, including both ends' gRPC work (client and port share the machine's cores).
 *
 * <p>{@code sessions}: {@code pooled} is the port's default (pooled DuckDB sessions, each keeping its prepared
 * statements); {@code unpooled} sets {@link FlightPortConfig#sessionPoolSize()} to 0, so every call duplicates a
 * connection, sets its time zone and prepares the statement, as the port did before pooling.
 *
 * <p>Run: {@code ./portico bench jmh BenchmarkPortStatement} (JMH options follow, e.g. {@code -f 1 -wi 2 -i 3},
 * {@code -p scale=1.0}, {@code -p sessions=pooled}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BenchmarkPortStatement {

    static {
        FlightReadPath.useCopyingReads();
    }

    private static final String CREDENTIAL = "benchmark-port-credential";
    private static final String PAGE = "select \"order_id\", \"total_amount\", \"customer_id\" from \"orders\""
            + " where \"status\" <> 'CANCELLED' order by \"order_id\" asc limit 11";

    /** Demo data scale: 0.01 is 2,000 orders, 1.0 is 200,000 (the demo's default). */
    @Param({"0.01"})
    public double scale;

    /** {@code pooled}: the port's default; {@code unpooled}: a new session and prepare per call. */
    @Param({"pooled", "unpooled"})
    public String sessions;

    private BufferAllocator allocator;
    private DuckDBConnection database;
    private FlightPort port;
    private FlightSqlClient client;

    @Setup(Level.Trial)
    public void start() throws Exception {
        allocator = new RootAllocator();
        database = DemoDatabases.inMemory(DemoDomain.SALES, DemoDatabases.DEFAULT_SEED, scale);
        FlightPortConfig config = FlightPortConfig.of(ContractParser.parse(DemoDomain.SALES.contractDocument()),
                PortDatabase.duckDb(database), AcceptedCredentials.of(CREDENTIAL));
        port = FlightPort.start("unpooled".equals(sessions) ? config.withSessionPoolSize(0) : config, allocator);
        client = new FlightSqlClient(FlightClient.builder(allocator, port.location())
                .intercept(new BearerCredentialMiddleware(CREDENTIAL)).build());
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        client.close();
        port.close();
        database.close();
        allocator.close();
    }

    @Benchmark
    public long plainStatement() throws Exception {
        return read(client.execute(PAGE));
    }

    @Benchmark
    public long preparedStatement() throws Exception {
        try (FlightSqlClient.PreparedStatement statement = client.prepare(PAGE)) {
            return read(statement.execute());
        }
    }

    private long read(FlightInfo info) throws Exception {
        long rows = 0;
        for (FlightEndpoint endpoint : info.getEndpoints()) {
            try (FlightStream stream = client.getStream(endpoint.getTicket())) {
                while (stream.next()) {
                    rows += stream.getRoot().getRowCount();
                }
            }
        }
        return rows;
    }
}

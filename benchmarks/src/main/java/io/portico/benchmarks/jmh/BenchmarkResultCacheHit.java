package io.portico.benchmarks.jmh;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portico.flight.FlightPort;
import io.portico.flight.FlightPortConfig;
import io.portico.flight.PortDatabase;
import io.portico.flight.auth.AcceptedCredentials;
import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.gateway.cache.ResultCache;
import io.portico.gateway.cache.ResultCacheProperties;
import io.portico.gateway.plan.PortQuery;
import io.portico.gateway.port.ColumnMasks;
import io.portico.gateway.port.ColumnarResult;
import io.portico.gateway.port.FlightPortClient;
import io.portico.gateway.port.FlightPortClients;
import io.portico.gateway.port.FlightReadPath;
import io.portico.gateway.port.PortCallGuard;
import io.portico.gateway.port.PortChannels;
import io.portico.gateway.port.PortCredentials;
import io.portico.gateway.port.PortReader;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.springframework.util.unit.DataSize;

/**
 * What a result cache hit costs the read path: the page statement of a small GraphQL query ({@code rows} rows of
 * three columns of the demo's {@code orders}), read into a {@link ColumnarResult} as the read path does, either
 * through the {@link ResultCache} (a hit: the key's lookup, then the cached Arrow IPC stream replayed into the
 * caller's collector, with a child allocator per replay) or straight from the reference port on loopback (the
 * uncached path: the Flight SQL statement, its two round trips and the port's DuckDB work). The score is
 * microseconds per read.
 *
 * <p>Run: {@code ./portico bench jmh BenchmarkResultCacheHit} (JMH options follow, e.g. {@code -f 1 -wi 2 -i 3},
 * {@code -p rows=11,101}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BenchmarkResultCacheHit {

    static {
        FlightReadPath.useCopyingReads();
    }

    private static final String CREDENTIAL = "benchmark-port-credential";
    private static final String PORT_ID = "sales-orders-port";

    /** Rows of the page: a page of 10 reads 11 (one more tells whether there is a next page). */
    @Param({"11", "101"})
    public int rows;

    private BufferAllocator allocator;
    private DuckDBConnection database;
    private FlightPort port;
    private FlightPortClients clients;
    private ResultCache cache;
    private FlightPortClient client;
    private PortReader cached;
    private PortQuery page;

    @Setup(Level.Trial)
    public void start() throws Exception {
        allocator = new RootAllocator();
        database = DemoDatabases.inMemory(DemoDomain.SALES, DemoDatabases.DEFAULT_SEED, 0.01);
        OutputPortContract contract = ContractParser.parse(DemoDomain.SALES.contractDocument());
        port = FlightPort.start(FlightPortConfig.of(contract, PortDatabase.duckDb(database),
                AcceptedCredentials.of(CREDENTIAL)), allocator);
        PortChannels channels = PortChannels.of(new PortCredentials(new byte[PortCredentials.MINIMUM_KEY_BYTES], 1,
                Map.of("sales", CREDENTIAL)), null);
        clients = new FlightPortClients(allocator, channels, Duration.ofSeconds(10),
                PortCallGuard.timeoutOnly(Duration.ofSeconds(30)));
        client = clients.forPort("sales", port.location().getUri().toString());
        cache = new ResultCache(new ResultCacheProperties(true, DataSize.ofMegabytes(64), DataSize.ofMegabytes(8),
                Duration.ofHours(1), Map.of(PORT_ID, Duration.ofHours(1)), Duration.ofMillis(250)), allocator,
                new SimpleMeterRegistry(), Ticker.systemTicker(), Runnable::run);
        cached = cache.of(new PortSnapshot(contract, Map.of()), client);
        page = new PortQuery("select \"order_id\", \"total_amount\", \"customer_id\" from \"orders\""
                + " where \"status\" <> 'CANCELLED' order by \"order_id\" asc limit " + rows, List.of());
        cachedRead();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        cache.close();
        clients.close();
        port.close();
        database.close();
        allocator.close();
    }

    @Benchmark
    public int cachedRead() {
        return cached.read(PORT_ID, page, null, rows, ColumnMasks.NONE).rowCount();
    }

    @Benchmark
    public int uncachedRead() {
        return client.read(PORT_ID, page, null, rows, ColumnMasks.NONE).rowCount();
    }
}

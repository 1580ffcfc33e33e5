package io.portico.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.plan.PortQuery;
import io.portico.gateway.port.BatchConsumer;
import io.portico.gateway.port.ColumnMasks;
import io.portico.gateway.port.ColumnarResult;
import io.portico.gateway.port.FlightPortClient;
import io.portico.gateway.port.FlightPortClients;
import io.portico.gateway.port.PortFailure;
import io.portico.gateway.port.PortReader;
import io.portico.gateway.resilience.PortResilience;
import io.portico.gateway.resilience.ResilienceProperties;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.error.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The caching reader in front of a real DuckDB port on loopback, read through the real Flight client under a real
 * Resilience4j guard whose bulkhead admits one call at a time: a hit makes no port call (the port's statement log
 * says so) and takes no bulkhead permit; concurrent reads of one key make one port call; a failed load is not
 * kept and every waiter gets its error; freshness, per-port TTL, the entry cap and invalidation; every allocator
 * closes clean.
 */
class CachingPortReaderTest {

    private static final String CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: numbers-port
            version: 1.0.0
            status: active
            domain: numbers
            dataProduct: numbers
            slaProperties:
              - property: freshness
                value: 10
                unit: s
            servers:
              - server: numbers
                type: custom
                customProperties:
                  - property: flightSqlUrl
                    value: ${url}
            schema:
              - name: numbers
                properties:
                  - name: id
                    logicalType: integer
                    required: true
                    primaryKey: true
            """;
    private static final int ROWS = 1_000;
    private static final List<Field> ID = List.of(new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)),
            null));

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private BufferAllocator allocator;
    private FlightPortClients clients;
    private TestPort port;
    private FlightPortClient client;
    private OutputPortContract contract;
    private ResultCache cache;

    @BeforeEach
    void start() throws Exception {
        allocator = new RootAllocator();
        PortResilience guard = new PortResilience(new ResilienceProperties(1, Duration.ZERO, 1,
                Duration.ofMillis(100), 50, 10, 10, Duration.ofSeconds(10), 3, false, Map.of()),
                Duration.ofSeconds(30), id -> Optional.empty(), meters, Clock.systemUTC());
        clients = new FlightPortClients(allocator, TestPortCredentials.channels(), Duration.ofSeconds(10), guard);
        port = TestPortCredentials.startPort(CONTRACT, "create table numbers (id bigint not null primary key)",
                "insert into numbers select range from range(" + ROWS + ")");
        contract = ContractParser.parse(port.contract());
        client = clients.forPort("numbers", contract.flightServer().orElseThrow().flightSqlUrl().orElseThrow());
        cache = cache(properties(Map.of(), DataSize.ofMegabytes(8)));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            cache.close();
            clients.close();
            assertThat(allocator.getAllocatedMemory()).as("no Arrow memory held after the reads").isZero();
            allocator.close();
        } finally {
            port.close();
        }
    }

    @Test
    void aHitMakesNoPortCallAndAnswersWhatThePortAnswered() {
        PortReader reader = cache.of(snapshot(), client);
        int before = statements();

        ColumnarResult first = reader.read("numbers-port", query(10), ID, 10, ColumnMasks.NONE);
        ColumnarResult second = reader.read("numbers-port", query(10), ID, 10, ColumnMasks.NONE);

        assertThat(statements() - before).as("one port call for two reads").isEqualTo(1);
        assertThat(values(second)).isEqualTo(values(first)).hasSize(10).startsWith(0L, 1L);
        assertThat(reader.read("numbers-port", query(11), ID, 11, ColumnMasks.NONE).rowCount())
                .as("another statement is another entry").isEqualTo(11);
        assertThat(statements() - before).isEqualTo(2);
        assertThat(meters.get(ResultCacheMeters.HITS).tag("port", "numbers-port").counter().count()).isEqualTo(1);
        assertThat(meters.get(ResultCacheMeters.MISSES).tag("port", "numbers-port").counter().count()).isEqualTo(2);
    }

    @Test
    void concurrentIdenticalReadsMakeOnePortCall() throws Exception {
        Gate gate = new Gate(client);
        PortReader reader = cache.of(snapshot(), gate);
        int before = statements();
        int readers = 16;
        ExecutorService threads = Executors.newFixedThreadPool(readers);
        try {
            List<Future<List<Object>>> answers = new ArrayList<>();
            List<Thread> waiting = new ArrayList<>();
            for (int index = 0; index < readers; index++) {
                answers.add(threads.submit(() -> {
                    synchronized (waiting) {
                        waiting.add(Thread.currentThread());
                    }
                    return values(reader.read("numbers-port", query(50), ID, 50, ColumnMasks.NONE));
                }));
            }
            assertThat(gate.entered.await(10, TimeUnit.SECONDS)).as("one read went to the port").isTrue();
            awaitAllWaiting(waiting, readers);
            gate.release.countDown();

            List<Object> expected = answers.getFirst().get(10, TimeUnit.SECONDS);
            for (Future<List<Object>> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(expected);
            }
            assertThat(expected).hasSize(50);
            assertThat(gate.calls.get()).as("reads that reached the port's reader").isEqualTo(1);
            assertThat(statements() - before).as("statements the port received").isEqualTo(1);
        } finally {
            gate.release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void aFailedLoadIsNotKeptAndEveryWaiterGetsTheSameError() throws Exception {
        Gate gate = new Gate(client);
        PortReader reader = cache.of(snapshot(), gate);
        List<Field> drifted = List.of(new Field("id", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null));
        int readers = 8;
        ExecutorService threads = Executors.newFixedThreadPool(readers);
        try {
            List<Future<Throwable>> failures = new ArrayList<>();
            List<Thread> waiting = new ArrayList<>();
            for (int index = 0; index < readers; index++) {
                failures.add(threads.submit(() -> {
                    synchronized (waiting) {
                        waiting.add(Thread.currentThread());
                    }
                    try {
                        reader.read("numbers-port", query(5), drifted, 5, ColumnMasks.NONE);
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
            awaitAllWaiting(waiting, readers);
            gate.release.countDown();

            Throwable first = failures.getFirst().get(10, TimeUnit.SECONDS);
            assertThat(first).isInstanceOfSatisfying(PortFailure.class,
                    failure -> assertThat(failure.code()).isEqualTo(ErrorCode.PORT_SCHEMA_DRIFT));
            for (Future<Throwable> failure : failures) {
                assertThat(failure.get(10, TimeUnit.SECONDS)).as("the same typed error").isSameAs(first);
            }
            assertThat(gate.calls.get()).isEqualTo(1);
        } finally {
            gate.release.countDown();
            threads.shutdownNow();
        }
        assertThatThrownBy(() -> reader.read("numbers-port", query(5), drifted, 5, ColumnMasks.NONE))
                .isInstanceOf(PortFailure.class);
        awaitStatementsOf(query(5), 2, "the failure was not kept: the port is asked again");
    }

    @Test
    void aHitTakesNoBulkheadPermit() throws Exception {
        PortReader reader = cache.of(snapshot(), client);
        ColumnarResult cached = reader.read("numbers-port", query(3), ID, 3, ColumnMasks.NONE);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Object> holder = thread.submit(() -> client.stream("numbers-port", query(4), ID,
                    () -> new HoldingConsumer(holding, release)));
            assertThat(holding.await(10, TimeUnit.SECONDS)).as("a call holds the port's one permit").isTrue();
            assertThatThrownBy(() -> client.read("numbers-port", query(6), ID, 6, ColumnMasks.NONE))
                    .as("the bulkhead is full")
                    .isInstanceOfSatisfying(PortFailure.class,
                            failure -> assertThat(failure.code()).isEqualTo(ErrorCode.PORT_UNAVAILABLE));
            long before = statementsOf(query(3));
            assertThat(before).as("the first read of the cached statement").isEqualTo(1);

            ColumnarResult hit = reader.read("numbers-port", query(3), ID, 3, ColumnMasks.NONE);

            assertThat(values(hit)).isEqualTo(values(cached));
            assertThat(statementsOf(query(3))).as("the cached statement was not sent again").isEqualTo(before);
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            thread.shutdownNow();
        }
    }

    @Test
    void anAnswerIsKeptForThePortsFreshnessThenReadAgain() {
        PortReader reader = cache.of(snapshot(), client);
        assertThat(cache.ttl(contract)).as("from the contract's SLA freshness").isEqualTo(Duration.ofSeconds(10));
        reader.read("numbers-port", query(2), ID, 2, ColumnMasks.NONE);
        int before = statements();

        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        reader.read("numbers-port", query(2), ID, 2, ColumnMasks.NONE);
        assertThat(statements()).as("still fresh").isEqualTo(before);

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        reader.read("numbers-port", query(2), ID, 2, ColumnMasks.NONE);
        assertThat(statements()).as("expired: read again").isEqualTo(before + 1);
    }

    @Test
    void aPortWithATtlOfZeroIsReadThroughItsOwnClient() {
        cache.close();
        cache = cache(properties(Map.of("numbers-port", Duration.ZERO), DataSize.ofMegabytes(8)));

        assertThat(cache.of(snapshot(), client)).isSameAs(client);
    }

    @Test
    void anAnswerOverTheEntryCapIsNotKept() {
        cache.close();
        cache = cache(properties(Map.of(), DataSize.ofKilobytes(2)));
        PortReader reader = cache.of(snapshot(), client);
        int before = statements();

        reader.read("numbers-port", query(ROWS), ID, ROWS, ColumnMasks.NONE);
        ColumnarResult again = reader.read("numbers-port", query(ROWS), ID, ROWS, ColumnMasks.NONE);
        reader.read("numbers-port", query(3), ID, 3, ColumnMasks.NONE);
        reader.read("numbers-port", query(3), ID, 3, ColumnMasks.NONE);

        assertThat(again.rowCount()).isEqualTo(ROWS);
        assertThat(statements() - before).as("8 KB of ids read twice, 3 ids once").isEqualTo(3);
    }

    @Test
    void theCacheHoldsNoMoreBytesThanItsBound() {
        cache.close();
        cache = cache(new ResultCacheProperties(true, DataSize.ofKilobytes(4), DataSize.ofMegabytes(8),
                Duration.ofMinutes(5), Map.of(), Duration.ofMillis(250)));
        PortReader reader = cache.of(snapshot(), client);

        for (int limit = 100; limit < 110; limit++) {
            reader.read("numbers-port", query(limit), ID, limit, ColumnMasks.NONE);
        }
        cache.entries().synchronous().cleanUp();

        ResultCache.PortHolding holding = cache.holdings().get("numbers-port");
        assertThat(holding.bytes()).as("about 1 KB per answer, 10 answers, a 4 KB bound").isLessThanOrEqualTo(4096);
        assertThat(holding.entries()).isBetween(1L, 4L);
        assertThat(meters.get(ResultCacheMeters.EVICTIONS).tag("port", "numbers-port").tag("cause", "size")
                .counter().count()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void anInvalidationOrANewRegistrationMakesTheNextReadAMiss() {
        PortReader reader = cache.of(snapshot(), client);
        reader.read("numbers-port", query(2), ID, 2, ColumnMasks.NONE);
        int before = statements();

        assertThat(cache.invalidate("numbers-port")).isEqualTo(1);
        reader.read("numbers-port", query(2), ID, 2, ColumnMasks.NONE);
        assertThat(statements()).isEqualTo(before + 1);
        assertThat(cache.holdings().get("numbers-port").entries()).isEqualTo(1);
        assertThat(cache.clear()).isEqualTo(1);
        reader.read("numbers-port", query(2), ID, 2, ColumnMasks.NONE);
        assertThat(statements()).as("cleared: read again").isEqualTo(before + 2);
        before++;

        OutputPortContract registeredAgain = ContractParser.parse(port.contract());
        cache.serving(new RegistrySnapshot(2, List.of(new PortSnapshot(registeredAgain, Map.of()))));
        assertThat(cache.holdings()).as("a new registration drops the old one's answers").isEmpty();
        PortReader newReader = cache.of(new PortSnapshot(registeredAgain, Map.of()), client);
        newReader.read("numbers-port", query(2), ID, 2, ColumnMasks.NONE);
        assertThat(statements()).isEqualTo(before + 2);

        cache.serving(new RegistrySnapshot(3, List.of()));
        assertThat(cache.holdings()).as("a retired port's answers are gone").isEmpty();
    }

    private ResultCache cache(ResultCacheProperties properties) {
        return new ResultCache(properties, allocator, meters, ticker, Runnable::run);
    }

    private static ResultCacheProperties properties(Map<String, Duration> ttl, DataSize maxEntryBytes) {
        return new ResultCacheProperties(true, DataSize.ofMegabytes(64), maxEntryBytes, Duration.ofMinutes(5), ttl,
                Duration.ofMillis(250));
    }

    private PortSnapshot snapshot() {
        return new PortSnapshot(contract, Map.of());
    }

    private int statements() {
        return port.statementLog().entries().size();
    }

    /** The statements the port received with exactly this text (the log is written when a stream ends). */
    private long statementsOf(PortQuery query) {
        return port.statementLog().entries().stream().filter(entry -> entry.sql().equals(query.statement())).count();
    }

    private static PortQuery query(int limit) {
        return new PortQuery("select \"id\" from \"numbers\" order by \"id\" limit " + limit, List.of());
    }

    private static List<Object> values(ColumnarResult result) {
        List<Object> values = new ArrayList<>();
        for (int row = 0; row < result.rowCount(); row++) {
            values.add(result.value(0, row));
        }
        return values;
    }

    /**
     * Waits until the port logged {@code expected} statements of this text: it logs a stream when the stream ends,
     * which for a stream the client dropped (a drifted schema) may come after the client's read returned.
     */
    private void awaitStatementsOf(PortQuery query, long expected, String why) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (statementsOf(query) < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(statementsOf(query)).as(why).isEqualTo(expected);
    }

    /** Waits until every thread but the one reading the port is parked waiting for its load. */
    private static void awaitAllWaiting(List<Thread> threads, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            int parked = 0;
            synchronized (threads) {
                for (Thread thread : threads) {
                    if (thread.getState() == Thread.State.WAITING) {
                        parked++;
                    }
                }
                if (threads.size() == expected && parked == expected) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the readers did not all wait for the one load within 10 s");
    }

    /** The port's reader, held at its door until released, counting the reads that reach it. */
    private static final class Gate implements PortReader {

        private final PortReader port;
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final AtomicLong calls = new AtomicLong();

        Gate(PortReader port) {
            this.port = port;
        }

        @Override
        public <T> T stream(String portId, PortQuery query, List<Field> expectedColumns,
                Supplier<? extends BatchConsumer<T>> consumers) {
            calls.incrementAndGet();
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return port.stream(portId, query, expectedColumns, consumers);
        }
    }

    /** Holds its port call (and so the bulkhead's permit) open until released. */
    private static final class HoldingConsumer implements BatchConsumer<Object> {

        private final CountDownLatch holding;
        private final CountDownLatch release;

        HoldingConsumer(CountDownLatch holding, CountDownLatch release) {
            this.holding = holding;
            this.release = release;
        }

        @Override
        public void start(Schema schema, BufferAllocator allocator) {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void accept(VectorSchemaRoot batch) {
        }

        @Override
        public Object finish() {
            return null;
        }
    }
}

package io.portico.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.ContractBuilder;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference port's pooled DuckDB sessions and the statements they keep, end to end: a real port on loopback over
 * an in-memory DuckDB database, called with Arrow's {@link FlightSqlClient}, every result compared with what DuckDB
 * answers directly.
 */
class PooledSessionsTest {

    /** 40,000 orders: {@code SELECT *} is far larger than what a client buffers, so a stream can be cut short. */
    private static final double SCALE = 0.2;
    private static final String PAGE = "select \"order_id\", \"total_amount\", \"customer_id\" from \"orders\""
            + " where \"status\" <> 'CANCELLED' order by \"order_id\" asc limit 11";

    private static RootAllocator rootAllocator;
    private static DuckDBConnection duckDb;

    @BeforeAll
    static void createDatabase() throws SQLException {
        rootAllocator = new RootAllocator();
        duckDb = DemoDatabases.inMemory(DemoDomain.SALES, ConformanceFixtures.SEED, SCALE);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        duckDb.close();
        rootAllocator.close();
    }

    @Test
    void runsAStatementSentAgainOnTheSameSessionWithoutPreparingItAgain() throws Exception {
        try (RunningPort running = new RunningPort(config -> config)) {
            List<List<Object>> expected = direct(PAGE);
            assertThat(expected).hasSize(11);
            for (int round = 0; round < 20; round++) {
                assertThat(running.query(PAGE)).isEqualTo(expected);
            }
            PortSessions.Stats stats = running.stats();
            assertThat(stats.opened()).as("one duplicated connection, made when the port started").isEqualTo(1);
            assertThat(stats.statementsPrepared()).as("prepared once, at the first GetFlightInfo").isEqualTo(1);
            assertThat(stats.leases()).as("start, one description, 20 streams").isEqualTo(22);
            assertThat(stats.idle()).isEqualTo(1);
        }
    }

    @Test
    void closesTheSessionOfACancelledStreamInsteadOfLendingItAgain() throws Exception {
        String everything = "SELECT * FROM orders ORDER BY order_id";
        try (RunningPort running = new RunningPort(config -> config.withSessionPoolSize(1).withBatchRows(256)
                .withBackpressureThresholdBytes(16 << 10))) {
            assertThat(running.query(PAGE)).isEqualTo(direct(PAGE));
            assertThat(running.stats().opened()).isEqualTo(1);
            try (FlightStream stream = running.client.getStream(ticket(running.client.execute(everything)))) {
                assertThat(stream.next()).isTrue();
                stream.cancel("enough", null);
            }
            await(() -> running.port.statementLog().lastMatching(entry -> entry.sql().equals(everything)).isPresent(),
                    "the cancelled stream ends");
            assertThat(running.port.statementLog().last().orElseThrow().outcome())
                    .isEqualTo(StatementLog.Outcome.CANCELLED);
            PortSessions.Stats afterCancel = running.stats();
            assertThat(afterCancel.closed()).as("the cancelled stream's session was closed").isEqualTo(1);
            assertThat(afterCancel.idle()).as("and not given back to the pool").isZero();

            assertThat(running.query(PAGE)).isEqualTo(direct(PAGE));
            assertThat(running.query(everything)).hasSize((int) DemoDomain.orders(SCALE));
            assertThat(running.stats().opened()).as("a new session after the cancelled one").isEqualTo(2);
        }
    }

    @Test
    void neverLendsOneSessionToTwoStreamsAtOnce() throws Exception {
        int streams = 16;
        List<String> statements = new ArrayList<>();
        List<List<List<Object>>> expected = new ArrayList<>();
        for (int index = 0; index < streams; index++) {
            String sql = "SELECT order_id, customer_id, " + index + " AS stream FROM orders WHERE customer_id = "
                    + (index + 1) + " OR order_id = " + (1_000 + index) + " ORDER BY order_id";
            statements.add(sql);
            expected.add(direct(sql));
        }
        try (RunningPort running = new RunningPort(config -> config.withSessionPoolSize(4).withBatchRows(2))) {
            ExecutorService clients = Executors.newFixedThreadPool(streams);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<List<List<Object>>>>> results = new ArrayList<>();
                for (String sql : statements) {
                    results.add(clients.submit(() -> {
                        start.await();
                        List<List<List<Object>>> rounds = new ArrayList<>();
                        for (int round = 0; round < 5; round++) {
                            rounds.add(running.query(sql));
                        }
                        return rounds;
                    }));
                }
                start.countDown();
                for (int index = 0; index < streams; index++) {
                    List<List<Object>> expectedRows = expected.get(index);
                    assertThat(results.get(index).get(60, TimeUnit.SECONDS))
                            .as("statement %d, every round", index)
                            .hasSize(5)
                            .allSatisfy(rows -> assertThat(rows).isEqualTo(expectedRows));
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(running.port.statementLog().entries())
                    .allSatisfy(entry -> assertThat(entry.outcome()).isEqualTo(StatementLog.Outcome.COMPLETED));
            PortSessions.Stats stats = running.stats();
            assertThat(stats.open()).as("every session given back: open ones are idle").isEqualTo(stats.idle());
            assertThat(stats.idle()).isBetween(1, 4);
        }
    }

    @Test
    void keepsABoundedNumberOfStatementsPerSessionAndClosesTheOnesItDrops() throws Exception {
        String first = "SELECT order_id FROM orders WHERE order_id = 1";
        String second = "SELECT order_id FROM orders WHERE order_id = 2";
        String third = "SELECT order_id FROM orders WHERE order_id = 3";
        try (RunningPort running = new RunningPort(config -> config.withSessionPoolSize(1).withStatementCacheSize(2))) {
            assertThat(running.query(first)).containsExactly(List.of(1L));
            assertThat(running.query(second)).containsExactly(List.of(2L));
            assertThat(running.query(third)).containsExactly(List.of(3L));
            assertThat(running.stats().statementsPrepared()).isEqualTo(3);
            assertThat(running.stats().statementsClosed()).as("the least recently used, the first").isEqualTo(1);

            assertThat(running.query(second)).containsExactly(List.of(2L));
            assertThat(running.stats().statementsPrepared()).as("the second is still kept").isEqualTo(3);

            assertThat(running.query(first)).containsExactly(List.of(1L));
            assertThat(running.stats().statementsPrepared()).as("the first was dropped: prepared again").isEqualTo(4);
            assertThat(running.stats().statementsClosed()).as("dropping the third, now least recently used")
                    .isEqualTo(2);
        }
    }

    @Test
    void bindsTheParametersOfAKeptStatementAnewForEveryExecution() throws Exception {
        String sql = "SELECT order_id, status FROM orders WHERE order_id = ?";
        try (RunningPort running = new RunningPort(config -> config.withSessionPoolSize(1))) {
            long preparedBefore = running.stats().statementsPrepared();
            try (FlightSqlClient.PreparedStatement prepared = running.client.prepare(sql)) {
                for (Long orderId : new Long[] {11L, 22L, null, 33L, 11L}) {
                    prepared.setParameters(running.orderId(orderId));
                    assertThat(running.rows(prepared.execute()))
                            .as("order %s", orderId)
                            .isEqualTo(orderId == null ? List.of() : direct(sql.replace("?", orderId.toString())));
                }
            }
            assertThat(running.stats().statementsPrepared() - preparedBefore)
                    .as("one statement, bound five times").isEqualTo(1);
        }
    }

    /**
     * The attack: a statement with parameters, kept by a session after a client bound and ran it, is sent again as a
     * plain statement ticket without parameters, hoping to be answered with the earlier client's values.
     */
    @Test
    void neverRunsAKeptStatementWithAnEarlierCallersParameters() throws Exception {
        String sql = "SELECT order_id, customer_id FROM orders WHERE order_id = ?";
        try (RunningPort running = new RunningPort(config -> config.withSessionPoolSize(1))) {
            try (FlightSqlClient.PreparedStatement prepared = running.client.prepare(sql)) {
                prepared.setParameters(running.orderId(22L));
                assertThat(running.rows(prepared.execute())).hasSize(1);
            }
            Ticket unbound = new Ticket(Any.pack(TicketStatementQuery.newBuilder()
                    .setStatementHandle(ByteString.copyFromUtf8(sql)).build()).toByteArray());
            assertThatThrownBy(() -> {
                try (FlightStream stream = running.client.getStream(unbound)) {
                    Rows.read(stream);
                }
            }).isInstanceOf(FlightRuntimeException.class).hasMessageContaining("PORT_ERROR");
            assertThat(running.port.statementLog().last().orElseThrow().outcome())
                    .isEqualTo(StatementLog.Outcome.FAILED);
            assertThat(running.stats().idle()).as("the session failed on the statement, not the connection")
                    .isEqualTo(1);

            try (FlightSqlClient.PreparedStatement prepared = running.client.prepare(sql)) {
                prepared.setParameters(running.orderId(33L));
                assertThat(running.rows(prepared.execute())).isEqualTo(direct(sql.replace("?", "33")));
            }
        }
    }

    @Test
    void closingThePortClosesEverySessionAndEveryStatement() throws Exception {
        RunningPort running = new RunningPort(config -> config.withSessionPoolSize(3));
        PortSessions sessions = running.port.sessions();
        try {
            ExecutorService clients = Executors.newFixedThreadPool(6);
            try {
                List<Future<List<List<Object>>>> results = new ArrayList<>();
                for (int index = 0; index < 6; index++) {
                    String sql = "SELECT order_id FROM orders WHERE customer_id = " + (index + 1) + " ORDER BY order_id";
                    results.add(clients.submit(() -> running.query(sql)));
                }
                for (Future<List<List<Object>>> result : results) {
                    assertThat(result.get(60, TimeUnit.SECONDS)).isNotEmpty();
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(running.query(PAGE)).hasSize(11);
            assertThat(sessions.stats().idle()).isPositive();
        } finally {
            running.close();
        }
        PortSessions.Stats stats = sessions.stats();
        assertThat(stats.open()).as("sessions open after the port closed").isZero();
        assertThat(stats.idle()).isZero();
        assertThat(stats.statementsClosed()).as("every statement prepared was closed")
                .isEqualTo(stats.statementsPrepared());
        assertThatThrownBy(sessions::lend).isInstanceOfSatisfying(PorticoException.class,
                refused -> assertThat(refused.code()).isEqualTo(ErrorCode.PORT_UNAVAILABLE));
    }

    /**
     * A stream gives its session back before it tells the client it is done, so the client's cancel can come late,
     * when the session is already lent to the next stream: it must not cancel that stream or cost it its session.
     */
    @Test
    void aLateCancelNeverReachesTheNextBorrowerOfTheSession() throws SQLException {
        try (PortSessions sessions = PortSessions.of(PortDatabase.duckDb(duckDb), 1, 4)) {
            PortSession first = sessions.lend();
            Runnable lateCancel = first.canceller();
            first.prepare(PAGE);
            first.release(true);

            PortSession next = sessions.lend();
            assertThat(next).as("the pooled session, lent again").isSameAs(first);
            PreparedStatement statement = next.prepare(PAGE);
            lateCancel.run();
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(Rows.read(rows)).isEqualTo(direct(PAGE));
            }
            next.release(true);
            assertThat(sessions.stats().idle()).as("given back, not closed as cancelled").isEqualTo(1);
            assertThat(sessions.stats().closed()).isZero();

            PortSession cancelled = sessions.lend();
            cancelled.canceller().run();
            cancelled.release(true);
            assertThat(sessions.stats().closed()).as("a lease cancelled while lent is closed").isEqualTo(1);
        }
    }

    @Test
    void closesWhatTheStatementCacheEvictsRemovesOrClears() throws SQLException {
        try (Connection connection = duckDb.duplicate()) {
            List<PreparedStatement> closedByCache = new ArrayList<>();
            StatementCache cache = new StatementCache(2, statement -> {
                closedByCache.add(statement);
                try {
                    statement.close();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            PreparedStatement one = connection.prepareStatement("SELECT 1");
            PreparedStatement two = connection.prepareStatement("SELECT 2");
            PreparedStatement three = connection.prepareStatement("SELECT 3");
            cache.put("SELECT 1", one);
            cache.put("SELECT 2", two);
            assertThat(cache.get("SELECT 1")).isSameAs(one);
            cache.put("SELECT 3", three);
            assertThat(closedByCache).as("the least recently used").containsExactly(two);
            assertThat(two.isClosed()).isTrue();
            assertThat(cache.size()).isEqualTo(2);

            cache.remove("SELECT 1");
            assertThat(one.isClosed()).isTrue();
            cache.clear();
            assertThat(three.isClosed()).isTrue();
            assertThat(cache.size()).isZero();

            assertThat(cache.accepts("SELECT " + "1 + ".repeat(StatementCache.LONGEST_CACHED_STATEMENT) + "1"))
                    .as("a statement too long to keep").isFalse();
            assertThat(new StatementCache(0, statement -> { }).accepts("SELECT 1")).isFalse();
        }
    }

    // ---- plumbing

    private static List<List<Object>> direct(String sql) throws SQLException {
        try (Connection connection = duckDb.duplicate()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TimeZone = 'UTC'");
            }
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                return Rows.read(rows);
            }
        }
    }

    private static Ticket ticket(FlightInfo info) {
        return info.getEndpoints().getFirst().getTicket();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }

    /** A port over the test database with its own allocators and client; closing it checks that no memory leaked. */
    private static final class RunningPort implements AutoCloseable {

        final BufferAllocator portAllocator = rootAllocator.newChildAllocator("port", 0, Long.MAX_VALUE);
        final BufferAllocator clientAllocator = rootAllocator.newChildAllocator("client", 0, Long.MAX_VALUE);
        final FlightPort port;
        final FlightSqlClient client;

        RunningPort(UnaryOperator<FlightPortConfig> configure) {
            port = FlightPort.start(configure.apply(FlightPortConfig.of(ContractBuilder.demo(DemoDomain.SALES),
                    PortDatabase.duckDb(duckDb), TestCredentials.accepted())), portAllocator);
            client = new FlightSqlClient(TestCredentials.client(clientAllocator, port.location()));
        }

        List<List<Object>> query(String sql) throws Exception {
            return rows(client.execute(sql));
        }

        List<List<Object>> rows(FlightInfo info) throws Exception {
            try (FlightStream stream = client.getStream(ticket(info))) {
                return Rows.read(stream);
            }
        }

        PortSessions.Stats stats() {
            return port.sessions().stats();
        }

        /** One row of one parameter {@code p1}, an order id (null for none); the prepared statement it is set on closes it. */
        VectorSchemaRoot orderId(Long orderId) {
            Field field = new Field("p1", FieldType.nullable(new ArrowType.Int(64, true)), null);
            VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(field)), clientAllocator);
            root.allocateNew();
            BigIntVector vector = (BigIntVector) root.getVector(0);
            if (orderId == null) {
                vector.setNull(0);
            } else {
                vector.set(0, orderId);
            }
            root.setRowCount(1);
            return root;
        }

        @Override
        public void close() throws Exception {
            client.close();
            port.close();
            assertThat(portAllocator.getAllocatedMemory()).isZero();
            assertThat(clientAllocator.getAllocatedMemory()).isZero();
            portAllocator.close();
            clientAllocator.close();
        }
    }
}

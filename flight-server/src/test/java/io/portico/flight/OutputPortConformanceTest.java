package io.portico.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.portico.flight.auth.BearerCredentialMiddleware;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.ContractBuilder;
import io.portico.schema.contract.FieldContract;
import io.portico.schema.contract.OutputPortContract;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightGrpcUtils;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlInfo;
import org.apache.arrow.flight.sql.util.TableRef;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every output port must do, whatever database is behind it (like Trino's {@code BaseConnectorTest}). A
 * subclass provides a database holding {@link ConformanceFixtures}' data; the suite starts a real port on loopback
 * and talks to it with Arrow's {@link FlightSqlClient} and with the Flight SQL JDBC driver, and compares every result
 * with what the same SQL returns from the database directly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OutputPortConformanceTest {

    private static final String CONTRACT_ID = "sales-orders-port";
    private static final int BATCH_ROWS = 4096;

    private RootAllocator rootAllocator;
    private BufferAllocator portAllocator;
    private BufferAllocator clientAllocator;
    private PortDatabase database;
    private OutputPortContract contract;
    private FlightPort port;
    private FlightSqlClient client;

    /** A database holding the conformance data, and what the port should use to reach it. */
    protected abstract PortDatabase createDatabase() throws Exception;

    /** A connection straight to the same database, to run the same SQL without the port. */
    protected abstract Connection connectDirectly() throws SQLException;

    protected abstract void dropDatabase() throws Exception;

    /**
     * Whether the database tells the type of a parameter inside an expression, e.g. {@code CAST(x AS DATE) <= ?}.
     * The port announces the parameter types the database reports; H2 reports {@code VARCHAR} there, and the Flight
     * SQL JDBC driver can then bind only strings.
     */
    protected boolean infersParameterTypesInExpressions() {
        return true;
    }

    @BeforeAll
    void startPort() throws Exception {
        rootAllocator = new RootAllocator();
        portAllocator = rootAllocator.newChildAllocator("port", 0, Long.MAX_VALUE);
        clientAllocator = rootAllocator.newChildAllocator("client", 0, Long.MAX_VALUE);
        database = createDatabase();
        contract = ContractBuilder.demo(DemoDomain.SALES);
        port = FlightPort.start(FlightPortConfig.of(contract, database, TestCredentials.accepted())
                .withBatchRows(BATCH_ROWS)
                .withBackpressureThresholdBytes(256 << 10), portAllocator);
        client = new FlightSqlClient(TestCredentials.client(clientAllocator, port.location()));
    }

    @AfterEach
    void everyStreamReleasedItsMemory() {
        await(() -> portAllocator.getAllocatedMemory() == 0, "the port's Arrow memory returns to 0");
        assertThat(clientAllocator.getAllocatedMemory()).isZero();
    }

    @AfterAll
    void stopPort() throws Exception {
        client.close();
        port.close();
        assertThat(portAllocator.getAllocatedMemory()).isZero();
        portAllocator.close();
        clientAllocator.close();
        rootAllocator.close();
        dropDatabase();
    }

    // ---- catalog

    @Test
    void listsOnlyThePublishedCatalogSchemaAndTable() throws Exception {
        List<List<Object>> catalogs = rows(client.getCatalogs());
        List<List<Object>> schemas = rows(client.getSchemas(null, null));
        List<List<Object>> tables = rows(client.getTables(null, null, null, null, false));

        PublishedTable orders = port.publishedTables().getFirst();
        assertThat(catalogs).containsExactly(List.of(orders.catalog()));
        assertThat(schemas).containsExactly(List.of(orders.catalog(), orders.schema()));
        assertThat(tables).containsExactly(List.of(orders.catalog(), orders.schema(), "orders", "TABLE"));
        assertThat(rows(client.getTables(null, null, "secr%", null, false))).isEmpty();
        assertThat(rows(client.getTables(null, null, "ord_rs", List.of("TABLE"), false))).hasSize(1);
        assertThat(rows(client.getTables(null, null, null, List.of("VIEW"), false))).isEmpty();
        assertThat(rows(client.getTableTypes())).containsExactly(List.of("TABLE"), List.of("VIEW"));
    }

    @Test
    void publishesTheLiveArrowSchemaOfEachTable() throws Exception {
        Schema live;
        try (FlightStream stream = client.getStream(ticket(client.getTables(null, null, "orders", null, true)))) {
            assertThat(stream.next()).isTrue();
            VarBinaryVector schemaVector = (VarBinaryVector) stream.getRoot().getVector("table_schema");
            live = Schema.deserializeMessage(ByteBuffer.wrap(schemaVector.get(0)));
        }
        assertThat(live).isEqualTo(expectedSchema(contract));
    }

    @Test
    void answersPrimaryKeysFromTheContract() throws Exception {
        PublishedTable orders = port.publishedTables().getFirst();
        List<List<Object>> keys = rows(client.getPrimaryKeys(TableRef.of(null, null, orders.name())));
        assertThat(keys).hasSize(1);
        assertThat(keys.getFirst()).contains("order_id", 1L);
    }

    @Test
    void describesItselfAsReadOnlySql() throws Exception {
        FlightInfo info = client.getSqlInfo(SqlInfo.FLIGHT_SQL_SERVER_NAME, SqlInfo.FLIGHT_SQL_SERVER_READ_ONLY,
                SqlInfo.SQL_KEYWORDS, SqlInfo.FLIGHT_SQL_SERVER_SQL);
        Map<Long, Object> values = new java.util.HashMap<>();
        try (FlightStream stream = client.getStream(ticket(info))) {
            while (stream.next()) {
                VectorSchemaRoot root = stream.getRoot();
                for (int row = 0; row < root.getRowCount(); row++) {
                    values.put(((UInt4Vector) root.getVector(0)).getValueAsLong(row), root.getVector(1).getObject(row));
                }
            }
        }
        assertThat(values.get((long) SqlInfo.FLIGHT_SQL_SERVER_NAME_VALUE).toString()).isEqualTo("Portico flight-server");
        assertThat(values.get((long) SqlInfo.FLIGHT_SQL_SERVER_READ_ONLY_VALUE)).isEqualTo(true);
        assertThat(values.get((long) SqlInfo.FLIGHT_SQL_SERVER_SQL_VALUE)).isEqualTo(true);
        assertThat(values).hasSize(3);
        assertThat(rows(client.getSqlInfo(new SqlInfo[0]))).hasSizeGreaterThan(30);
    }

    @Test
    void jdbcDriverSeesOnlyThePublishedTableAndItsColumns() throws Exception {
        try (Connection connection = connectThroughDriver()) {
            DatabaseMetaData metaData = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = metaData.getTables(null, null, "%", null)) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).containsExactly("orders");
            List<String> columns = new ArrayList<>();
            List<String> notNull = new ArrayList<>();
            try (ResultSet rows = metaData.getColumns(null, null, "orders", "%")) {
                while (rows.next()) {
                    columns.add(rows.getString("COLUMN_NAME"));
                    if ("NO".equals(rows.getString("IS_NULLABLE"))) {
                        notNull.add(rows.getString("COLUMN_NAME"));
                    }
                }
            }
            assertThat(columns).containsExactlyElementsOf(contract.datasets().getFirst().fields().stream()
                    .map(FieldContract::physicalName).toList());
            assertThat(notNull).containsExactlyElementsOf(contract.datasets().getFirst().fields().stream()
                    .filter(FieldContract::required).map(FieldContract::physicalName).toList());
        }
    }

    // ---- statements

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT * FROM orders ORDER BY order_id",
            "SELECT status, currency, count(*) AS orders, sum(total_amount) AS revenue FROM orders GROUP BY status, currency ORDER BY status, currency",
            "SELECT o.order_id, o.updated_at FROM orders o WHERE o.updated_at IS NULL AND o.order_id IN (SELECT order_id FROM orders WHERE item_count > 5) ORDER BY o.order_id",
            "WITH big AS (SELECT * FROM orders WHERE net_amount > 2000) SELECT count(*) AS n, max(created_at) AS latest FROM big",
    })
    void runsStatementsWithTheSameResultAsTheDatabase(String sql) throws Exception {
        FlightInfo info = client.execute(sql);
        List<List<Object>> received;
        Schema streamed;
        try (FlightStream stream = client.getStream(ticket(info))) {
            received = Rows.read(stream);
            streamed = stream.getSchema();
        }
        assertThat(received).isEqualTo(direct(sql, List.of()));
        assertThat(withoutNullability(streamed)).isEqualTo(withoutNullability(info.getSchema()));
        StatementLog.Entry entry = port.statementLog().last().orElseThrow();
        assertThat(entry.sql()).isEqualTo(sql);
        assertThat(entry.parameters()).isEmpty();
        assertThat(entry.rowsSent()).isEqualTo(received.size());
        assertThat(entry.outcome()).isEqualTo(StatementLog.Outcome.COMPLETED);
    }

    @Test
    void runsPreparedStatementsWithParametersTypedByTheGatewayConvention() throws Exception {
        String sql = "SELECT order_id, customer_id, status, net_amount, created_at, updated_at FROM orders"
                + " WHERE customer_id <= ? AND status = ? AND net_amount > ? AND created_at >= ?"
                + " AND CAST(created_at AS DATE) <= ? AND (updated_at IS NULL OR updated_at < ?) ORDER BY order_id";
        List<Object> values = List.of(5_000L, "DELIVERED", new BigDecimal("250.50"),
                OffsetDateTime.of(2024, 6, 1, 0, 0, 0, 0, ZoneOffset.UTC), LocalDate.of(2025, 6, 30),
                LocalDateTime.of(2025, 3, 1, 12, 0));
        List<List<Object>> expected = direct(sql, values);
        assertThat(expected).hasSizeGreaterThan(10);

        try (FlightSqlClient.PreparedStatement prepared = client.prepare(sql)) {
            assertThat(prepared.getParameterSchema().getFields()).extracting(Field::getName)
                    .containsExactly("p1", "p2", "p3", "p4", "p5", "p6");
            assertThat(withoutNullability(prepared.getResultSetSchema()).getFields()).extracting(Field::getName)
                    .containsExactly("order_id", "customer_id", "status", "net_amount", "created_at", "updated_at");
            prepared.setParameters(parameterRoot(values));
            try (FlightStream stream = client.getStream(ticket(prepared.execute()))) {
                assertThat(Rows.read(stream)).isEqualTo(expected);
            }
        }
        StatementLog.Entry entry = port.statementLog().last().orElseThrow();
        assertThat(entry.sql()).isEqualTo(sql);
        assertThat(entry.parameters()).containsExactlyElementsOf(values);
        assertThat(entry.rowsSent()).isEqualTo(expected.size());
    }

    @Test
    void givesEverySessionBackAfterItsStatement() throws Exception {
        String sql = "SELECT order_id, status FROM orders WHERE order_id <= 5 ORDER BY order_id";
        List<List<Object>> expected = direct(sql, List.of());
        for (int round = 0; round < 3; round++) {
            assertThat(rows(client.execute(sql))).isEqualTo(expected);
        }
        PortSessions.Stats stats = port.sessions().stats();
        assertThat(stats.open()).as("no session still lent: the open ones wait in the pool").isEqualTo(stats.idle());
        if (!(database instanceof PortDatabase.DuckDb)) {
            assertThat(stats.idle()).as("only DuckDB sessions are pooled").isZero();
            assertThat(stats.opened()).as("a connection per lease, as before pooling").isEqualTo(stats.leases());
        }
    }

    @Test
    void keepsEachBindingOfAPreparedStatementApart() throws Exception {
        String sql = "SELECT order_id FROM orders WHERE order_id = ?";
        try (FlightSqlClient.PreparedStatement prepared = client.prepare(sql)) {
            prepared.setParameters(parameterRoot(List.of(11L)));
            FlightInfo first = prepared.execute();
            prepared.setParameters(parameterRoot(List.of(22L)));
            FlightInfo second = prepared.execute();
            assertThat(streamRows(second)).containsExactly(List.of(22L));
            assertThat(streamRows(first)).containsExactly(List.of(11L));
        }
        assertThat(port.openPreparedStatements()).isZero();
    }

    @Test
    void runsPreparedStatementsThroughTheJdbcDriver() throws Exception {
        boolean withDate = infersParameterTypesInExpressions();
        String sql = "SELECT order_id, status, net_amount, item_count, created_at FROM orders"
                + " WHERE customer_id <= ? AND status = ? AND net_amount > ? AND created_at >= ?"
                + (withDate ? " AND CAST(created_at AS DATE) <= ?" : "") + " ORDER BY order_id";
        Instant since = Instant.parse("2024-06-01T00:00:00Z");
        LocalDate until = LocalDate.of(2025, 6, 30);
        BigDecimal amount = new BigDecimal("250.50").setScale(announcedDecimalScale(sql, 3));
        List<Object> values = new ArrayList<>(List.of(5_000L, "DELIVERED", amount,
                OffsetDateTime.ofInstant(since, ZoneOffset.UTC)));
        if (withDate) {
            values.add(until);
        }
        List<List<Object>> expected = direct(sql, values);
        assertThat(expected).hasSizeGreaterThan(10);

        try (Connection connection = connectThroughDriver();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, 5_000L);
            statement.setString(2, "DELIVERED");
            statement.setBigDecimal(3, amount);
            statement.setTimestamp(4, Timestamp.from(since));
            if (withDate) {
                statement.setDate(5, java.sql.Date.valueOf(until));
            }
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(Rows.read(rows)).isEqualTo(expected);
            }
        }
        StatementLog.Entry entry = port.statementLog().last().orElseThrow();
        assertThat(entry.sql()).isEqualTo(sql);
        assertThat(entry.parameters()).containsExactlyElementsOf(values);
    }

    @Test
    void runsPlainStatementsThroughTheJdbcDriver() throws Exception {
        String sql = "SELECT status, count(*) AS orders FROM orders GROUP BY status ORDER BY status";
        try (Connection connection = connectThroughDriver();
             java.sql.Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            assertThat(Rows.read(rows)).isEqualTo(direct(sql, List.of()));
        }
    }

    @Test
    void servesConcurrentStreams() throws Exception {
        String sql = "SELECT order_id, total_amount FROM orders WHERE customer_id = ? ORDER BY order_id";
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (long customer = 1; customer <= 8; customer++) {
                List<Object> values = List.of(customer);
                results.add(executor.submit(() -> {
                    try (FlightSqlClient.PreparedStatement prepared = client.prepare(sql)) {
                        prepared.setParameters(parameterRoot(values));
                        return streamRows(prepared.execute()).equals(direct(sql, values));
                    }
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            executor.shutdownNow();
        }
    }

    // ---- refusals

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DELETE FROM orders | only SELECT is allowed, got DELETE",
            "SELECT 1; SELECT 2 | one statement per request, got 2",
            "SELECT * FROM secrets | table 'secrets' is not published by contract sales-orders-port (published: orders)",
            "SELECT * FROM orders WHERE customer_id IN (SELECT c.customer_id FROM customers c JOIN secrets s ON s.id = c.customer_id) | tables 'customers', 'secrets' are not published by contract sales-orders-port (published: orders)",
            "SELEC * FROM orders | the statement does not parse: ",
            "SELECT no_such_column FROM orders | the database rejected the statement: ",
    })
    void refusesWhatTheContractDoesNotAllow(String sql, String reason) throws Exception {
        String description = "STATEMENT_REFUSED: " + reason;
        assertThatThrownBy(() -> client.execute(sql))
                .isInstanceOfSatisfying(FlightRuntimeException.class,
                        e -> assertThat(e.status().code()).isEqualTo(FlightStatusCode.INVALID_ARGUMENT))
                .hasMessageContaining(description);
        assertThatThrownBy(() -> client.prepare(sql))
                .isInstanceOfSatisfying(FlightRuntimeException.class,
                        e -> assertThat(e.status().code()).isEqualTo(FlightStatusCode.INVALID_ARGUMENT))
                .hasMessageContaining(description);
        try (Connection connection = connectThroughDriver(); java.sql.Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery(sql))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining(description);
        }
        assertThat(port.statementLog().entries()).noneMatch(entry -> entry.sql().equals(sql));
    }

    @Test
    void refusesUpdatesAndTransactions() {
        assertThatThrownBy(() -> client.executeUpdate("UPDATE orders SET status = 'PAID'"))
                .isInstanceOfSatisfying(FlightRuntimeException.class,
                        e -> assertThat(e.status().code()).isEqualTo(FlightStatusCode.INVALID_ARGUMENT))
                .hasMessageContaining("STATEMENT_REFUSED: only SELECT is allowed, got UPDATE");
        assertThatThrownBy(() -> client.executeUpdate("SELECT * FROM orders"))
                .isInstanceOf(FlightRuntimeException.class)
                .hasMessageContaining("STATEMENT_REFUSED: the port is read-only");
        assertThatThrownBy(client::beginTransaction)
                .isInstanceOf(FlightRuntimeException.class)
                .hasMessageContaining("STATEMENT_REFUSED: the port is read-only and has no transactions");
    }

    // ---- streaming

    @Test
    void stopsAStreamTheClientCancels() throws Exception {
        String sql = "SELECT * FROM orders ORDER BY order_id DESC";
        port.statementLog().clear();
        long total = DemoDomain.orders(ConformanceFixtures.SCALE);
        try (SmallWindowClient slow = new SmallWindowClient(port);
             FlightStream stream = slow.client().getStream(ticket(slow.client().execute(sql)))) {
            assertThat(stream.next()).isTrue();
            assertThat(stream.getRoot().getRowCount()).isEqualTo(BATCH_ROWS);
            stream.cancel("enough", null);
        }
        await(() -> port.statementLog().lastMatching(entry -> entry.sql().equals(sql)).isPresent(), "the stream ends");
        StatementLog.Entry entry = port.statementLog().lastMatching(e -> e.sql().equals(sql)).orElseThrow();
        assertThat(entry.outcome()).isEqualTo(StatementLog.Outcome.CANCELLED);
        assertThat(entry.rowsSent()).isLessThan(total / 2);
    }

    @Test
    void holdsASlowClientToABoundedNumberOfBatches() throws Exception {
        String sql = "SELECT * FROM orders";
        try (FlightPort slowPort = FlightPort.start(FlightPortConfig.of(contract, database, TestCredentials.accepted())
                     .withBatchRows(1024)
                     .withBackpressureThresholdBytes(64 << 10), portAllocator);
             SmallWindowClient slow = new SmallWindowClient(slowPort);
             FlightStream stream = slow.client().getStream(ticket(slow.client().execute(sql)))) {
            long rows = 0;
            while (stream.next()) {
                rows += stream.getRoot().getRowCount();
                Thread.sleep(2);
            }
            assertThat(rows).isEqualTo(DemoDomain.orders(ConformanceFixtures.SCALE));
            await(() -> slowPort.statementLog().last().isPresent(), "the stream ends");
            StatementLog.Entry entry = slowPort.statementLog().last().orElseThrow();
            assertThat(entry.outcome()).isEqualTo(StatementLog.Outcome.COMPLETED);
            long batchBytes = entry.bytesSent() / entry.batchesSent();
            assertThat(entry.peakMemoryBytes())
                    .as("peak server memory (%d bytes) against %d bytes sent in batches of %d bytes",
                            entry.peakMemoryBytes(), entry.bytesSent(), batchBytes)
                    .isLessThan(entry.bytesSent() / 10)
                    .isLessThan(8 * batchBytes);
        }
    }

    @Test
    void stopsCleanlyWhileAStreamIsOpen() throws Exception {
        BufferAllocator stoppingAllocator = rootAllocator.newChildAllocator("stopping-port", 0, Long.MAX_VALUE);
        FlightPort stopping = FlightPort.start(FlightPortConfig.of(contract, database, TestCredentials.accepted()).withBatchRows(1024)
                .withBackpressureThresholdBytes(64 << 10), stoppingAllocator);
        try (SmallWindowClient slow = new SmallWindowClient(stopping);
             FlightStream stream = slow.client().getStream(ticket(slow.client().execute("SELECT * FROM orders")))) {
            assertThat(stream.next()).isTrue();
            stopping.close();
            assertThatThrownBy(() -> {
                while (stream.next()) {
                    Thread.onSpinWait();
                }
            }).isInstanceOf(FlightRuntimeException.class);
        }
        assertThat(stoppingAllocator.getAllocatedMemory()).isZero();
        stoppingAllocator.close();
        StatementLog.Entry entry = stopping.statementLog().last().orElseThrow();
        assertThat(entry.outcome()).isEqualTo(StatementLog.Outcome.CANCELLED);
    }

    /**
     * A client with a 64 KiB HTTP/2 flow-control window (no auto-tuning): with Flight's five requested messages, it
     * absorbs little, so a server that ignored backpressure would have to buffer the rest of the stream itself.
     */
    private final class SmallWindowClient implements AutoCloseable {

        private final ManagedChannel channel;
        private final FlightSqlClient client;

        SmallWindowClient(FlightPort target) {
            java.net.URI uri = target.location().getUri();
            channel = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort())
                    .usePlaintext()
                    .flowControlWindow(64 << 10)
                    .build();
            client = new FlightSqlClient(FlightGrpcUtils.createFlightClient(clientAllocator, channel,
                    List.of(new BearerCredentialMiddleware(TestCredentials.PORT))));
        }

        FlightSqlClient client() {
            return client;
        }

        @Override
        public void close() throws Exception {
            client.close();
            channel.shutdownNow().awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    // ---- helpers

    /**
     * The scale of the decimal the port announces for a parameter. The Flight SQL JDBC driver binds a
     * {@code BigDecimal} only at exactly that scale (and does not tell it through {@code ParameterMetaData}), so a
     * JDBC client binds at it: the column's scale where the database knows it (DuckDB, H2),
     * {@link JdbcArrowTypes#UNCONSTRAINED_DECIMAL_SCALE} where it does not (PostgreSQL's {@code NUMERIC} parameters).
     */
    private int announcedDecimalScale(String sql, int parameter) {
        try (FlightSqlClient.PreparedStatement prepared = client.prepare(sql)) {
            ArrowType type = prepared.getParameterSchema().getFields().get(parameter - 1).getType();
            return ((ArrowType.Decimal) type).getScale();
        }
    }

    private Connection connectThroughDriver() throws SQLException {
        return DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:" + port.location().getUri().getPort()
                + "/?useEncryption=false&token=" + TestCredentials.PORT);
    }

    private List<List<Object>> direct(String sql, List<Object> parameters) throws SQLException {
        try (Connection connection = connectDirectly(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int index = 0; index < parameters.size(); index++) {
                statement.setObject(index + 1, parameters.get(index));
            }
            try (ResultSet rows = statement.executeQuery()) {
                return Rows.read(rows);
            }
        }
    }

    private List<List<Object>> rows(FlightInfo info) throws Exception {
        return streamRows(info);
    }

    private List<List<Object>> streamRows(FlightInfo info) throws Exception {
        try (FlightStream stream = client.getStream(ticket(info))) {
            List<List<Object>> rows = new ArrayList<>();
            while (stream.next()) {
                VectorSchemaRoot root = stream.getRoot();
                for (int row = 0; row < root.getRowCount(); row++) {
                    List<Object> values = new ArrayList<>();
                    for (FieldVector vector : root.getFieldVectors()) {
                        if (vector instanceof VarBinaryVector) {
                            continue;
                        }
                        values.add(Rows.normalize(ArrowParameters.value(vector, row)));
                    }
                    rows.add(values);
                }
            }
            return rows;
        }
    }

    private static org.apache.arrow.flight.Ticket ticket(FlightInfo info) {
        return info.getEndpoints().getFirst().getTicket();
    }

    /** One row of parameters {@code p1..pn}, typed by Java value (the gateway's convention). */
    private VectorSchemaRoot parameterRoot(List<Object> values) {
        List<Field> fields = new ArrayList<>();
        for (int index = 0; index < values.size(); index++) {
            fields.add(new Field("p" + (index + 1), FieldType.nullable(parameterType(values.get(index))), null));
        }
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), clientAllocator);
        root.allocateNew();
        for (int index = 0; index < values.size(); index++) {
            FieldVector vector = root.getVector(index);
            switch (values.get(index)) {
                case Long value -> ((BigIntVector) vector).setSafe(0, value);
                case String value -> ((VarCharVector) vector).setSafe(0, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                case BigDecimal value -> ((DecimalVector) vector).setSafe(0, value);
                case OffsetDateTime value -> ((TimeStampMicroTZVector) vector).setSafe(0, micros(value.toInstant()));
                case LocalDateTime value -> ((TimeStampMicroVector) vector).setSafe(0, micros(value.toInstant(ZoneOffset.UTC)));
                case LocalDate value -> ((DateDayVector) vector).setSafe(0, (int) value.toEpochDay());
                default -> throw new IllegalArgumentException("no test encoding for " + values.get(index));
            }
        }
        root.setRowCount(1);
        return root;
    }

    private static ArrowType parameterType(Object value) {
        return switch (value) {
            case Long ignored -> new ArrowType.Int(64, true);
            case String ignored -> ArrowType.Utf8.INSTANCE;
            case BigDecimal decimal -> new ArrowType.Decimal(38, decimal.scale(), 128);
            case OffsetDateTime ignored -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
            case LocalDateTime ignored -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case LocalDate ignored -> new ArrowType.Date(DateUnit.DAY);
            default -> throw new IllegalArgumentException("no test encoding for " + value);
        };
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000L;
    }

    /** The Arrow schema the contract's physical types and {@code required} flags promise. */
    static Schema expectedSchema(OutputPortContract contract) {
        List<Field> fields = new ArrayList<>();
        for (FieldContract field : contract.datasets().getFirst().fields()) {
            fields.add(new Field(field.physicalName(), new FieldType(!field.required(), expectedType(field.physicalType()), null), null));
        }
        return new Schema(fields);
    }

    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");

    static ArrowType expectedType(String physicalType) {
        String type = physicalType.toUpperCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            return new ArrowType.Decimal(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)), 128);
        }
        if (type.startsWith("VARCHAR")) {
            return ArrowType.Utf8.INSTANCE;
        }
        return switch (type) {
            case "BIGINT" -> new ArrowType.Int(64, true);
            case "INTEGER" -> new ArrowType.Int(32, true);
            case "DOUBLE" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case "DATE" -> new ArrowType.Date(DateUnit.DAY);
            case "TIMESTAMP" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case "TIMESTAMP WITH TIME ZONE" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
            default -> throw new IllegalArgumentException("no expected Arrow type for " + physicalType);
        };
    }

    static Schema withoutNullability(Schema schema) {
        return new Schema(schema.getFields().stream()
                .map(field -> new Field(field.getName(), FieldType.nullable(field.getType()), field.getChildren()))
                .toList());
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
}

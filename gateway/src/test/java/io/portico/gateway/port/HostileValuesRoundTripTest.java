package io.portico.gateway.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.flight.FlightPort;
import io.portico.flight.PortDatabase;
import io.portico.flight.StatementGuard.GuardedStatement;
import io.portico.flight.StatementLog;
import io.portico.gateway.plan.CursorSeal;
import io.portico.gateway.plan.DatasetRequest;
import io.portico.gateway.plan.QueryPlan;
import io.portico.gateway.plan.RequestFilter;
import io.portico.gateway.plan.QueryPlanner;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.arrow.flight.FlightMethod;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The attack on inlined values: a request's values reach the port as literals that jOOQ rendered in the port's
 * dialect, never as text pasted into the statement. Hostile strings (quotes, backslashes, comment markers,
 * statement separators, unicode with surrogate pairs, a 1 MB string) and edge values of decimals, dates,
 * timestamps, booleans and doubles are written into real DuckDB and H2 ports through JDBC parameters, then each is
 * looked for with a filter {@code eq} through the planner and the port client: each finds exactly its own row,
 * the port's statement guard sees one SELECT of the one table, and the call is two round trips without a DoPut.
 */
class HostileValuesRoundTripTest {

    private static final String ONE_MEGABYTE = "'-- /*" + "x'\\\"".repeat(262_140) + "*/";

    /** Strings a statement built by concatenation would break on. */
    private static final List<String> HOSTILE = List.of(
            "'", "''", "\\", "\\'", "'\\''", "\"", "-- a comment", "/* a comment */", "*/", "x' OR '1'='1",
            "'; DROP TABLE hostile; --", "a'||'b", "$$dollar$$", "?", ":name", "{0}", "%_", "é漢字 ñ",
            "😀 \uD83D\uDE00 surrogate pair", "tab\tnew\nline\r", "  padded  ", "", ONE_MEGABYTE);
    /** A NUL character: DuckDB's SQL parser cannot take it (see the test of it); the last row of the table. */
    private static final String NUL = "nul\u0000inside";
    private static final List<String> BODIES = Stream.concat(HOSTILE.stream(), Stream.of(NUL)).toList();

    private static final List<BigDecimal> AMOUNTS = List.of(new BigDecimal("9999999999999999999999999999.9999999999"),
            new BigDecimal("-9999999999999999999999999999.9999999999"), new BigDecimal("0.0000000001"),
            BigDecimal.ZERO.setScale(10));
    private static final List<LocalDate> DAYS = List.of(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31),
            LocalDate.of(1970, 1, 1), LocalDate.of(2024, 2, 29));
    private static final List<LocalDateTime> TIMES = List.of(LocalDateTime.of(1, 1, 1, 0, 0),
            LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 1_000));
    private static final List<Double> SCORES = List.of(Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -0.5,
            1e-300, 0.1);

    private static final Map<String, Db> PORTS = new java.util.LinkedHashMap<>();
    private static final BufferAllocator ALLOCATOR = new RootAllocator();
    private static final FlightPortClients CLIENTS = new FlightPortClients(ALLOCATOR, TestPortCredentials.channels(),
            Duration.ofSeconds(30), Duration.ofSeconds(10));
    private static final QueryPlanner PLANNER = new QueryPlanner(1_000, CursorSeal.random());

    private record Db(Connection connection, BufferAllocator allocator, FlightPort port, DatasetBinding binding) {
    }

    @BeforeAll
    static void startPorts() throws SQLException {
        Connection duckDb = DriverManager.getConnection("jdbc:duckdb:");
        fill(duckDb);
        PORTS.put("DUCKDB", start("DUCKDB", PortDatabase.duckDb((org.duckdb.DuckDBConnection) duckDb), duckDb));
        String h2Url = "jdbc:h2:mem:hostile-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        Connection h2 = DriverManager.getConnection(h2Url, "sa", "");
        fill(h2);
        PORTS.put("H2", start("H2", PortDatabase.jdbc(h2Url, "sa", ""), h2));
    }

    @AfterAll
    static void stopPorts() throws Exception {
        CLIENTS.close();
        assertThat(ALLOCATOR.getAllocatedMemory()).isZero();
        ALLOCATOR.close();
        for (Db db : PORTS.values()) {
            db.port().close();
            db.connection().close();
            db.allocator().close();
        }
    }

    /** Names as the database stores unquoted ones: H2 upper-cases them, DuckDB keeps them as written. */
    private static String stored(String dialect, String name) {
        return dialect.equals("H2") ? name.toUpperCase(java.util.Locale.ROOT) : name;
    }

    private static void fill(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE hostile (id BIGINT PRIMARY KEY, body VARCHAR(2000000),"
                    + " amount DECIMAL(38, 10), birthday DATE, moment TIMESTAMP, flag BOOLEAN, score DOUBLE)");
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO hostile VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int row = 0; row < BODIES.size(); row++) {
                insert.setLong(1, row);
                insert.setString(2, BODIES.get(row));
                insert.setBigDecimal(3, row < AMOUNTS.size() ? AMOUNTS.get(row) : BigDecimal.valueOf(row * 100 + 1, 1));
                insert.setObject(4, row < DAYS.size() ? DAYS.get(row) : LocalDate.of(2000, 1, 1).plusDays(row));
                insert.setObject(5, row < TIMES.size() ? TIMES.get(row)
                        : LocalDateTime.of(2000, 1, 1, 0, 0).plusHours(row));
                insert.setBoolean(6, row == 0);
                insert.setDouble(7, row < SCORES.size() ? SCORES.get(row) : row + 0.25);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static Db start(String dialect, PortDatabase database, Connection connection) {
        BufferAllocator allocator = new RootAllocator();
        FlightPort port = FlightPort.start(TestPortCredentials.portConfig(ContractParser.parse("""
                apiVersion: v3.1.0
                kind: DataContract
                id: hostile-port
                version: 1.0.0
                status: active
                domain: hostile
                dataProduct: hostile
                servers:
                  - server: hostile
                    type: custom
                    customProperties:
                      - property: flightSqlUrl
                        value: grpc+tcp://127.0.0.1:1
                      - property: sqlDialect
                        value: %s
                schema:
                  - name: hostile
                    physicalName: %2$s
                    properties:
                      - name: %3$s
                        logicalType: integer
                        required: true
                        primaryKey: true
                      - name: %4$s
                        logicalType: string
                """.formatted(dialect, stored(dialect, "hostile"), stored(dialect, "id"), stored(dialect, "body"))),
                database), allocator);
        DatasetBinding binding = new DatasetBinding("hostile-port", "hostile", "hostile", stored(dialect, "hostile"),
                dialect, List.of(
                        field(dialect, "id", new ArrowType.Int(64, true)),
                        field(dialect, "body", ArrowType.Utf8.INSTANCE),
                        field(dialect, "amount", new ArrowType.Decimal(38, 10, 128)),
                        field(dialect, "birthday", new ArrowType.Date(DateUnit.DAY)),
                        field(dialect, "moment", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
                        field(dialect, "flag", ArrowType.Bool.INSTANCE),
                        field(dialect, "score", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))),
                List.of("id"));
        return new Db(connection, allocator, port, binding);
    }

    private static FieldBinding field(String dialect, String name, ArrowType type) {
        String column = stored(dialect, name);
        return new FieldBinding(name, column, new Field(column, FieldType.nullable(type), null), null);
    }

    static Stream<Arguments> hostileStrings() {
        List<Arguments> arguments = new ArrayList<>();
        for (String dialect : List.of("DUCKDB", "H2")) {
            for (int row = 0; row < HOSTILE.size(); row++) {
                String value = HOSTILE.get(row);
                arguments.add(Arguments.of(dialect, row, value.length() > 40 ? "1 MB" : value));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("hostileStrings")
    void aHostileStringFindsExactlyItsOwnRow(String dialect, int row, String label) {
        String value = HOSTILE.get(row);

        List<List<Object>> rows = find(dialect, "body", value);

        assertThat(rows).as("exactly the row holding it").singleElement().satisfies(found -> {
            assertThat(found.get(0)).isEqualTo((long) row);
            assertThat(found.get(1)).as("round-trips exactly").isEqualTo(value);
        });
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"DUCKDB", "H2"})
    void aNulCharacterFindsItsRowOrIsRefusedAsBadInputOnDuckDb(String dialect) {
        String value = NUL;
        if (dialect.equals("H2")) {
            assertThat(find(dialect, "body", value)).singleElement().satisfies(found -> {
                assertThat(found.get(0)).isEqualTo((long) BODIES.size() - 1);
                assertThat(found.get(1)).isEqualTo(value);
            });
            return;
        }
        // DuckDB's SQL parser ends a statement at NUL, so no literal can carry one: refused before any call.
        long statements = PORTS.get(dialect).port().statementLog().entries().size();
        assertThatThrownBy(() -> find(dialect, "body", value)).isInstanceOfSatisfying(PorticoException.class,
                failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.BAD_USER_INPUT);
                    assertThat(failure.getMessage()).contains("NUL");
                });
        assertThat(PORTS.get(dialect).port().statementLog().entries()).hasSize((int) statements);
    }

    static Stream<Arguments> edgeValues() {
        List<Arguments> arguments = new ArrayList<>();
        for (String dialect : List.of("DUCKDB", "H2")) {
            for (int row = 0; row < AMOUNTS.size(); row++) {
                arguments.add(Arguments.of(dialect, "amount", AMOUNTS.get(row).toPlainString(), row));
            }
            for (int row = 0; row < DAYS.size(); row++) {
                arguments.add(Arguments.of(dialect, "birthday", DAYS.get(row).toString(), row));
            }
            for (int row = 0; row < TIMES.size(); row++) {
                arguments.add(Arguments.of(dialect, "moment", TIMES.get(row).toString(), row));
            }
            for (int row = 0; row < SCORES.size(); row++) {
                arguments.add(Arguments.of(dialect, "score", SCORES.get(row), row));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @MethodSource("edgeValues")
    void anEdgeValueFindsExactlyItsOwnRow(String dialect, String column, Object value, int row) {
        assertThat(find(dialect, column, value)).extracting(found -> found.get(0)).containsExactly((long) row);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"DUCKDB", "H2"})
    void booleansFindTheirRows(String dialect) {
        assertThat(find(dialect, "flag", true)).extracting(found -> found.get(0)).containsExactly(0L);
        Set<Object> others = new HashSet<>();
        find(dialect, "flag", false).forEach(found -> others.add(found.get(0)));
        assertThat(others).hasSize(BODIES.size() - 1).doesNotContain(0L);
    }

    /**
     * Plans {@code where: {<column>: {eq: value}}}, runs it at the port and checks what the port received: the
     * statement the planner rendered with the value inlined, one SELECT of the one table, in two calls, no DoPut.
     */
    private static List<List<Object>> find(String dialect, String column, Object value) {
        Db db = PORTS.get(dialect);
        QueryPlan plan = PLANNER.plan(db.binding(), new DatasetRequest(List.of("id", "body"),
                new RequestFilter.Compare(column, RequestFilter.Operator.EQ, value), List.of(), 100, null, false));
        FlightPortClient client = CLIENTS.forPort("hostile", db.port().location().getUri().toString());
        Map<FlightMethod, Long> before = db.port().calls().counts();

        ColumnarResult result = client.execute("hostile-port", plan.pageQuery(), null, 101);

        Map<FlightMethod, Long> after = db.port().calls().counts();
        assertThat(after.getOrDefault(FlightMethod.GET_FLIGHT_INFO, 0L)
                - before.getOrDefault(FlightMethod.GET_FLIGHT_INFO, 0L)).isEqualTo(1);
        assertThat(after.getOrDefault(FlightMethod.DO_GET, 0L) - before.getOrDefault(FlightMethod.DO_GET, 0L))
                .isEqualTo(1);
        assertThat(after.get(FlightMethod.DO_PUT)).as("no DoPut").isNull();
        assertThat(after.get(FlightMethod.DO_ACTION)).as("nothing prepared or closed").isNull();
        StatementLog.Entry logged = db.port().statementLog().last().orElseThrow();
        assertThat(logged.sql()).isEqualTo(plan.pageQuery().statement());
        assertThat(logged.parameters()).isEmpty();
        GuardedStatement guarded = db.port().statementGuard().check(logged.sql());
        assertThat(guarded.tablesRead()).extracting(table -> table.toString()).singleElement().asString()
                .containsIgnoringCase("hostile");
        assertThat(plan.pageQuery().parameters()).as("the value was a bind value before jOOQ inlined it")
                .isNotEmpty();
        assertThat(client.allocator().getAllocatedMemory()).isZero();

        int id = plan.columnIndex("id");
        int body = plan.columnIndex("body");
        List<List<Object>> rows = new ArrayList<>();
        for (int index = 0; index < result.rowCount(); index++) {
            rows.add(List.of(((Number) result.value(id, index)).longValue(), result.value(body, index)));
        }
        return rows;
    }
}

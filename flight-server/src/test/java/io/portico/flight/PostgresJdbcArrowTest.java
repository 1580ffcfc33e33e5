package io.portico.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.TimeZone;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The generic JDBC path of the port against PostgreSQL's own types and driver, beyond the columns of the
 * conformance data: the Arrow type announced for each column and parameter ({@link JdbcArrowTypes}), the values
 * {@link ResultSetArrowWriter} writes, parameters bound by {@link ArrowParameters}, and the port's sessions
 * ({@link PortDatabase}). Needs a server: see {@link TestPostgres}.
 */
@ExtendWith(TestPostgres.Available.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresJdbcArrowTest {

    private static final String SCHEMA = "portico_types";

    private RootAllocator allocator;
    private PortDatabase database;

    /** One row of values and one of nulls, in PostgreSQL's common types (table columns keep their type modifiers). */
    private static final String CREATE_TYPED = """
            CREATE TABLE typed (
                id int4 NOT NULL PRIMARY KEY, bool bool, int2 int2, int4 int4, int8 int8, float4 float4, float8 float8,
                numeric_10_3 numeric(10,3), numeric numeric, text text, varchar varchar(5), bpchar char(3), date date,
                time time, timetz timetz, timestamp timestamp, timestamptz timestamptz, bytea bytea, uuid uuid,
                jsonb jsonb
            )""";
    private static final String INSERT_TYPED = """
            INSERT INTO typed VALUES
                (1, true, 7, 42, 9000000000, 1.5, 2.25, 1234.567, 12.3456789012, 'héllo', 'ab', 'x', DATE '2024-02-29',
                 TIME '13:14:15.123456', TIMETZ '13:14:15+02', TIMESTAMP '2024-03-31 02:30:00.123456',
                 TIMESTAMPTZ '2024-03-31 02:30:00.123456+02', '\\x01ff', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
                 '{"a": 1}'),
                (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                 NULL, NULL)""";

    @BeforeAll
    void createSchema() throws SQLException {
        allocator = new RootAllocator();
        TestPostgres.recreateSchema(SCHEMA);
        try (Connection connection = TestPostgres.connectForLoading(SCHEMA); Statement statement = connection.createStatement()) {
            statement.execute(CREATE_TYPED);
            statement.execute(INSERT_TYPED);
        }
        database = PortDatabase.jdbc(TestPostgres.urlWithSchema(SCHEMA), TestPostgres.user(), TestPostgres.password());
    }

    @AfterAll
    void dropSchema() throws SQLException {
        allocator.close();
        TestPostgres.dropSchema(SCHEMA);
    }

    @Test
    void announcesAndWritesEveryCommonColumnType() throws Exception {
        String sql = "SELECT * FROM typed ORDER BY id";
        List<String> expectedTypes = List.of("Int(32, true)", "Bool", "Int(16, true)", "Int(32, true)", "Int(64, true)",
                "FloatingPoint(SINGLE)", "FloatingPoint(DOUBLE)", "Decimal(10, 3, 128)", "Decimal(38, 18, 128)", "Utf8",
                "Utf8", "Utf8", "Date(DAY)", "Time(MICROSECOND, 64)", "Utf8", "Timestamp(MICROSECOND, null)",
                "Timestamp(MICROSECOND, UTC)", "Binary", "Utf8", "Utf8");
        List<Object> expectedValues = Arrays.asList(1, true, (short) 7, 42, 9_000_000_000L, 1.5f, 2.25d,
                new BigDecimal("1234.567"), new BigDecimal("12.345678901200000000"), "héllo", "ab", "x  ",
                LocalDate.of(2024, 2, 29), LocalTime.of(13, 14, 15, 123_456_000),
                "11:14:15+00", // timetz as text, as PostgreSQL's driver gives it (the same time, in UTC)
                LocalDateTime.of(2024, 3, 31, 2, 30, 0, 123_456_000),
                OffsetDateTime.of(2024, 3, 31, 0, 30, 0, 123_456_000, ZoneOffset.UTC), "01ff",
                "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "{\"a\": 1}");

        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            List<String> announced = JdbcArrowTypes.resultSchema(statement.getMetaData()).getFields().stream()
                    .map(field -> field.getType().toString()).toList();
            assertThat(announced).containsExactlyElementsOf(expectedTypes);

            List<List<Object>> rows = write(statement, announced.size());
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).containsExactlyElementsOf(expectedValues);
            assertThat(rows.get(1).subList(1, expectedTypes.size())).containsOnlyNulls();
        }
    }

    @Test
    void writesUnconstrainedDecimalsAtTheAnnouncedScale() throws Exception {
        String sql = "SELECT sum(amount) AS total, avg(amount) AS average, CAST(1 AS numeric(30, 25)) / 3 AS third"
                + " FROM (VALUES (1.10::numeric(12,2)), (2.20::numeric(12,2)), (3.35::numeric(12,2))) AS t(amount)";
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            assertThat(JdbcArrowTypes.resultSchema(statement.getMetaData()).getFields()).extracting(Field::getType)
                    .containsOnly(JdbcArrowTypes.UNCONSTRAINED_DECIMAL).hasSize(3);
            List<List<Object>> rows = write(statement, 3);
            // the third has 25 decimals in PostgreSQL; the announced scale keeps 18, rounded half-even
            assertThat(rows).containsExactly(List.of(new BigDecimal("6.650000000000000000"),
                    new BigDecimal("2.216666666666666700"), new BigDecimal("0.333333333333333333")));
        }
    }

    @Test
    void failsAStreamWhoseDecimalDoesNotFitTheAnnouncedType() throws Exception {
        String sql = "SELECT 10::numeric ^ 25 AS huge";
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            assertThatThrownBy(() -> write(statement, 1))
                    .isInstanceOf(SQLDataException.class)
                    .hasMessageContaining("of column huge does not fit DECIMAL(38, 18)");
        }
    }

    @Test
    void announcesParameterTypesAsPostgresInfersThem() throws Exception {
        String sql = "SELECT 1 WHERE 1 = ? AND now() >= ? AND 1.5 > ? AND current_date <= ? AND localtimestamp > ?"
                + " AND 'a' = ? AND true = ?";
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            assertThat(JdbcArrowTypes.parameterSchema(statement.getParameterMetaData()).getFields())
                    .extracting(field -> field.getType().toString())
                    .containsExactly("Int(32, true)", "Timestamp(MILLISECOND, UTC)", "Decimal(38, 18, 128)", "Date(DAY)",
                            "Timestamp(MILLISECOND, null)", "Utf8", "Bool");
        }
    }

    @Test
    void bindsEveryTypeOfTheParameterConvention() throws Exception {
        String sql = """
                SELECT ? = 9000000000::int8, ? = 42::int4, ? = 7::int2, ? = 2.25::float8, ? = 1.5::float4,
                       ? = 250.5::numeric, ? = 'DELIVERED'::text, ? = true, ? = DATE '2024-02-29',
                       ? = TIME '13:14:15.123456', ? = TIMESTAMP '2025-03-01 12:00:00',
                       ? = TIMESTAMPTZ '2024-06-01 02:00:00+02', ? = '\\x01ff'::bytea, CAST(? AS date) IS NULL
                """;
        List<Object> values = Arrays.asList(9_000_000_000L, 42, (short) 7, 2.25d, 1.5f, new BigDecimal("250.50"),
                "DELIVERED", true, LocalDate.of(2024, 2, 29), LocalTime.of(13, 14, 15, 123_456_000),
                LocalDateTime.of(2025, 3, 1, 12, 0), OffsetDateTime.of(2024, 6, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                new byte[] {1, (byte) 0xff}, null);
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            ArrowParameters.bind(statement, values);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                for (int column = 1; column <= values.size(); column++) {
                    assertThat(rows.getBoolean(column)).as("parameter %d (%s)", column, values.get(column - 1)).isTrue();
                }
            }
        }
    }

    @Test
    void portSessionsAreReadOnlyAndInUtcWhateverTheJvmZone() throws Exception {
        TimeZone jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SHOW TimeZone")).isEqualTo("UTC");
            assertThat(single(statement, "SHOW transaction_read_only")).isEqualTo("on");
            assertThat(single(statement, "SELECT CAST(TIMESTAMPTZ '2024-06-01 01:00:00+02' AS date)")).isEqualTo("2024-05-31");
        } finally {
            TimeZone.setDefault(jvmZone);
        }
    }

    /**
     * Runs the statement and writes its result with the port's writer, one row per batch; values as the port reads
     * them, binary as hex.
     */
    private List<List<Object>> write(PreparedStatement statement, int columns) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultSet resultSet = statement.executeQuery()) {
            ResultSetArrowWriter writer = new ResultSetArrowWriter(resultSet);
            assertThat(writer.schema().getFields()).hasSize(columns);
            try (VectorSchemaRoot root = VectorSchemaRoot.create(writer.schema(), allocator)) {
                while (writer.fill(root, 1) > 0) {
                    List<Object> row = new ArrayList<>();
                    for (FieldVector vector : root.getFieldVectors()) {
                        Object value = ArrowParameters.value(vector, 0);
                        row.add(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}

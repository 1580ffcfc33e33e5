package io.portico.flight;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parameters as the gateway sends them (column {@code p<i>}, typed by Java value) read back as the Java values. */
class ArrowParametersTest {

    private static final OffsetDateTime INSTANT = OffsetDateTime.of(2025, 3, 30, 1, 30, 15, 123_456_000, ZoneOffset.UTC);

    @Test
    void readsEveryTypeOfTheParameterConvention() {
        List<ArrowType> types = List.of(
                new ArrowType.Int(64, true), new ArrowType.Int(32, true), new ArrowType.Int(16, true),
                new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
                new ArrowType.Decimal(38, 2, 128), ArrowType.Utf8.INSTANCE, ArrowType.Bool.INSTANCE,
                new ArrowType.Date(DateUnit.DAY), new ArrowType.Time(TimeUnit.MICROSECOND, 64),
                new ArrowType.Timestamp(TimeUnit.MICROSECOND, null), new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"),
                ArrowType.Binary.INSTANCE, ArrowType.Null.INSTANCE, new ArrowType.Timestamp(TimeUnit.MILLISECOND, "Europe/Amsterdam"));
        List<Field> fields = new ArrayList<>();
        for (int index = 0; index < types.size(); index++) {
            fields.add(new Field("p" + (index + 1), FieldType.nullable(types.get(index)), null));
        }
        try (RootAllocator allocator = new RootAllocator();
             VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator)) {
            root.allocateNew();
            ((BigIntVector) root.getVector(0)).setSafe(0, 5_000_000_000L);
            ((IntVector) root.getVector(1)).setSafe(0, 42);
            ((SmallIntVector) root.getVector(2)).setSafe(0, (short) 7);
            ((Float8Vector) root.getVector(3)).setSafe(0, 2.5);
            ((Float4Vector) root.getVector(4)).setSafe(0, 1.5f);
            ((DecimalVector) root.getVector(5)).setSafe(0, new BigDecimal("1234.50"));
            ((VarCharVector) root.getVector(6)).setSafe(0, "Zoë".getBytes(StandardCharsets.UTF_8));
            ((BitVector) root.getVector(7)).setSafe(0, 1);
            ((DateDayVector) root.getVector(8)).setSafe(0, (int) LocalDate.of(2024, 2, 29).toEpochDay());
            ((TimeMicroVector) root.getVector(9)).setSafe(0, LocalTime.of(13, 45, 30, 250_000_000).toNanoOfDay() / 1_000);
            ((TimeStampMicroVector) root.getVector(10)).setSafe(0, micros(INSTANT));
            ((TimeStampMicroTZVector) root.getVector(11)).setSafe(0, micros(INSTANT));
            ((VarBinaryVector) root.getVector(12)).setSafe(0, new byte[] {1, 2, 3});
            ((TimeStampMilliTZVector) root.getVector(14)).setSafe(0, INSTANT.toInstant().toEpochMilli());
            root.setRowCount(1);

            List<Object> values = ArrowParameters.row(root, 0);
            assertThat(values.subList(0, 12)).containsExactly(5_000_000_000L, 42, (short) 7, 2.5, 1.5f,
                    new BigDecimal("1234.50"), "Zoë", true, LocalDate.of(2024, 2, 29), LocalTime.of(13, 45, 30, 250_000_000),
                    INSTANT.toLocalDateTime(), INSTANT);
            assertThat((byte[]) values.get(12)).containsExactly(1, 2, 3);
            assertThat(values.get(13)).isNull();
            assertThat(values.get(14)).isEqualTo(OffsetDateTime.of(2025, 3, 30, 1, 30, 15, 123_000_000, ZoneOffset.UTC));
            assertThat(values.get(10)).isInstanceOf(LocalDateTime.class);
        }
    }

    @Test
    void readsNullsOfAnyType() {
        Schema schema = new Schema(Arrays.asList(
                new Field("p1", FieldType.nullable(new ArrowType.Int(64, true)), null),
                new Field("p2", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
        try (RootAllocator allocator = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            root.allocateNew();
            root.getVector(0).setNull(0);
            root.getVector(1).setNull(0);
            root.setRowCount(1);
            assertThat(ArrowParameters.row(root, 0)).containsExactly(null, null);
        }
    }

    /**
     * The Arrow type announced for a JDBC column: what DuckDB's own Arrow export produces for it. Lower-case names
     * are PostgreSQL's, as its driver reports them; a decimal of unknown precision (precision 0) is unconstrained.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-5   | BIGINT                   | 19 | 0 | Int(64, true)",
            "4    | INTEGER                  | 10 | 0 | Int(32, true)",
            "5    | SMALLINT                 | 5  | 0 | Int(16, true)",
            "-6   | TINYINT                  | 3  | 0 | Int(8, true)",
            "16   | BOOLEAN                  | 1  | 0 | Bool",
            "8    | DOUBLE                   | 17 | 0 | FloatingPoint(DOUBLE)",
            "7    | REAL                     | 24 | 0 | FloatingPoint(SINGLE)",
            "6    | FLOAT                    | 8  | 0 | FloatingPoint(SINGLE)",
            "6    | FLOAT                    | 53 | 0 | FloatingPoint(DOUBLE)",
            "3    | DECIMAL(12,2)            | 12 | 2 | Decimal(12, 2, 128)",
            "2    | NUMERIC                  | 0  | 0 | Decimal(38, 18, 128)",
            "2    | numeric                  | 12 | 2 | Decimal(12, 2, 128)",
            "2    | NUMERIC                  | 100000 | 0 | Decimal(38, 0, 128)",
            "12   | VARCHAR                  | 0  | 0 | Utf8",
            "91   | DATE                     | 10 | 0 | Date(DAY)",
            "92   | TIME                     | 15 | 0 | Time(MICROSECOND, 64)",
            "93   | TIMESTAMP                | 26 | 6 | Timestamp(MICROSECOND, null)",
            "93   | timestamp                | 29 | 6 | Timestamp(MICROSECOND, null)",
            "93   | timestamptz              | 35 | 6 | Timestamp(MICROSECOND, UTC)",
            "92   | timetz                   | 21 | 6 | Utf8",
            "-7   | bool                     | 1  | 0 | Bool",
            "12   | text                     | 2147483647 | 0 | Utf8",
            "-2   | bytea                    | 2147483647 | 0 | Binary",
            "1111 | jsonb                    | 2147483647 | 0 | Utf8",
            "2014 | TIMESTAMP WITH TIME ZONE | 35 | 0 | Timestamp(MICROSECOND, UTC)",
            "2004 | BLOB                     | 0  | 0 | Binary",
            "-3   | VARBINARY                | 0  | 0 | Binary",
            "1111 | HUGEINT                  | 38 | 0 | Decimal(38, 0, 128)",
            "1111 | UUID                     | 0  | 0 | Utf8",
    })
    void announcesTheArrowTypeOfAColumn(int jdbcType, String typeName, int precision, int scale, String arrowType) {
        assertThat(JdbcArrowTypes.type(jdbcType, typeName, precision, scale).toString()).isEqualTo(arrowType);
    }

    private static long micros(OffsetDateTime timestamp) {
        return timestamp.toEpochSecond() * 1_000_000L + timestamp.getNano() / 1_000L;
    }
}

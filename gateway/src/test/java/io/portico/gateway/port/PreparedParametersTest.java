package io.portico.gateway.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import io.portico.schema.types.ArrowTypeMapping;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PreparedParametersTest {

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @Test
    void typesEachValueByTheParameterConvention() {
        List<Object> values = Arrays.asList(7L, 8, (short) 9, 1.5d, 2.5f, new BigDecimal("12.50"), "OPEN", true,
                LocalDate.of(2024, 3, 31), LocalTime.of(12, 30, 15, 123_456_000),
                LocalDateTime.of(2024, 3, 31, 12, 0, 1), OffsetDateTime.of(2024, 3, 31, 14, 0, 0, 0, ZoneOffset.ofHours(2)),
                new byte[] {1, 2, 3}, null);
        List<ArrowType> expected = List.of(
                new ArrowType.Int(64, true), new ArrowType.Int(32, true), new ArrowType.Int(16, true),
                new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
                new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
                new ArrowType.Decimal(38, 2, 128), ArrowType.Utf8.INSTANCE, ArrowType.Bool.INSTANCE,
                new ArrowType.Date(DateUnit.DAY), new ArrowType.Time(TimeUnit.MICROSECOND, 64),
                new ArrowType.Timestamp(TimeUnit.MICROSECOND, null),
                new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"),
                ArrowType.Binary.INSTANCE, ArrowType.Null.INSTANCE);

        try (VectorSchemaRoot root = PreparedParameters.oneRow(values, allocator)) {
            assertThat(root.getRowCount()).isEqualTo(1);
            for (int index = 0; index < values.size(); index++) {
                FieldVector vector = root.getVector(index);
                assertThat(vector.getName()).isEqualTo("p" + (index + 1));
                assertThat(vector.getField().getType()).as("type of p%d", index + 1).isEqualTo(expected.get(index));
            }
            assertThat(read(root, 0)).isEqualTo(7L);
            assertThat(read(root, 5)).isEqualTo(new BigDecimal("12.50"));
            assertThat(read(root, 6)).isEqualTo("OPEN");
            assertThat(read(root, 8)).isEqualTo(LocalDate.of(2024, 3, 31));
            assertThat(read(root, 9)).isEqualTo(LocalTime.of(12, 30, 15, 123_456_000));
            assertThat(read(root, 10)).isEqualTo(LocalDateTime.of(2024, 3, 31, 12, 0, 1));
            assertThat(((OffsetDateTime) read(root, 11)).toInstant())
                    .isEqualTo(OffsetDateTime.of(2024, 3, 31, 12, 0, 0, 0, ZoneOffset.UTC).toInstant());
            assertThat(root.getVector(13).isNull(0)).isTrue();
        }
    }

    @Test
    void noValuesMakeAnEmptyRow() {
        try (VectorSchemaRoot root = PreparedParameters.oneRow(List.of(), allocator)) {
            assertThat(root.getFieldVectors()).isEmpty();
        }
    }

    @Test
    void refusesADecimalWiderThan38DigitsWithoutLeaking() {
        BigDecimal tooWide = new BigDecimal("1" + "0".repeat(40));

        assertThatThrownBy(() -> PreparedParameters.oneRow(List.of(1L, tooWide), allocator))
                .isInstanceOfSatisfying(PorticoException.class,
                        failure -> assertThat(failure.code()).isEqualTo(ErrorCode.BAD_USER_INPUT));
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    private static Object read(VectorSchemaRoot root, int column) {
        FieldVector vector = root.getVector(column);
        return ArrowTypeMapping.forField(vector.getField()).reader().read(vector, 0);
    }
}

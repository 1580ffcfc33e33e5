package io.portico.gateway.port;

import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Bind values of a prepared statement as the one-row {@link VectorSchemaRoot} a Flight SQL port expects: column
 * {@code i} is named {@code p<i>} (1-based) and typed by the Java value (Long: Int64, Integer: Int32, Short:
 * Int16, Double: Float64, Float: Float32, BigDecimal: Decimal128(38, scale), String: Utf8, Boolean: Bool,
 * LocalDate: Date32, LocalTime: Time64(us), LocalDateTime: Timestamp(us), OffsetDateTime and Instant:
 * Timestamp(us, "UTC"), byte[]: Binary, null: Null).
 */
public final class PreparedParameters {

    private static final int DECIMAL_PRECISION = 38;

    private PreparedParameters() {
    }

    /**
     * A one-row root holding {@code values}; the caller owns it (a Flight SQL prepared statement closes the root
     * it was given).
     *
     * @throws PorticoException {@code BAD_USER_INPUT} for a value that has no Arrow form (e.g. a decimal with
     *                          more than 38 digits); {@code INTERNAL} for a Java type outside the convention
     */
    public static VectorSchemaRoot oneRow(List<Object> values, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>(values.size());
        try {
            for (int index = 0; index < values.size(); index++) {
                vectors.add(vector("p" + (index + 1), values.get(index), allocator));
            }
            return new VectorSchemaRoot(vectors.stream().map(FieldVector::getField).toList(), vectors, 1);
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
    }

    private static FieldVector vector(String name, Object value, BufferAllocator allocator) {
        return switch (value) {
            case null -> new NullVector(name, 1);
            case Long number -> {
                BigIntVector vector = new BigIntVector(name, allocator);
                vector.allocateNew(1);
                vector.set(0, number);
                yield filled(vector);
            }
            case Integer number -> {
                IntVector vector = new IntVector(name, allocator);
                vector.allocateNew(1);
                vector.set(0, number);
                yield filled(vector);
            }
            case Short number -> {
                SmallIntVector vector = new SmallIntVector(name, allocator);
                vector.allocateNew(1);
                vector.set(0, number);
                yield filled(vector);
            }
            case Double number -> {
                Float8Vector vector = new Float8Vector(
                        field(name, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), allocator);
                vector.allocateNew(1);
                vector.set(0, number);
                yield filled(vector);
            }
            case Float number -> {
                Float4Vector vector = new Float4Vector(
                        field(name, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), allocator);
                vector.allocateNew(1);
                vector.set(0, number);
                yield filled(vector);
            }
            case BigDecimal number -> decimal(name, number, allocator);
            case String text -> {
                VarCharVector vector = new VarCharVector(name, allocator);
                vector.allocateNew(1);
                vector.setSafe(0, text.getBytes(StandardCharsets.UTF_8));
                yield filled(vector);
            }
            case Boolean flag -> {
                BitVector vector = new BitVector(name, allocator);
                vector.allocateNew(1);
                vector.set(0, flag ? 1 : 0);
                yield filled(vector);
            }
            case LocalDate date -> {
                DateDayVector vector = new DateDayVector(field(name, new ArrowType.Date(DateUnit.DAY)), allocator);
                vector.allocateNew(1);
                vector.set(0, Math.toIntExact(date.toEpochDay()));
                yield filled(vector);
            }
            case LocalTime time -> {
                TimeMicroVector vector = new TimeMicroVector(
                        field(name, new ArrowType.Time(TimeUnit.MICROSECOND, 64)), allocator);
                vector.allocateNew(1);
                vector.set(0, time.toNanoOfDay() / 1_000);
                yield filled(vector);
            }
            case LocalDateTime dateTime -> {
                TimeStampMicroVector vector = new TimeStampMicroVector(
                        field(name, new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)), allocator);
                vector.allocateNew(1);
                vector.set(0, epochMicros(dateTime.toInstant(ZoneOffset.UTC)));
                yield filled(vector);
            }
            case OffsetDateTime dateTime -> utcTimestamp(name, dateTime.toInstant(), allocator);
            case Instant instant -> utcTimestamp(name, instant, allocator);
            case byte[] bytes -> {
                VarBinaryVector vector = new VarBinaryVector(name, allocator);
                vector.allocateNew(1);
                vector.setSafe(0, bytes);
                yield filled(vector);
            }
            default -> throw new PorticoException(ErrorCode.INTERNAL, "the gateway cannot bind a value of type "
                    + value.getClass().getName() + " as a statement parameter; this is a bug in the query planner");
        };
    }

    private static FieldVector decimal(String name, BigDecimal number, BufferAllocator allocator) {
        BigDecimal value = number.scale() < 0 ? number.setScale(0, RoundingMode.UNNECESSARY) : number;
        if (value.precision() > DECIMAL_PRECISION || value.scale() > DECIMAL_PRECISION) {
            throw new PorticoException(ErrorCode.BAD_USER_INPUT, "the decimal " + number.toPlainString()
                    + " has more than " + DECIMAL_PRECISION + " digits; pass a value with at most "
                    + DECIMAL_PRECISION + " significant digits");
        }
        DecimalVector vector = new DecimalVector(
                field(name, new ArrowType.Decimal(DECIMAL_PRECISION, value.scale(), 128)), allocator);
        vector.allocateNew(1);
        vector.set(0, value);
        return filled(vector);
    }

    private static FieldVector utcTimestamp(String name, Instant instant, BufferAllocator allocator) {
        TimeStampMicroTZVector vector = new TimeStampMicroTZVector(
                field(name, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")), allocator);
        vector.allocateNew(1);
        vector.set(0, epochMicros(instant));
        return filled(vector);
    }

    private static long epochMicros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static Field field(String name, ArrowType type) {
        return new Field(name, FieldType.nullable(type), null);
    }

    private static FieldVector filled(FieldVector vector) {
        vector.setValueCount(1);
        return vector;
    }
}

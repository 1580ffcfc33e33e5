package io.portico.policies.mask;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Real Arrow columns for the masking tests, written from and read back to plain values: strings for string
 * columns, lower-case hex for binary columns, {@code Long} for integers and the epoch numbers of dates, timestamps
 * and times, {@code BigDecimal} for decimals, {@code Boolean}, {@code Double} for floating point; {@code null} for
 * null.
 */
final class TestingColumns {

    static final HexFormat HEX = HexFormat.of();

    private TestingColumns() {
    }

    /** A new column named {@code column} of {@code type} holding {@code values}; the caller closes it. */
    static FieldVector column(BufferAllocator allocator, ArrowType type, List<?> values) {
        return column(allocator, "column", type, values);
    }

    static FieldVector column(BufferAllocator allocator, String name, ArrowType type, List<?> values) {
        FieldVector vector = new Field(name, FieldType.nullable(type), null).createVector(allocator);
        vector.setInitialCapacity(values.size());
        vector.allocateNew();
        for (int index = 0; index < values.size(); index++) {
            Object value = values.get(index);
            if (value != null) {
                write(vector, index, value);
            }
        }
        vector.setValueCount(values.size());
        return vector;
    }

    /** The values of {@code vector}, read back as plain values. */
    static List<Object> values(FieldVector vector) {
        List<Object> values = new ArrayList<>(vector.getValueCount());
        for (int index = 0; index < vector.getValueCount(); index++) {
            values.add(vector.isNull(index) ? null : read(vector, index));
        }
        return values;
    }

    static boolean isString(ArrowType type) {
        return switch (type.getTypeID()) {
            case Utf8, LargeUtf8, Utf8View -> true;
            default -> false;
        };
    }

    private static void write(FieldVector vector, int index, Object value) {
        switch (vector) {
            case VariableWidthFieldVector variableWidth -> variableWidth.setSafe(index, bytes(vector, value));
            case FixedSizeBinaryVector fixed -> fixed.setSafe(index, HEX.parseHex((String) value));
            case BaseIntVector integers -> integers.setWithPossibleTruncate(index, (Long) value);
            case DateDayVector days -> days.setSafe(index, Math.toIntExact((Long) value));
            case DateMilliVector millis -> millis.setSafe(index, (Long) value);
            case TimeStampVector timestamps -> timestamps.setSafe(index, (Long) value);
            case TimeMilliVector times -> times.setSafe(index, Math.toIntExact((Long) value));
            case DurationVector durations -> durations.setSafe(index, (Long) value);
            case DecimalVector decimals -> decimals.setSafe(index, (BigDecimal) value);
            case Decimal256Vector decimals -> decimals.setSafe(index, (BigDecimal) value);
            case BitVector bits -> bits.setSafe(index, (Boolean) value ? 1 : 0);
            case Float2Vector halves -> halves.setWithPossibleTruncate(index, ((Number) value).floatValue());
            case Float4Vector floats -> floats.setSafe(index, ((Number) value).floatValue());
            case Float8Vector doubles -> doubles.setSafe(index, ((Number) value).doubleValue());
            default -> throw new IllegalArgumentException("no test writer for " + vector.getClass().getSimpleName());
        }
    }

    private static byte[] bytes(FieldVector vector, Object value) {
        if (value instanceof byte[] raw) {
            return raw;
        }
        String text = (String) value;
        return isString(vector.getField().getType()) ? text.getBytes(StandardCharsets.UTF_8) : HEX.parseHex(text);
    }

    private static Object read(FieldVector vector, int index) {
        return switch (vector) {
            case VariableWidthFieldVector variableWidth -> isString(vector.getField().getType())
                    ? new String(variableWidth.get(index), StandardCharsets.UTF_8)
                    : HEX.formatHex(variableWidth.get(index));
            case FixedSizeBinaryVector fixed -> HEX.formatHex(fixed.get(index));
            case BaseIntVector integers -> integers.getValueAsLong(index);
            case DateDayVector days -> (long) days.get(index);
            case DateMilliVector millis -> millis.get(index);
            case TimeStampVector timestamps -> timestamps.get(index);
            case TimeMilliVector times -> (long) times.get(index);
            case BitVector bits -> bits.get(index) == 1;
            case Float2Vector halves -> halves.getValueAsDouble(index);
            case Float4Vector floats -> (double) floats.get(index);
            case Float8Vector doubles -> doubles.get(index);
            default -> vector.getObject(index);
        };
    }
}

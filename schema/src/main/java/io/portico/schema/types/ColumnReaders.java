package io.portico.schema.types;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
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
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalDayVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ViewVarBinaryVector;
import org.apache.arrow.vector.ViewVarCharVector;
import org.apache.arrow.vector.complex.AbstractStructVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.TimeUnit;

/** The {@link ColumnReader}s of {@link ArrowTypeMapping}: each reads its typed vector directly. */
final class ColumnReaders {

    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    static final ColumnReader TINY_INT = (vector, row) ->
            vector.isNull(row) ? null : (Integer) (int) ((TinyIntVector) vector).get(row);
    static final ColumnReader SMALL_INT = (vector, row) ->
            vector.isNull(row) ? null : (Integer) (int) ((SmallIntVector) vector).get(row);
    static final ColumnReader INT = (vector, row) ->
            vector.isNull(row) ? null : (Integer) ((IntVector) vector).get(row);
    static final ColumnReader BIG_INT = (vector, row) ->
            vector.isNull(row) ? null : (Long) ((BigIntVector) vector).get(row);
    static final ColumnReader UINT1 = (vector, row) ->
            vector.isNull(row) ? null : (Integer) (((UInt1Vector) vector).get(row) & 0xFF);
    static final ColumnReader UINT2 = (vector, row) ->
            vector.isNull(row) ? null : (Integer) (int) ((UInt2Vector) vector).get(row);
    static final ColumnReader UINT4 = (vector, row) ->
            vector.isNull(row) ? null : (Long) Integer.toUnsignedLong(((UInt4Vector) vector).get(row));
    static final ColumnReader UINT8 = (vector, row) ->
            vector.isNull(row) ? null : unsignedDecimal(((UInt8Vector) vector).get(row));

    static final ColumnReader FLOAT2 = (vector, row) ->
            vector.isNull(row) ? null : (Float) ((Float2Vector) vector).getValueAsFloat(row);
    static final ColumnReader FLOAT4 = (vector, row) ->
            vector.isNull(row) ? null : (Float) ((Float4Vector) vector).get(row);
    static final ColumnReader FLOAT8 = (vector, row) ->
            vector.isNull(row) ? null : (Double) ((Float8Vector) vector).get(row);
    static final ColumnReader DECIMAL256 = (vector, row) -> ((Decimal256Vector) vector).getObject(row);

    static final ColumnReader UTF8 = (vector, row) ->
            vector.isNull(row) ? null : utf8(((VarCharVector) vector).get(row));
    static final ColumnReader LARGE_UTF8 = (vector, row) ->
            vector.isNull(row) ? null : utf8(((LargeVarCharVector) vector).get(row));
    static final ColumnReader UTF8_VIEW = (vector, row) ->
            vector.isNull(row) ? null : utf8(((ViewVarCharVector) vector).get(row));
    static final ColumnReader BOOL = (vector, row) ->
            vector.isNull(row) ? null : (Boolean) (((BitVector) vector).get(row) != 0);

    static final ColumnReader DATE_DAY = (vector, row) ->
            vector.isNull(row) ? null : LocalDate.ofEpochDay(((DateDayVector) vector).get(row));
    static final ColumnReader DATE_MILLI = (vector, row) -> vector.isNull(row)
            ? null : LocalDate.ofEpochDay(Math.floorDiv(((DateMilliVector) vector).get(row), MILLIS_PER_DAY));
    static final ColumnReader TIME_SEC = (vector, row) ->
            vector.isNull(row) ? null : LocalTime.ofSecondOfDay(((TimeSecVector) vector).get(row));
    static final ColumnReader TIME_MILLI = (vector, row) -> vector.isNull(row)
            ? null : LocalTime.ofNanoOfDay(((TimeMilliVector) vector).get(row) * NANOS_PER_MILLI);
    static final ColumnReader TIME_MICRO = (vector, row) -> vector.isNull(row)
            ? null : LocalTime.ofNanoOfDay(((TimeMicroVector) vector).get(row) * NANOS_PER_MICRO);
    static final ColumnReader TIME_NANO = (vector, row) ->
            vector.isNull(row) ? null : LocalTime.ofNanoOfDay(((TimeNanoVector) vector).get(row));

    static final ColumnReader DURATION = (vector, row) -> ((DurationVector) vector).getObject(row);
    static final ColumnReader INTERVAL_YEAR = (vector, row) -> ((IntervalYearVector) vector).getObject(row);
    static final ColumnReader INTERVAL_DAY = (vector, row) -> ((IntervalDayVector) vector).getObject(row);
    static final ColumnReader INTERVAL_MONTH_DAY_NANO = (vector, row) ->
            ((IntervalMonthDayNanoVector) vector).getObject(row);

    static final ColumnReader BINARY = (vector, row) ->
            vector.isNull(row) ? null : ((VarBinaryVector) vector).get(row);
    static final ColumnReader LARGE_BINARY = (vector, row) ->
            vector.isNull(row) ? null : ((LargeVarBinaryVector) vector).get(row);
    static final ColumnReader BINARY_VIEW = (vector, row) ->
            vector.isNull(row) ? null : ((ViewVarBinaryVector) vector).get(row);
    static final ColumnReader FIXED_SIZE_BINARY = (vector, row) ->
            vector.isNull(row) ? null : ((FixedSizeBinaryVector) vector).get(row);

    private ColumnReaders() {
    }

    /**
     * Decimal128: values whose unscaled form fits in 64 bits (almost all money) are built from one long without
     * the byte-array round trip of {@code getObject}; wider values take that path.
     */
    static ColumnReader decimal128(int scale) {
        return (vector, row) -> {
            if (vector.isNull(row)) {
                return null;
            }
            long offset = (long) row * DecimalVector.TYPE_WIDTH;
            long low = vector.getDataBuffer().getLong(offset);
            long high = vector.getDataBuffer().getLong(offset + Long.BYTES);
            if (high == (low >> 63)) {
                return BigDecimal.valueOf(low, scale);
            }
            return ((DecimalVector) vector).getObject(row);
        };
    }

    /** Timestamps without zone: the epoch value in {@code unit}, read as a wall-clock date-time. */
    static ColumnReader localDateTime(TimeUnit unit) {
        long unitsPerSecond = unitsPerSecond(unit);
        long nanosPerUnit = 1_000_000_000L / unitsPerSecond;
        return (vector, row) -> {
            if (vector.isNull(row)) {
                return null;
            }
            long value = ((TimeStampVector) vector).get(row);
            return LocalDateTime.ofEpochSecond(Math.floorDiv(value, unitsPerSecond),
                    (int) (Math.floorMod(value, unitsPerSecond) * nanosPerUnit), ZoneOffset.UTC);
        };
    }

    /** Timestamps with zone: the epoch value in {@code unit}, at the offset {@code zone} has at that instant. */
    static ColumnReader offsetDateTime(TimeUnit unit, ZoneId zone) {
        long unitsPerSecond = unitsPerSecond(unit);
        long nanosPerUnit = 1_000_000_000L / unitsPerSecond;
        ZoneRules rules = zone.getRules();
        ZoneOffset fixedOffset = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : null;
        return (vector, row) -> {
            if (vector.isNull(row)) {
                return null;
            }
            long value = ((TimeStampVector) vector).get(row);
            long epochSecond = Math.floorDiv(value, unitsPerSecond);
            int nanos = (int) (Math.floorMod(value, unitsPerSecond) * nanosPerUnit);
            ZoneOffset offset = fixedOffset != null
                    ? fixedOffset : rules.getOffset(Instant.ofEpochSecond(epochSecond, nanos));
            return OffsetDateTime.of(LocalDateTime.ofEpochSecond(epochSecond, nanos, offset), offset);
        };
    }

    /** Lists and maps (a map vector is a list vector of key/value structs). */
    static ColumnReader list(ColumnReader element) {
        return (vector, row) -> {
            if (vector.isNull(row)) {
                return null;
            }
            ListVector list = (ListVector) vector;
            return readElements(list.getDataVector(), list.getElementStartIndex(row), list.getElementEndIndex(row),
                    element);
        };
    }

    static ColumnReader largeList(ColumnReader element) {
        return (vector, row) -> {
            if (vector.isNull(row)) {
                return null;
            }
            LargeListVector list = (LargeListVector) vector;
            return readElements(list.getDataVector(), Math.toIntExact(list.getElementStartIndex(row)),
                    Math.toIntExact(list.getElementEndIndex(row)), element);
        };
    }

    static ColumnReader fixedSizeList(ColumnReader element) {
        return (vector, row) -> {
            if (vector.isNull(row)) {
                return null;
            }
            FixedSizeListVector list = (FixedSizeListVector) vector;
            return readElements(list.getDataVector(), list.getElementStartIndex(row), list.getElementEndIndex(row),
                    element);
        };
    }

    /** Structs: a map from the GraphQL names of the children to their values, in Arrow order. */
    static ColumnReader struct(List<String> graphQLNames, List<ColumnReader> childReaders) {
        String[] names = graphQLNames.toArray(String[]::new);
        ColumnReader[] readers = childReaders.toArray(ColumnReader[]::new);
        int capacity = (int) (names.length / 0.75f) + 1;
        return (vector, row) -> {
            if (vector.isNull(row)) {
                return null;
            }
            AbstractStructVector struct = (AbstractStructVector) vector;
            Map<String, Object> values = new LinkedHashMap<>(capacity);
            for (int child = 0; child < names.length; child++) {
                values.put(names[child], readers[child].read((FieldVector) struct.getChildByOrdinal(child), row));
            }
            return values;
        };
    }

    private static List<Object> readElements(FieldVector data, int start, int end, ColumnReader element) {
        List<Object> values = new ArrayList<>(end - start);
        for (int index = start; index < end; index++) {
            values.add(element.read(data, index));
        }
        return values;
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static BigDecimal unsignedDecimal(long value) {
        return value >= 0 ? BigDecimal.valueOf(value) : new BigDecimal(Long.toUnsignedString(value));
    }

    private static long unitsPerSecond(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 1L;
            case MILLISECOND -> 1_000L;
            case MICROSECOND -> 1_000_000L;
            case NANOSECOND -> 1_000_000_000L;
        };
    }
}

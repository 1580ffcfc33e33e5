package io.portico.flight;

import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ViewVarCharVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Statement parameters as clients send them (one row of a {@link VectorSchemaRoot}, column {@code i} for the
 * {@code i}-th {@code ?}) and as the port binds them to JDBC: Java objects of the matching {@code java.time} /
 * {@link java.math.BigDecimal} type. Any Arrow type a client chooses is read by its actual type: the gateway's
 * convention ({@code p<i>}, typed by Java value) and the Flight SQL JDBC driver's encoding both work.
 */
public final class ArrowParameters {

    private ArrowParameters() {
    }

    /** The values of one row, as {@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code Double},
     *  {@code Float}, {@code BigDecimal}, {@code String}, {@code Boolean}, {@code LocalDate}, {@code LocalTime},
     *  {@code LocalDateTime} (timestamp without zone), {@code OffsetDateTime} in UTC (timestamp with zone),
     *  {@code byte[]}, or null. */
    public static List<Object> row(VectorSchemaRoot root, int row) {
        List<Object> values = new ArrayList<>(root.getFieldVectors().size());
        for (FieldVector vector : root.getFieldVectors()) {
            values.add(value(vector, row));
        }
        return values;
    }

    public static Object value(FieldVector vector, int row) {
        if (vector instanceof NullVector || vector.isNull(row)) {
            return null;
        }
        return switch (vector) {
            case BigIntVector longs -> longs.get(row);
            case IntVector ints -> ints.get(row);
            case SmallIntVector shorts -> shorts.get(row);
            case TinyIntVector bytes -> bytes.get(row);
            case BaseIntVector unsigned -> unsigned.getValueAsLong(row);
            case Float8Vector doubles -> doubles.get(row);
            case Float4Vector floats -> floats.get(row);
            case DecimalVector decimals -> decimals.getObject(row);
            case Decimal256Vector decimals -> decimals.getObject(row);
            case VarCharVector strings -> strings.getObject(row).toString();
            case LargeVarCharVector strings -> strings.getObject(row).toString();
            case ViewVarCharVector strings -> strings.getObject(row).toString();
            case BitVector booleans -> booleans.get(row) == 1;
            case DateDayVector days -> LocalDate.ofEpochDay(days.get(row));
            case DateMilliVector millis -> LocalDate.ofEpochDay(Math.floorDiv(millis.get(row), 86_400_000L));
            case TimeSecVector seconds -> LocalTime.ofSecondOfDay(seconds.get(row));
            case TimeMilliVector millis -> LocalTime.ofNanoOfDay(millis.get(row) * 1_000_000L);
            case TimeMicroVector micros -> LocalTime.ofNanoOfDay(micros.get(row) * 1_000L);
            case TimeNanoVector nanos -> LocalTime.ofNanoOfDay(nanos.get(row));
            case TimeStampVector timestamps -> timestamp(timestamps, row);
            case VarBinaryVector binary -> binary.getObject(row);
            case LargeVarBinaryVector binary -> binary.getObject(row);
            default -> vector.getObject(row);
        };
    }

    private static Object timestamp(TimeStampVector vector, int row) {
        ArrowType.Timestamp type = (ArrowType.Timestamp) vector.getField().getType();
        Instant instant = instant(vector.get(row), type.getUnit());
        if (type.getTimezone() == null) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(long value, TimeUnit unit) {
        return switch (unit) {
            case SECOND -> Instant.ofEpochSecond(value);
            case MILLISECOND -> Instant.ofEpochMilli(value);
            case MICROSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
            case NANOSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
        };
    }

    /** Binds the values to the statement's parameters in order; nulls with the parameter's declared type. */
    static void bind(PreparedStatement statement, List<Object> values) throws SQLException {
        for (int index = 0; index < values.size(); index++) {
            Object value = values.get(index);
            if (value == null) {
                statement.setNull(index + 1, declaredType(statement, index + 1));
                continue;
            }
            statement.setObject(index + 1, value);
        }
    }

    private static int declaredType(PreparedStatement statement, int parameter) {
        try {
            ParameterMetaData metaData = statement.getParameterMetaData();
            return metaData.getParameterType(parameter);
        } catch (SQLException | RuntimeException e) {
            return Types.NULL;
        }
    }
}

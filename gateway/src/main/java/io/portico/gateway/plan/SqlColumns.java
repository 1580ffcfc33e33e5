package io.portico.gateway.plan;

import io.portico.schema.compose.FieldBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.exception.DataTypeException;
import org.jooq.impl.DSL;

/** Typed jOOQ column references and bind values for a dataset's fields. */
final class SqlColumns {

    private SqlColumns() {
    }

    @SuppressWarnings("unchecked")
    static Field<Object> field(FieldBinding binding) {
        DataType<Object> dataType = (DataType<Object>) SqlColumnTypes.of(binding.arrowField()).dataType();
        return DSL.field(DSL.name(binding.column()), dataType);
    }

    /** A bind value for {@code column}, converted to the column's Java type (e.g. an Int literal for a BIGINT). */
    static Field<Object> value(Field<Object> column, Object value) {
        Object converted;
        try {
            converted = column.getDataType().convert(value);
        } catch (DataTypeException e) {
            converted = null;
        }
        if (converted == null) {
            // jOOQ converts some unparseable values to null; binding that would silently match nothing.
            throw new PorticoException(ErrorCode.BAD_USER_INPUT,
                    "value '" + value + "' does not fit column '" + column.getName() + "' (" + column.getDataType().getName() + ")");
        }
        checkRange(column, value, converted);
        Integer year = switch (converted) {
            case LocalDate date -> date.getYear();
            case LocalDateTime dateTime -> dateTime.getYear();
            case OffsetDateTime dateTime -> dateTime.getYear();
            default -> null;
        };
        if (year != null && (year < 1 || year > 9999)) {
            // A date or timestamp literal holds a four-digit year (SQL's, and the port's parser's); beyond it the
            // databases hold no value but their infinities (DuckDB stores Arrow's extreme Date32 values as them).
            return DSL.cast(DSL.inline(year > 9999 ? "infinity" : "-infinity"), column.getDataType());
        }
        return DSL.val(converted, column.getDataType());
    }

    /** The earliest and latest date a port compares with: Arrow's Date32 counts days since 1970 in 32 bits. */
    static final LocalDate EARLIEST_DATE = LocalDate.ofEpochDay(Integer.MIN_VALUE);
    static final LocalDate LATEST_DATE = LocalDate.ofEpochDay(Integer.MAX_VALUE);
    /** The earliest and latest instant a port compares with: Arrow timestamps count microseconds in 64 bits. */
    static final Instant EARLIEST_INSTANT = Instant.EPOCH.plus(Long.MIN_VALUE / 1_000, ChronoUnit.MILLIS);
    static final Instant LATEST_INSTANT = Instant.EPOCH.plus(Long.MAX_VALUE / 1_000, ChronoUnit.MILLIS);

    /**
     * Refuses a date or time that no port can be sent (a valid ISO-8601 text such as {@code +999999999-12-31} is
     * beyond what Arrow's date and timestamp types hold): the caller's mistake, not the gateway's.
     */
    private static void checkRange(Field<Object> column, Object value, Object converted) {
        boolean inRange = switch (converted) {
            case LocalDate date -> !date.isBefore(EARLIEST_DATE) && !date.isAfter(LATEST_DATE);
            case LocalDateTime dateTime -> inRange(dateTime.toInstant(ZoneOffset.UTC));
            case OffsetDateTime dateTime -> inRange(dateTime.toInstant());
            case Instant instant -> inRange(instant);
            default -> true;
        };
        if (!inRange) {
            String range = converted instanceof LocalDate
                    ? "dates from " + EARLIEST_DATE + " to " + LATEST_DATE
                    : "instants from " + EARLIEST_INSTANT + " to " + LATEST_INSTANT;
            throw new PorticoException(ErrorCode.BAD_USER_INPUT, "value '" + value + "' is out of range for column '"
                    + column.getName() + "' (" + column.getDataType().getName() + "): a port compares " + range);
        }
    }

    private static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST_INSTANT) && !instant.isAfter(LATEST_INSTANT);
    }
}

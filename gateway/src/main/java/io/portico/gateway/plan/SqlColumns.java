package io.portico.gateway.plan;

import io.portico.schema.compose.FieldBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    /** The column qualified by a table alias of the statement ({@code "t1"."total_amount"}). */
    @SuppressWarnings("unchecked")
    static Field<Object> field(String qualifier, FieldBinding binding) {
        DataType<Object> dataType = (DataType<Object>) SqlColumnTypes.of(binding.arrowField()).dataType();
        return DSL.field(DSL.name(qualifier, binding.column()), dataType);
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
        return DSL.val(converted, column.getDataType());
    }

    /**
     * The years a date or timestamp filter value may have: statements travel with their values as SQL literals
     * (rendered by jOOQ), and a SQL date or timestamp literal holds a four-digit year, as the ports' parsers read it.
     */
    static final int EARLIEST_YEAR = 1;
    static final int LATEST_YEAR = 9999;

    /**
     * Refuses a date or time no port can be sent as a literal, such as {@code +999999999-12-31} (valid ISO-8601, but
     * beyond four-digit years): the caller's mistake, answered {@code BAD_USER_INPUT} naming the range, never
     * {@code INTERNAL} and never approximated (comparing with a stand-in value would answer another question).
     */
    private static void checkRange(Field<Object> column, Object value, Object converted) {
        Integer year = switch (converted) {
            case LocalDate date -> date.getYear();
            case LocalDateTime dateTime -> dateTime.getYear();
            case OffsetDateTime dateTime -> dateTime.withOffsetSameInstant(ZoneOffset.UTC).getYear();
            case Instant instant -> instant.atOffset(ZoneOffset.UTC).getYear();
            default -> null;
        };
        if (year != null && (year < EARLIEST_YEAR || year > LATEST_YEAR)) {
            String range = converted instanceof LocalDate ? "dates from 0001-01-01 to 9999-12-31"
                    : "dates and times from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z";
            throw new PorticoException(ErrorCode.BAD_USER_INPUT, "value '" + value + "' is out of range for column '"
                    + column.getName() + "' (" + column.getDataType().getName() + "): a port compares " + range);
        }
    }

}

package io.portico.gateway.sql;

import static io.portico.gateway.sql.SqlErrors.badInput;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.Text;

/**
 * Converts a literal or a parameter value to the Java type the planner's filter translation binds for the column's
 * Arrow type: {@code Long} (64-bit and unsigned 32-bit integers), {@code Integer} (smaller integers),
 * {@code Double}, {@code BigDecimal}, {@code String}, {@code Boolean}, {@code LocalDate}, {@code LocalTime},
 * {@code LocalDateTime} (timestamps without zone) or {@code OffsetDateTime} (with zone).
 *
 * <p>Values may also be Arrow's {@code Text} (a string vector's value) and {@code java.sql} dates, times and
 * timestamps. Conversions are exact or refused ({@code BAD_USER_INPUT}): {@code 1.5} does not fit an integer column (rather
 * than being rounded into another question), {@code 'abc'} does not fit a number. Strings in ISO form fit dates,
 * times and timestamps; a timestamp without offset compared with a zoned column is read as UTC, a date compared
 * with a timestamp as its midnight.
 */
final class SqlValues {

    private SqlValues() {
    }

    /**
     * {@code value} as the column's Java type.
     *
     * @param what how a message names the value, e.g. {@code "parameter 2"} or {@code "literal 'abc'"}
     */
    static Object convert(SqlColumn column, Object given, String what) {
        // Arrow's string vectors read as Text, which is no CharSequence.
        Object value = given instanceof Text text ? text.toString() : given;
        ArrowType type = column.field().arrowField().getType();
        Object converted = switch (type) {
            case ArrowType.Int integer when integer.getBitWidth() == 64 ->
                    integral(value, integer.getIsSigned() ? Long.MIN_VALUE : 0, Long.MAX_VALUE);
            case ArrowType.Int integer when !integer.getIsSigned() && integer.getBitWidth() == 32 ->
                    integral(value, 0, 0xFFFF_FFFFL);
            case ArrowType.Int integer -> asInteger(integral(value, minimum(integer), maximum(integer)));
            case ArrowType.FloatingPoint floatingPoint -> floating(value);
            case ArrowType.Decimal decimal -> decimal(value);
            case ArrowType.Utf8 utf8 -> text(value);
            case ArrowType.LargeUtf8 utf8 -> text(value);
            case ArrowType.Utf8View utf8 -> text(value);
            case ArrowType.Bool bool -> bool(value);
            case ArrowType.Date date -> date(value);
            case ArrowType.Time time -> time(value);
            case ArrowType.Timestamp timestamp when timestamp.getTimezone() == null -> localDateTime(value);
            case ArrowType.Timestamp timestamp -> offsetDateTime(value);
            default -> throw SqlErrors.unsupported("comparing column " + column.name() + " (" + typeName(type)
                    + ") with a value", "columns of numbers, text, booleans, dates, times and timestamps compare");
        };
        if (converted == null) {
            throw badInput(what + " (" + describe(value) + ") does not fit column " + column.name() + " ("
                    + typeName(type) + ")");
        }
        return converted;
    }

    /** The column's type as SQL names it, for messages. */
    static String typeName(ArrowType type) {
        return switch (type) {
            case ArrowType.Int integer when integer.getBitWidth() == 64 -> integer.getIsSigned() ? "BIGINT" : "UBIGINT";
            case ArrowType.Int integer when integer.getBitWidth() == 32 -> integer.getIsSigned() ? "INTEGER" : "UINTEGER";
            case ArrowType.Int integer when integer.getBitWidth() == 16 -> integer.getIsSigned() ? "SMALLINT" : "USMALLINT";
            case ArrowType.Int integer -> integer.getIsSigned() ? "TINYINT" : "UTINYINT";
            case ArrowType.FloatingPoint floatingPoint -> "DOUBLE";
            case ArrowType.Decimal decimal -> "DECIMAL(" + decimal.getPrecision() + ", " + decimal.getScale() + ")";
            case ArrowType.Utf8 utf8 -> "VARCHAR";
            case ArrowType.LargeUtf8 utf8 -> "VARCHAR";
            case ArrowType.Utf8View utf8 -> "VARCHAR";
            case ArrowType.Bool bool -> "BOOLEAN";
            case ArrowType.Date date -> "DATE";
            case ArrowType.Time time -> "TIME";
            case ArrowType.Timestamp timestamp when timestamp.getTimezone() == null -> "TIMESTAMP";
            case ArrowType.Timestamp timestamp -> "TIMESTAMP WITH TIME ZONE";
            default -> type.toString();
        };
    }

    private static String describe(Object value) {
        return value instanceof CharSequence text ? SqlErrors.quote(text) : value + " of type "
                + value.getClass().getSimpleName();
    }

    private static long minimum(ArrowType.Int integer) {
        return integer.getIsSigned() ? -(1L << (integer.getBitWidth() - 1)) : 0;
    }

    private static long maximum(ArrowType.Int integer) {
        return integer.getIsSigned() ? (1L << (integer.getBitWidth() - 1)) - 1 : (1L << integer.getBitWidth()) - 1;
    }

    private static Integer asInteger(Long value) {
        return value == null || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE ? null
                : Integer.valueOf(value.intValue());
    }

    /** A whole number in [minimum, maximum], or null. */
    private static Long integral(Object value, long minimum, long maximum) {
        BigDecimal exact = exactNumber(value);
        if (exact == null) {
            return null;
        }
        try {
            BigInteger whole = exact.toBigIntegerExact();
            if (whole.bitLength() > 63) {
                return null;
            }
            long result = whole.longValueExact();
            return result < minimum || result > maximum ? null : result;
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** A number, or a string of one, as an exact decimal; null for anything else (and NaN or infinities). */
    private static BigDecimal exactNumber(Object value) {
        try {
            return switch (value) {
                case BigDecimal decimal -> decimal;
                case BigInteger integer -> new BigDecimal(integer);
                case Long number -> BigDecimal.valueOf(number);
                case Integer number -> BigDecimal.valueOf(number);
                case Short number -> BigDecimal.valueOf(number);
                case Byte number -> BigDecimal.valueOf(number);
                case Double number -> Double.isFinite(number) ? new BigDecimal(number.toString()) : null;
                case Float number -> Float.isFinite(number) ? new BigDecimal(number.toString()) : null;
                case CharSequence text -> new BigDecimal(text.toString().trim());
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double floating(Object value) {
        if (value instanceof Double number) {
            return Double.isFinite(number) ? number : null;
        }
        if (value instanceof Float number) {
            return Float.isFinite(number) ? number.doubleValue() : null;
        }
        BigDecimal exact = exactNumber(value);
        return exact == null ? null : exact.doubleValue();
    }

    private static BigDecimal decimal(Object value) {
        return exactNumber(value);
    }

    private static String text(Object value) {
        return value instanceof CharSequence text ? text.toString() : null;
    }

    private static Boolean bool(Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof CharSequence text) {
            String trimmed = text.toString().trim();
            if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
                return Boolean.valueOf(trimmed);
            }
        }
        return null;
    }

    private static LocalDate date(Object value) {
        return switch (value) {
            case LocalDate date -> date;
            case java.sql.Date date -> date.toLocalDate();
            case CharSequence text -> parse(() -> LocalDate.parse(text.toString().trim()));
            default -> null;
        };
    }

    private static LocalTime time(Object value) {
        return switch (value) {
            case LocalTime time -> time;
            case java.sql.Time time -> time.toLocalTime();
            case CharSequence text -> parse(() -> LocalTime.parse(text.toString().trim()));
            default -> null;
        };
    }

    private static LocalDateTime localDateTime(Object value) {
        return switch (value) {
            case LocalDateTime dateTime -> dateTime;
            case Operand.TimestampText literal -> parseLocalDateTime(literal.text().trim());
            case java.sql.Timestamp timestamp -> timestamp.toLocalDateTime();
            case LocalDate date -> date.atStartOfDay();
            case java.sql.Date date -> date.toLocalDate().atStartOfDay();
            case CharSequence text -> parseLocalDateTime(text.toString().trim());
            default -> null;
        };
    }

    private static OffsetDateTime offsetDateTime(Object value) {
        return switch (value) {
            case OffsetDateTime dateTime -> dateTime;
            case ZonedDateTime dateTime -> dateTime.toOffsetDateTime();
            case Instant instant -> instant.atOffset(ZoneOffset.UTC);
            case CharSequence text -> {
                String iso = text.toString().trim().replace(' ', 'T');
                OffsetDateTime zoned = parse(() -> OffsetDateTime.parse(iso));
                if (zoned != null) {
                    yield zoned;
                }
                LocalDateTime local = parseLocalDateTime(iso);
                yield local == null ? null : local.atOffset(ZoneOffset.UTC);
            }
            default -> {
                LocalDateTime local = localDateTime(value);
                yield local == null ? null : local.atOffset(ZoneOffset.UTC);
            }
        };
    }

    private static LocalDateTime parseLocalDateTime(String text) {
        String iso = text.replace(' ', 'T');
        LocalDateTime dateTime = parse(() -> LocalDateTime.parse(iso));
        if (dateTime != null) {
            return dateTime;
        }
        LocalDate date = parse(() -> LocalDate.parse(iso));
        return date == null ? null : date.atStartOfDay();
    }

    private static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

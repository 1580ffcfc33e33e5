package io.portico.gateway.registration;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Which Arrow types a contract field may have at its port, by its ODCS {@code logicalType} and its
 * {@code physicalType}.
 *
 * <table>
 *   <caption>logicalType</caption>
 *   <tr><th>logicalType</th><th>Arrow types</th></tr>
 *   <tr><td>integer</td><td>int8..int64, uint8..uint64, decimal with scale 0</td></tr>
 *   <tr><td>number</td><td>decimal, float16/32/64, any integer</td></tr>
 *   <tr><td>string</td><td>utf8, large utf8, utf8 view</td></tr>
 *   <tr><td>boolean</td><td>bool</td></tr>
 *   <tr><td>date</td><td>date32, date64</td></tr>
 *   <tr><td>timestamp</td><td>timestamp (any unit, with or without zone)</td></tr>
 *   <tr><td>time</td><td>time32, time64</td></tr>
 *   <tr><td>array</td><td>list, large list, fixed-size list, list view</td></tr>
 *   <tr><td>object</td><td>struct, map</td></tr>
 * </table>
 *
 * <p>A {@code physicalType} is checked by its family only (databases name integer widths differently):
 * {@code TINYINT}, {@code SMALLINT}, {@code INT}, {@code INTEGER}, {@code BIGINT}, {@code HUGEINT}, ... are
 * integers, {@code DECIMAL(p,s)} and {@code NUMERIC(p,s)} decimals of exactly that precision and scale when
 * given, {@code REAL}, {@code FLOAT}, {@code DOUBLE} floating point, {@code VARCHAR}, {@code TEXT}, {@code CHAR},
 * {@code STRING} text, {@code BOOLEAN} bool, {@code DATE}, {@code TIME}, {@code TIMESTAMP} ({@code WITH TIME ZONE}
 * or {@code TIMESTAMPTZ}: with a zone), {@code BLOB}, {@code BYTEA}, {@code BINARY}, {@code VARBINARY} binary,
 * {@code ... []}, {@code LIST}, {@code ARRAY} lists, {@code STRUCT} and {@code MAP}. Other physical types (and
 * {@code table} or {@code view}, which ODCS also allows) are not checked.
 */
final class ArrowTypeCompatibility {

    private static final Pattern DECIMAL = Pattern.compile("(?:DECIMAL|NUMERIC)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?");

    private ArrowTypeCompatibility() {
    }

    /** What a {@code logicalType} accepts, for messages. */
    static String expectedFor(String logicalType) {
        return switch (logicalType.toLowerCase(Locale.ROOT)) {
            case "integer" -> "an integer column (int8..int64, uint8..uint64, or a decimal with scale 0)";
            case "number" -> "a numeric column (decimal, floating point or integer)";
            case "string" -> "a text column (utf8)";
            case "boolean" -> "a boolean column (bool)";
            case "date" -> "a date column (date32 or date64)";
            case "timestamp" -> "a timestamp column";
            case "time" -> "a time-of-day column (time32 or time64)";
            case "array" -> "a list column";
            case "object" -> "a struct or map column";
            default -> "a column of logical type " + logicalType;
        };
    }

    /** Whether a column of Arrow type {@code type} fits {@code logicalType}; true for unknown logical types. */
    static boolean fitsLogicalType(String logicalType, ArrowType type) {
        return switch (logicalType.toLowerCase(Locale.ROOT)) {
            case "integer" -> type instanceof ArrowType.Int
                    || type instanceof ArrowType.Decimal decimal && decimal.getScale() == 0;
            case "number" -> type instanceof ArrowType.Decimal || type instanceof ArrowType.FloatingPoint
                    || type instanceof ArrowType.Int;
            case "string" -> isText(type);
            case "boolean" -> type instanceof ArrowType.Bool;
            case "date" -> type instanceof ArrowType.Date;
            case "timestamp" -> type instanceof ArrowType.Timestamp;
            case "time" -> type instanceof ArrowType.Time;
            case "array" -> isList(type);
            case "object" -> type instanceof ArrowType.Struct || type instanceof ArrowType.Map;
            default -> true;
        };
    }

    /**
     * Why a column of Arrow type {@code type} does not fit {@code physicalType}, or empty when it fits or the
     * physical type is not one this table knows.
     */
    static Optional<String> physicalTypeMismatch(String physicalType, ArrowType type) {
        String declared = physicalType.strip().toUpperCase(Locale.ROOT);
        if (declared.endsWith("[]") || declared.startsWith("LIST") || declared.startsWith("ARRAY")) {
            return isList(type) ? Optional.empty() : Optional.of("a list");
        }
        Matcher decimal = DECIMAL.matcher(declared);
        if (decimal.matches()) {
            return decimalMismatch(decimal, type);
        }
        String family = declared.split("[\\s(]", 2)[0];
        return switch (family) {
            case "TINYINT", "SMALLINT", "INT", "INT2", "INT4", "INT8", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT",
                    "USMALLINT", "UINTEGER", "UBIGINT", "SERIAL", "BIGSERIAL" ->
                    type instanceof ArrowType.Int || type instanceof ArrowType.Decimal decimalType
                            && decimalType.getScale() == 0 ? Optional.empty() : Optional.of("an integer");
            case "REAL", "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE" ->
                    type instanceof ArrowType.FloatingPoint ? Optional.empty() : Optional.of("a floating-point number");
            case "VARCHAR", "TEXT", "CHAR", "CHARACTER", "STRING", "NVARCHAR", "BPCHAR" ->
                    isText(type) ? Optional.empty() : Optional.of("text (utf8)");
            case "BOOLEAN", "BOOL" -> type instanceof ArrowType.Bool ? Optional.empty() : Optional.of("a boolean");
            case "DATE" -> type instanceof ArrowType.Date ? Optional.empty() : Optional.of("a date");
            case "TIME" -> type instanceof ArrowType.Time ? Optional.empty() : Optional.of("a time of day");
            case "TIMESTAMP", "TIMESTAMPTZ", "DATETIME" -> timestampMismatch(declared, type);
            case "BLOB", "BYTEA", "BINARY", "VARBINARY" -> type instanceof ArrowType.Binary
                    || type instanceof ArrowType.LargeBinary || type instanceof ArrowType.FixedSizeBinary
                    || type instanceof ArrowType.BinaryView ? Optional.empty() : Optional.of("binary");
            case "STRUCT" -> type instanceof ArrowType.Struct ? Optional.empty() : Optional.of("a struct");
            case "MAP" -> type instanceof ArrowType.Map ? Optional.empty() : Optional.of("a map");
            default -> Optional.empty();
        };
    }

    private static Optional<String> decimalMismatch(Matcher declared, ArrowType type) {
        if (!(type instanceof ArrowType.Decimal decimal)) {
            return Optional.of("a decimal");
        }
        if (declared.group(1) == null) {
            return Optional.empty();
        }
        int precision = Integer.parseInt(declared.group(1));
        int scale = declared.group(2) == null ? 0 : Integer.parseInt(declared.group(2));
        if (decimal.getPrecision() == precision && decimal.getScale() == scale) {
            return Optional.empty();
        }
        return Optional.of("decimal(" + precision + "," + scale + ")");
    }

    private static Optional<String> timestampMismatch(String declared, ArrowType type) {
        if (!(type instanceof ArrowType.Timestamp timestamp)) {
            return Optional.of("a timestamp");
        }
        boolean declaredZone = declared.startsWith("TIMESTAMPTZ") || declared.contains("WITH TIME ZONE");
        boolean hasZone = timestamp.getTimezone() != null && !timestamp.getTimezone().isEmpty();
        if (declaredZone && !hasZone) {
            return Optional.of("a timestamp with a time zone");
        }
        if (!declaredZone && hasZone && declared.contains("WITHOUT TIME ZONE")) {
            return Optional.of("a timestamp without a time zone");
        }
        return Optional.empty();
    }

    private static boolean isText(ArrowType type) {
        return type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8
                || type instanceof ArrowType.Utf8View;
    }

    private static boolean isList(ArrowType type) {
        return type instanceof ArrowType.List || type instanceof ArrowType.LargeList
                || type instanceof ArrowType.FixedSizeList || type instanceof ArrowType.ListView;
    }
}

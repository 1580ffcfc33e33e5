package io.portico.schema.compat;

import java.util.Locale;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Short, familiar names of Arrow types for messages: {@code int64}, {@code decimal(12,2)}, {@code timestamp[us, UTC]}. */
public final class ArrowTypeNames {

    private ArrowTypeNames() {
    }

    /** e.g. {@code int64}, {@code decimal(12,2)}, {@code timestamp[us, UTC]}, {@code large_utf8}. */
    public static String describe(ArrowType type) {
        return switch (type) {
            case ArrowType.Int integer -> (integer.getIsSigned() ? "int" : "uint") + integer.getBitWidth();
            case ArrowType.FloatingPoint floating -> switch (floating.getPrecision()) {
                case HALF -> "float16";
                case SINGLE -> "float32";
                case DOUBLE -> "float64";
            };
            case ArrowType.Decimal decimal -> (decimal.getBitWidth() == 128 ? "decimal" : "decimal" + decimal.getBitWidth())
                    + "(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
            case ArrowType.Utf8 utf8 -> "utf8";
            case ArrowType.LargeUtf8 utf8 -> "large_utf8";
            case ArrowType.Utf8View utf8 -> "utf8_view";
            case ArrowType.Bool bool -> "bool";
            case ArrowType.Date date -> switch (date.getUnit()) {
                case DAY -> "date32";
                case MILLISECOND -> "date64";
            };
            case ArrowType.Time time -> "time" + time.getBitWidth() + "[" + unit(time.getUnit()) + "]";
            case ArrowType.Timestamp timestamp -> "timestamp[" + unit(timestamp.getUnit())
                    + (hasZone(timestamp) ? ", " + timestamp.getTimezone() : "") + "]";
            case ArrowType.Duration duration -> "duration[" + unit(duration.getUnit()) + "]";
            case ArrowType.Interval interval -> "interval[" + interval.getUnit().name().toLowerCase(Locale.ROOT) + "]";
            case ArrowType.Binary binary -> "binary";
            case ArrowType.LargeBinary binary -> "large_binary";
            case ArrowType.BinaryView binary -> "binary_view";
            case ArrowType.FixedSizeBinary binary -> "fixed_size_binary(" + binary.getByteWidth() + ")";
            case ArrowType.List list -> "list";
            case ArrowType.LargeList list -> "large_list";
            case ArrowType.FixedSizeList list -> "fixed_size_list(" + list.getListSize() + ")";
            case ArrowType.Map map -> "map";
            case ArrowType.Struct struct -> "struct";
            default -> type.toString();
        };
    }

    static String unit(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> "s";
            case MILLISECOND -> "ms";
            case MICROSECOND -> "us";
            case NANOSECOND -> "ns";
        };
    }

    static boolean hasZone(ArrowType.Timestamp timestamp) {
        return timestamp.getTimezone() != null && !timestamp.getTimezone().isEmpty();
    }
}

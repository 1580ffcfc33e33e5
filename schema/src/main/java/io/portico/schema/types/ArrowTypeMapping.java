package io.portico.schema.types;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The one table from Arrow column types to GraphQL: type, filter operators and value reader.
 *
 * <table>
 *   <caption>Arrow type to GraphQL</caption>
 *   <tr><th>Arrow</th><th>GraphQL</th><th>Filter</th><th>Java value</th></tr>
 *   <tr><td>int8, int16, int32, uint8, uint16</td><td>{@code Int}</td><td>NUMERIC</td><td>Integer</td></tr>
 *   <tr><td>int64, uint32</td><td>{@code Long}</td><td>NUMERIC</td><td>Long</td></tr>
 *   <tr><td>uint64</td><td>{@code BigDecimal}</td><td>NUMERIC</td><td>BigDecimal (scale 0; no overflow)</td></tr>
 *   <tr><td>float16, float32</td><td>{@code Float}</td><td>NUMERIC</td><td>Float</td></tr>
 *   <tr><td>float64</td><td>{@code Float}</td><td>NUMERIC</td><td>Double</td></tr>
 *   <tr><td>decimal128, decimal256</td><td>{@code BigDecimal}</td><td>NUMERIC</td><td>BigDecimal</td></tr>
 *   <tr><td>utf8, large utf8, utf8 view</td><td>{@code String}</td><td>STRING</td><td>String</td></tr>
 *   <tr><td>bool</td><td>{@code Boolean}</td><td>BOOLEAN</td><td>Boolean</td></tr>
 *   <tr><td>date32, date64</td><td>{@code Date}</td><td>TEMPORAL</td><td>LocalDate</td></tr>
 *   <tr><td>time32, time64 (any unit)</td><td>{@code LocalTime}</td><td>TEMPORAL</td><td>LocalTime</td></tr>
 *   <tr><td>timestamp without zone (any unit)</td><td>{@code LocalDateTime}</td><td>TEMPORAL</td><td>LocalDateTime</td></tr>
 *   <tr><td>timestamp with zone (any unit)</td><td>{@code DateTime}</td><td>TEMPORAL</td><td>OffsetDateTime at the
 *       zone's offset for that instant</td></tr>
 *   <tr><td>duration (any unit), interval day-time</td><td>{@code Duration}</td><td>NONE</td><td>java.time.Duration</td></tr>
 *   <tr><td>interval year-month</td><td>{@code Duration}</td><td>NONE</td><td>java.time.Period</td></tr>
 *   <tr><td>interval month-day-nano</td><td>{@code Duration}</td><td>NONE</td><td>Arrow PeriodDuration</td></tr>
 *   <tr><td>binary, large binary, binary view, fixed-size binary</td><td>{@code Base64}</td><td>NONE</td><td>byte[]</td></tr>
 *   <tr><td>list, large list, fixed-size list</td><td>{@code [element]}</td><td>NONE</td><td>List of element values</td></tr>
 *   <tr><td>map</td><td>{@code [{key, value}]}</td><td>NONE</td><td>List of Map with {@code key} and {@code value}</td></tr>
 *   <tr><td>struct</td><td>object of its children (camelCase names)</td><td>NONE</td><td>LinkedHashMap keyed by
 *       GraphQL names, Arrow order</td></tr>
 * </table>
 *
 * <p>Not mapped, each rejected with {@link UnsupportedArrowTypeException}: null, union, run-end encoded, list
 * views, extension types and dictionary-encoded fields. Durations and intervals are not filterable because the
 * gateway's parameter convention has no type to bind them with.
 */
public final class ArrowTypeMapping {

    private static final String SUPPORTED = "supported: int, uint, float, decimal, utf8, bool, date, time, "
            + "timestamp, duration, interval, binary, list, map, struct";

    private static final GraphQLTypeRef INT = new GraphQLTypeRef.Scalar("Int");
    private static final GraphQLTypeRef FLOAT = new GraphQLTypeRef.Scalar("Float");
    private static final GraphQLTypeRef STRING = new GraphQLTypeRef.Scalar("String");
    private static final GraphQLTypeRef BOOLEAN = new GraphQLTypeRef.Scalar("Boolean");
    private static final GraphQLTypeRef LONG = scalar(PorticoScalars.LONG.getName());
    private static final GraphQLTypeRef BIG_DECIMAL = scalar(PorticoScalars.BIG_DECIMAL.getName());
    private static final GraphQLTypeRef DATE = scalar(PorticoScalars.DATE.getName());
    private static final GraphQLTypeRef DATE_TIME = scalar(PorticoScalars.DATE_TIME.getName());
    private static final GraphQLTypeRef LOCAL_DATE_TIME = scalar(PorticoScalars.LOCAL_DATE_TIME.getName());
    private static final GraphQLTypeRef LOCAL_TIME = scalar(PorticoScalars.LOCAL_TIME.getName());
    private static final GraphQLTypeRef BASE64 = scalar(PorticoScalars.BASE64.getName());
    private static final GraphQLTypeRef DURATION = scalar(PorticoScalars.DURATION.getName());

    private ArrowTypeMapping() {
    }

    /**
     * How {@code field} appears in GraphQL.
     *
     * @throws UnsupportedArrowTypeException naming the field and its type when the type (or a nested one) is not mapped
     */
    public static TypeMapping forField(Field field) {
        return map(field, field.getName());
    }

    private static TypeMapping map(Field field, String path) {
        if (field.getDictionary() != null) {
            throw unsupported(path, field, "it is dictionary-encoded; the port must send decoded values");
        }
        return switch (field.getType()) {
            case ArrowType.Int integer -> integer(integer, path, field);
            case ArrowType.FloatingPoint floating -> switch (floating.getPrecision()) {
                case HALF -> new TypeMapping(FLOAT, FilterKind.NUMERIC, ColumnReaders.FLOAT2);
                case SINGLE -> new TypeMapping(FLOAT, FilterKind.NUMERIC, ColumnReaders.FLOAT4);
                case DOUBLE -> new TypeMapping(FLOAT, FilterKind.NUMERIC, ColumnReaders.FLOAT8);
            };
            case ArrowType.Decimal decimal -> new TypeMapping(BIG_DECIMAL, FilterKind.NUMERIC,
                    decimal.getBitWidth() == 256
                            ? ColumnReaders.DECIMAL256 : ColumnReaders.decimal128(decimal.getScale()));
            case ArrowType.Utf8 utf8 -> new TypeMapping(STRING, FilterKind.STRING, ColumnReaders.UTF8);
            case ArrowType.LargeUtf8 utf8 -> new TypeMapping(STRING, FilterKind.STRING, ColumnReaders.LARGE_UTF8);
            case ArrowType.Utf8View utf8 -> new TypeMapping(STRING, FilterKind.STRING, ColumnReaders.UTF8_VIEW);
            case ArrowType.Bool bool -> new TypeMapping(BOOLEAN, FilterKind.BOOLEAN, ColumnReaders.BOOL);
            case ArrowType.Date date -> new TypeMapping(DATE, FilterKind.TEMPORAL, switch (date.getUnit()) {
                case DAY -> ColumnReaders.DATE_DAY;
                case MILLISECOND -> ColumnReaders.DATE_MILLI;
            });
            case ArrowType.Time time -> new TypeMapping(LOCAL_TIME, FilterKind.TEMPORAL, switch (time.getUnit()) {
                case SECOND -> ColumnReaders.TIME_SEC;
                case MILLISECOND -> ColumnReaders.TIME_MILLI;
                case MICROSECOND -> ColumnReaders.TIME_MICRO;
                case NANOSECOND -> ColumnReaders.TIME_NANO;
            });
            case ArrowType.Timestamp timestamp -> timestamp(timestamp, path, field);
            case ArrowType.Duration duration -> new TypeMapping(DURATION, FilterKind.NONE, ColumnReaders.DURATION);
            case ArrowType.Interval interval -> new TypeMapping(DURATION, FilterKind.NONE, switch (interval.getUnit()) {
                case YEAR_MONTH -> ColumnReaders.INTERVAL_YEAR;
                case DAY_TIME -> ColumnReaders.INTERVAL_DAY;
                case MONTH_DAY_NANO -> ColumnReaders.INTERVAL_MONTH_DAY_NANO;
            });
            case ArrowType.Binary binary -> new TypeMapping(BASE64, FilterKind.NONE, ColumnReaders.BINARY);
            case ArrowType.LargeBinary binary -> new TypeMapping(BASE64, FilterKind.NONE, ColumnReaders.LARGE_BINARY);
            case ArrowType.BinaryView binary -> new TypeMapping(BASE64, FilterKind.NONE, ColumnReaders.BINARY_VIEW);
            case ArrowType.FixedSizeBinary binary ->
                    new TypeMapping(BASE64, FilterKind.NONE, ColumnReaders.FIXED_SIZE_BINARY);
            case ArrowType.List list -> listOf(field, path, ColumnReaders::list);
            case ArrowType.Map map -> listOf(field, path, ColumnReaders::list);
            case ArrowType.LargeList list -> listOf(field, path, ColumnReaders::largeList);
            case ArrowType.FixedSizeList list -> listOf(field, path, ColumnReaders::fixedSizeList);
            case ArrowType.Struct struct -> struct(field, path);
            default -> throw unsupported(path, field, "Portico has no GraphQL mapping for it");
        };
    }

    private static TypeMapping integer(ArrowType.Int integer, String path, Field field) {
        int bitWidth = integer.getBitWidth();
        if (integer.getIsSigned()) {
            return switch (bitWidth) {
                case 8 -> new TypeMapping(INT, FilterKind.NUMERIC, ColumnReaders.TINY_INT);
                case 16 -> new TypeMapping(INT, FilterKind.NUMERIC, ColumnReaders.SMALL_INT);
                case 32 -> new TypeMapping(INT, FilterKind.NUMERIC, ColumnReaders.INT);
                case 64 -> new TypeMapping(LONG, FilterKind.NUMERIC, ColumnReaders.BIG_INT);
                default -> throw unsupported(path, field, "it has an unknown bit width");
            };
        }
        return switch (bitWidth) {
            case 8 -> new TypeMapping(INT, FilterKind.NUMERIC, ColumnReaders.UINT1);
            case 16 -> new TypeMapping(INT, FilterKind.NUMERIC, ColumnReaders.UINT2);
            case 32 -> new TypeMapping(LONG, FilterKind.NUMERIC, ColumnReaders.UINT4);
            case 64 -> new TypeMapping(BIG_DECIMAL, FilterKind.NUMERIC, ColumnReaders.UINT8);
            default -> throw unsupported(path, field, "it has an unknown bit width");
        };
    }

    private static TypeMapping timestamp(ArrowType.Timestamp timestamp, String path, Field field) {
        String timezone = timestamp.getTimezone();
        if (timezone == null || timezone.isEmpty()) {
            return new TypeMapping(LOCAL_DATE_TIME, FilterKind.TEMPORAL,
                    ColumnReaders.localDateTime(timestamp.getUnit()));
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw unsupported(path, field, "its time zone '" + timezone + "' is not a known zone id or offset");
        }
        return new TypeMapping(DATE_TIME, FilterKind.TEMPORAL, ColumnReaders.offsetDateTime(timestamp.getUnit(), zone));
    }

    private static TypeMapping listOf(Field field, String path, Function<ColumnReader, ColumnReader> reader) {
        if (field.getChildren().size() != 1) {
            throw unsupported(path, field, "a list needs exactly one child field");
        }
        Field element = field.getChildren().getFirst();
        TypeMapping elementMapping = map(element, path + "[]");
        return new TypeMapping(new GraphQLTypeRef.ListOf(elementMapping.graphQLType(), element.isNullable()),
                FilterKind.NONE, reader.apply(elementMapping.reader()));
    }

    private static TypeMapping struct(Field field, String path) {
        if (field.getChildren().isEmpty()) {
            throw unsupported(path, field, "a struct without fields has no GraphQL object type");
        }
        List<GraphQLTypeRef.StructField> structFields = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<ColumnReader> readers = new ArrayList<>();
        Map<String, String> arrowNameByGraphQLName = new HashMap<>();
        for (Field child : field.getChildren()) {
            String name = GraphQLNames.fieldName(child.getName());
            String clash = arrowNameByGraphQLName.putIfAbsent(name, child.getName());
            if (clash != null) {
                throw unsupported(path, field, "its children '" + clash + "' and '" + child.getName()
                        + "' both become GraphQL field '" + name + "'");
            }
            TypeMapping childMapping = map(child, path + "." + child.getName());
            structFields.add(new GraphQLTypeRef.StructField(name, child.getName(), childMapping.graphQLType(),
                    child.isNullable()));
            names.add(name);
            readers.add(childMapping.reader());
        }
        return new TypeMapping(new GraphQLTypeRef.Struct(structFields), FilterKind.NONE,
                ColumnReaders.struct(names, readers));
    }

    private static UnsupportedArrowTypeException unsupported(String path, Field field, String reason) {
        return new UnsupportedArrowTypeException("column '" + path + "' has Arrow type " + field.getType()
                + " which cannot be exposed in GraphQL: " + reason + " (" + SUPPORTED + ")");
    }

    private static GraphQLTypeRef scalar(String name) {
        return new GraphQLTypeRef.Scalar(name);
    }
}

package io.portico.flight;

import java.sql.ParameterMetaData;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow type of a JDBC column, chosen to be exactly what DuckDB's native Arrow export produces for the same
 * column, so that a result's announced schema and its streamed schema agree on every backend: timestamps in
 * microseconds ({@code "UTC"} when they carry a zone), dates as days, decimals as 128-bit decimals of the column's
 * precision and scale, strings as UTF-8.
 *
 * <p>Where a driver reports less than the column's type, the type name decides: PostgreSQL reports
 * {@code timestamptz} as {@link Types#TIMESTAMP} (it becomes a zoned timestamp) and {@code timetz} as
 * {@link Types#TIME} (it becomes text, as Arrow has no time of day with an offset); a decimal whose precision the
 * driver does not know (PostgreSQL's {@code NUMERIC} without a type modifier, e.g. {@code sum(amount)}, and every
 * {@code NUMERIC} parameter) becomes {@link #UNCONSTRAINED_DECIMAL}.
 */
final class JdbcArrowTypes {

    /** Zone of every zoned timestamp the port sends; sessions run in UTC. */
    static final String UTC = "UTC";

    private static final int MAX_DECIMAL_PRECISION = 38;

    /**
     * The scale of a decimal whose precision the database does not know: 20 digits before the point and 18 after,
     * enough for sums of money and for averages; further digits are rounded half-even, a larger value fails the
     * stream with a message naming the column.
     */
    static final int UNCONSTRAINED_DECIMAL_SCALE = 18;

    /** The Arrow type of a decimal whose precision the database does not know. */
    static final ArrowType.Decimal UNCONSTRAINED_DECIMAL =
            new ArrowType.Decimal(MAX_DECIMAL_PRECISION, UNCONSTRAINED_DECIMAL_SCALE, 128);

    private JdbcArrowTypes() {
    }

    /** The schema of a result, all fields nullable unless the driver knows better; nested columns as text. */
    static Schema resultSchema(ResultSetMetaData metaData) throws SQLException {
        return resultSchema(metaData, false);
    }

    /**
     * The schema of a result. With {@code duckDbNested}, nested DuckDB columns ({@code LIST}, {@code ARRAY},
     * {@code STRUCT}, {@code MAP}) get the nested Arrow types DuckDB's export streams for them.
     */
    static Schema resultSchema(ResultSetMetaData metaData, boolean duckDbNested) throws SQLException {
        List<Field> fields = new ArrayList<>();
        for (int column = 1; column <= metaData.getColumnCount(); column++) {
            boolean nullable = metaData.isNullable(column) != ResultSetMetaData.columnNoNulls;
            String name = metaData.getColumnLabel(column);
            int jdbcType = metaData.getColumnType(column);
            String typeName = metaData.getColumnTypeName(column);
            if (duckDbNested && DuckDbTypeNames.isNested(jdbcType, typeName)) {
                fields.add(DuckDbTypeNames.field(name, typeName, nullable));
                continue;
            }
            fields.add(field(name, jdbcType, typeName, metaData.getPrecision(column), metaData.getScale(column), nullable));
        }
        return new Schema(fields);
    }

    /** The same schema with the nullability the catalog declares, by column name (for a table's live schema). */
    static Schema withNullability(Schema schema, Map<String, Boolean> nullableByColumn) {
        List<Field> fields = new ArrayList<>();
        for (Field field : schema.getFields()) {
            boolean nullable = nullableByColumn.getOrDefault(field.getName(), field.isNullable());
            FieldType type = new FieldType(nullable, field.getType(), field.getDictionary(), field.getMetadata());
            fields.add(new Field(field.getName(), type, field.getChildren()));
        }
        return new Schema(fields);
    }

    /**
     * The parameter schema announced to clients: fields {@code p1..pn} typed from the driver's parameter metadata.
     * Timestamps are announced in milliseconds because the Flight SQL JDBC driver always encodes its timestamp
     * parameters as milliseconds whatever unit is announced; the port reads any unit a client actually sends.
     */
    static Schema parameterSchema(ParameterMetaData metaData) throws SQLException {
        List<Field> fields = new ArrayList<>();
        int count = metaData == null ? 0 : metaData.getParameterCount();
        for (int parameter = 1; parameter <= count; parameter++) {
            ArrowType type = parameterType(metaData, parameter);
            fields.add(new Field("p" + parameter, FieldType.nullable(type), null));
        }
        return new Schema(fields);
    }

    private static ArrowType parameterType(ParameterMetaData metaData, int parameter) {
        try {
            int jdbcType = metaData.getParameterType(parameter);
            ArrowType type = type(jdbcType, metaData.getParameterTypeName(parameter),
                    metaData.getPrecision(parameter), metaData.getScale(parameter));
            if (type instanceof ArrowType.Timestamp timestamp) {
                return new ArrowType.Timestamp(TimeUnit.MILLISECOND, timestamp.getTimezone());
            }
            return type;
        } catch (SQLException | RuntimeException e) {
            return ArrowType.Utf8.INSTANCE;
        }
    }

    static Field field(String name, int jdbcType, String typeName, int precision, int scale, boolean nullable) {
        return new Field(name, new FieldType(nullable, type(jdbcType, typeName, precision, scale), null), null);
    }

    static ArrowType type(int jdbcType, String typeName, int precision, int scale) {
        String name = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT);
        return switch (jdbcType) {
            case Types.BIGINT -> new ArrowType.Int(64, true);
            case Types.INTEGER -> new ArrowType.Int(32, true);
            case Types.SMALLINT -> new ArrowType.Int(16, true);
            case Types.TINYINT -> new ArrowType.Int(8, true);
            case Types.BOOLEAN, Types.BIT -> ArrowType.Bool.INSTANCE;
            case Types.DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case Types.REAL -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case Types.FLOAT -> precision > 0 && precision <= 24
                    ? new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)
                    : new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case Types.DECIMAL, Types.NUMERIC -> decimal(precision, scale);
            case Types.DATE -> new ArrowType.Date(DateUnit.DAY);
            case Types.TIME -> isZoned(name) ? ArrowType.Utf8.INSTANCE : new ArrowType.Time(TimeUnit.MICROSECOND, 64);
            case Types.TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, isZoned(name) ? UTC : null);
            case Types.TIMESTAMP_WITH_TIMEZONE -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, UTC);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> ArrowType.Binary.INSTANCE;
            case Types.OTHER -> name.equals("HUGEINT") ? decimal(MAX_DECIMAL_PRECISION, 0) : ArrowType.Utf8.INSTANCE;
            default -> ArrowType.Utf8.INSTANCE;
        };
    }

    /** PostgreSQL's names of the types with a zone, which its driver reports as TIMESTAMP and TIME. */
    private static boolean isZoned(String upperCaseTypeName) {
        return upperCaseTypeName.equals("TIMESTAMPTZ") || upperCaseTypeName.equals("TIMETZ")
                || upperCaseTypeName.contains("WITH TIME ZONE");
    }

    private static ArrowType decimal(int precision, int scale) {
        if (precision <= 0) {
            return UNCONSTRAINED_DECIMAL;
        }
        int boundedScale = Math.max(0, scale);
        if (precision > MAX_DECIMAL_PRECISION) {
            return new ArrowType.Decimal(MAX_DECIMAL_PRECISION, Math.min(boundedScale, MAX_DECIMAL_PRECISION), 128);
        }
        return new ArrowType.Decimal(precision, Math.min(boundedScale, precision), 128);
    }
}

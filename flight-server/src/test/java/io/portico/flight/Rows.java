package io.portico.flight;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Rows as comparable Java values, whether they came from Arrow or from JDBC: integers as {@code Long}, floating
 * point as {@code Double}, decimals without trailing zeros, zoned timestamps as {@code Instant}, timestamps without
 * zone as {@code LocalDateTime}, dates as {@code LocalDate}.
 */
final class Rows {

    private Rows() {
    }

    static List<List<Object>> read(FlightStream stream) {
        List<List<Object>> rows = new ArrayList<>();
        while (stream.next()) {
            VectorSchemaRoot root = stream.getRoot();
            for (int row = 0; row < root.getRowCount(); row++) {
                List<Object> values = new ArrayList<>();
                for (FieldVector vector : root.getFieldVectors()) {
                    values.add(normalize(ArrowParameters.value(vector, row)));
                }
                rows.add(values);
            }
        }
        return rows;
    }

    static List<List<Object>> read(ResultSet resultSet) throws SQLException {
        ResultSetMetaData metaData = resultSet.getMetaData();
        List<List<Object>> rows = new ArrayList<>();
        while (resultSet.next()) {
            List<Object> values = new ArrayList<>();
            for (int column = 1; column <= metaData.getColumnCount(); column++) {
                values.add(normalize(value(resultSet, column, metaData.getColumnType(column), metaData.getColumnTypeName(column))));
            }
            rows.add(values);
        }
        return rows;
    }

    private static Object value(ResultSet resultSet, int column, int type, String typeName) throws SQLException {
        Object value = switch (type) {
            case Types.TIMESTAMP_WITH_TIMEZONE -> timestampWithZone(resultSet, column);
            // PostgreSQL's driver reports timestamptz as TIMESTAMP
            case Types.TIMESTAMP -> "timestamptz".equalsIgnoreCase(typeName)
                    ? timestampWithZone(resultSet, column)
                    : resultSet.getObject(column, LocalDateTime.class);
            case Types.DATE -> resultSet.getObject(column, LocalDate.class);
            case Types.TIME -> resultSet.getObject(column, LocalTime.class);
            case Types.DECIMAL, Types.NUMERIC -> resultSet.getBigDecimal(column);
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> resultSet.getLong(column);
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> resultSet.getDouble(column);
            case Types.BOOLEAN, Types.BIT -> resultSet.getBoolean(column);
            default -> resultSet.getString(column);
        };
        return resultSet.wasNull() ? null : value;
    }

    /**
     * As {@code OffsetDateTime} where the driver can (a {@code Timestamp} goes through the JVM's zone and is ambiguous
     * around daylight-saving changes); the Flight SQL JDBC driver only offers {@code Timestamp}.
     */
    private static Object timestampWithZone(ResultSet resultSet, int column) throws SQLException {
        try {
            return resultSet.getObject(column, OffsetDateTime.class);
        } catch (SQLException | RuntimeException notOffered) {
            Timestamp value = resultSet.getTimestamp(column);
            return value == null ? null : value.toInstant();
        }
    }

    static Object normalize(Object value) {
        return switch (value) {
            case null -> null;
            case Integer integer -> integer.longValue();
            case Short value16 -> value16.longValue();
            case Byte value8 -> value8.longValue();
            case Float value32 -> value32.doubleValue();
            case BigDecimal decimal -> decimal.stripTrailingZeros();
            case OffsetDateTime timestamp -> timestamp.toInstant();
            default -> value;
        };
    }
}

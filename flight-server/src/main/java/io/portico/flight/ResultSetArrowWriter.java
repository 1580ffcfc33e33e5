package io.portico.flight;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Converts a JDBC result into Arrow record batches for databases without a native Arrow export. The schema is
 * {@link JdbcArrowTypes#resultSchema}, the same one the port announces for the statement. Each batch is written into
 * freshly allocated buffers, so a batch handed to Flight with zero-copy is never overwritten.
 */
final class ResultSetArrowWriter {

    /** SQLSTATE of a value that does not fit its type. */
    private static final String NUMERIC_OUT_OF_RANGE = "22003";

    private final ResultSet resultSet;
    private final Schema schema;
    private final ColumnWriter[] writers;

    ResultSetArrowWriter(ResultSet resultSet) throws SQLException {
        this.resultSet = resultSet;
        this.schema = JdbcArrowTypes.resultSchema(resultSet.getMetaData());
        List<Field> fields = schema.getFields();
        this.writers = new ColumnWriter[fields.size()];
        for (int index = 0; index < fields.size(); index++) {
            writers[index] = writerFor(fields.get(index).getType());
        }
    }

    Schema schema() {
        return schema;
    }

    /**
     * Reads up to {@code maxRows} rows into new buffers of {@code root} (whose schema must be {@link #schema()}).
     *
     * @return the rows read; 0 at the end of the result
     */
    int fill(VectorSchemaRoot root, int maxRows) throws SQLException {
        List<FieldVector> vectors = root.getFieldVectors();
        for (FieldVector vector : vectors) {
            vector.setInitialCapacity(maxRows);
            vector.allocateNew();
        }
        int row = 0;
        while (row < maxRows && resultSet.next()) {
            for (int column = 0; column < writers.length; column++) {
                writers[column].write(resultSet, column + 1, vectors.get(column), row);
            }
            row++;
        }
        root.setRowCount(row);
        return row;
    }

    @FunctionalInterface
    private interface ColumnWriter {
        void write(ResultSet resultSet, int column, FieldVector vector, int row) throws SQLException;
    }

    private static ColumnWriter writerFor(ArrowType type) {
        return switch (type) {
            case ArrowType.Int integer when integer.getBitWidth() == 64 -> (resultSet, column, vector, row) -> {
                long value = resultSet.getLong(column);
                if (resultSet.wasNull()) {
                    vector.setNull(row);
                    return;
                }
                ((BigIntVector) vector).setSafe(row, value);
            };
            case ArrowType.Int integer when integer.getBitWidth() == 32 -> (resultSet, column, vector, row) -> {
                int value = resultSet.getInt(column);
                if (resultSet.wasNull()) {
                    vector.setNull(row);
                    return;
                }
                ((IntVector) vector).setSafe(row, value);
            };
            case ArrowType.Int integer when integer.getBitWidth() == 16 -> (resultSet, column, vector, row) -> {
                short value = resultSet.getShort(column);
                if (resultSet.wasNull()) {
                    vector.setNull(row);
                    return;
                }
                ((SmallIntVector) vector).setSafe(row, value);
            };
            case ArrowType.Int integer -> (resultSet, column, vector, row) -> {
                byte value = resultSet.getByte(column);
                if (resultSet.wasNull()) {
                    vector.setNull(row);
                    return;
                }
                ((TinyIntVector) vector).setSafe(row, value);
            };
            case ArrowType.Bool bool -> (resultSet, column, vector, row) -> {
                boolean value = resultSet.getBoolean(column);
                if (resultSet.wasNull()) {
                    vector.setNull(row);
                    return;
                }
                ((BitVector) vector).setSafe(row, value ? 1 : 0);
            };
            case ArrowType.FloatingPoint floating when floating.getPrecision() == org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE ->
                    (resultSet, column, vector, row) -> {
                        float value = resultSet.getFloat(column);
                        if (resultSet.wasNull()) {
                    vector.setNull(row);
                    return;
                }
                ((Float4Vector) vector).setSafe(row, value);
                    };
            case ArrowType.FloatingPoint floating -> (resultSet, column, vector, row) -> {
                double value = resultSet.getDouble(column);
                if (resultSet.wasNull()) {
                    vector.setNull(row);
                    return;
                }
                ((Float8Vector) vector).setSafe(row, value);
            };
            case ArrowType.Decimal decimal -> (resultSet, column, vector, row) -> {
                BigDecimal value = resultSet.getBigDecimal(column);
                if (value == null) {
                    vector.setNull(row);
                    return;
                }
                BigDecimal scaled = value.setScale(decimal.getScale(), RoundingMode.HALF_EVEN);
                if (scaled.precision() > decimal.getPrecision()) {
                    throw new SQLDataException("the value " + value.toPlainString() + " of column " + vector.getName()
                            + " does not fit DECIMAL(" + decimal.getPrecision() + ", " + decimal.getScale() + "),"
                            + " the type announced for it; cast the column to a narrower scale", NUMERIC_OUT_OF_RANGE);
                }
                ((DecimalVector) vector).setSafe(row, scaled);
            };
            case ArrowType.Date date -> (resultSet, column, vector, row) -> {
                LocalDate value = resultSet.getObject(column, LocalDate.class);
                if (value == null) {
                    vector.setNull(row);
                    return;
                }
                ((DateDayVector) vector).setSafe(row, Math.toIntExact(value.toEpochDay()));
            };
            case ArrowType.Time time -> (resultSet, column, vector, row) -> {
                LocalTime value = resultSet.getObject(column, LocalTime.class);
                if (value == null) {
                    vector.setNull(row);
                    return;
                }
                ((TimeMicroVector) vector).setSafe(row, value.toNanoOfDay() / 1_000L);
            };
            case ArrowType.Timestamp timestamp when timestamp.getTimezone() == null -> (resultSet, column, vector, row) -> {
                LocalDateTime value = resultSet.getObject(column, LocalDateTime.class);
                if (value == null) {
                    vector.setNull(row);
                    return;
                }
                ((TimeStampMicroVector) vector).setSafe(row, epochMicros(value.toEpochSecond(ZoneOffset.UTC), value.getNano()));
            };
            case ArrowType.Timestamp timestamp -> (resultSet, column, vector, row) -> {
                OffsetDateTime value = resultSet.getObject(column, OffsetDateTime.class);
                if (value == null) {
                    vector.setNull(row);
                    return;
                }
                ((TimeStampMicroTZVector) vector).setSafe(row, epochMicros(value.toEpochSecond(), value.getNano()));
            };
            case ArrowType.Binary binary -> (resultSet, column, vector, row) -> {
                byte[] value = resultSet.getBytes(column);
                if (value == null) {
                    vector.setNull(row);
                    return;
                }
                ((VarBinaryVector) vector).setSafe(row, value);
            };
            default -> (resultSet, column, vector, row) -> {
                String value = resultSet.getString(column);
                if (value == null) {
                    vector.setNull(row);
                    return;
                }
                ((VarCharVector) vector).setSafe(row, value.getBytes(UTF_8));
            };
        };
    }

    private static long epochMicros(long epochSecond, int nano) {
        return Math.addExact(Math.multiplyExact(epochSecond, 1_000_000L), nano / 1_000L);
    }
}

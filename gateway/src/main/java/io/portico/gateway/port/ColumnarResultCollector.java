package io.portico.gateway.port;

import io.portico.schema.types.ArrowTypeMapping;
import io.portico.schema.types.ColumnReader;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Copies the values of Arrow batches into a {@link ColumnarResult}, column by column, with the type table's
 * {@link ColumnReader}s. It never keeps a reference to a batch, so the caller can close each one once read.
 *
 * <p>Public for benchmarks and tests that feed the gateway's conversion path batches they built themselves; the
 * gateway itself uses it only inside {@link FlightPortClient}.
 */
public final class ColumnarResultCollector {

    private static final int INITIAL_CAPACITY = 1024;
    private static final int MAX_PREALLOCATED = 65_536;

    private final List<Field> fields;
    private final ColumnReader[] readers;
    private final Object[][] columns;
    private int rowCount;

    /**
     * @param schema       the schema of the stream's batches
     * @param expectedRows how many rows are likely (a hint, e.g. the LIMIT sent), or 0 when unknown
     * @throws io.portico.schema.types.UnsupportedArrowTypeException when a column's type is not mapped
     */
    public ColumnarResultCollector(Schema schema, int expectedRows) {
        this.fields = List.copyOf(schema.getFields());
        this.readers = new ColumnReader[fields.size()];
        this.columns = new Object[fields.size()][];
        int capacity = expectedRows > 0 ? Math.min(expectedRows, MAX_PREALLOCATED) : INITIAL_CAPACITY;
        for (int column = 0; column < fields.size(); column++) {
            readers[column] = ArrowTypeMapping.forField(fields.get(column)).reader();
            columns[column] = new Object[capacity];
        }
    }

    /** Reads every row of {@code batch}, which must have the schema this collector was made for. */
    public void append(VectorSchemaRoot batch) {
        int batchRows = batch.getRowCount();
        ensureCapacity(rowCount + batchRows);
        List<FieldVector> vectors = batch.getFieldVectors();
        for (int column = 0; column < readers.length; column++) {
            ColumnReader reader = readers[column];
            FieldVector vector = vectors.get(column);
            Object[] values = columns[column];
            for (int row = 0; row < batchRows; row++) {
                values[rowCount + row] = reader.read(vector, row);
            }
        }
        rowCount += batchRows;
    }

    /** The rows appended so far. */
    public ColumnarResult result() {
        return new ColumnarResult(fields, columns, rowCount);
    }

    private void ensureCapacity(int rows) {
        if (columns.length == 0 || columns[0].length >= rows) {
            return;
        }
        int capacity = Math.max(rows, columns[0].length * 2);
        for (int column = 0; column < columns.length; column++) {
            columns[column] = Arrays.copyOf(columns[column], capacity);
        }
    }
}

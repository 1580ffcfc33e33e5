package io.portico.gateway.port;

import static java.util.Objects.requireNonNull;

import io.portico.policies.mask.Mask;
import io.portico.policies.mask.VectorMasker;
import io.portico.schema.types.ArrowTypeMapping;
import io.portico.schema.types.ColumnReader;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
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
    private final ColumnMasks masks;
    private final BufferAllocator allocator;
    private final Object[][] unmasked;
    private int rowCount;

    /**
     * @param schema       the schema of the stream's batches
     * @param expectedRows how many rows are likely (a hint, e.g. the LIMIT sent), or 0 when unknown
     * @throws io.portico.schema.types.UnsupportedArrowTypeException when a column's type is not mapped
     */
    public ColumnarResultCollector(Schema schema, int expectedRows) {
        this(schema, expectedRows, ColumnMasks.NONE, null);
    }

    /**
     * A collector that masks columns of every batch before reading them.
     *
     * @param masks     the masks, by column position
     * @param allocator where the masked copies of a batch's vectors live until they are read (then closed)
     */
    public ColumnarResultCollector(Schema schema, int expectedRows, ColumnMasks masks, BufferAllocator allocator) {
        this.masks = requireNonNull(masks, "masks is null");
        if (!masks.isEmpty()) {
            requireNonNull(allocator, "allocator is null");
        }
        this.allocator = allocator;
        this.fields = List.copyOf(schema.getFields());
        this.readers = new ColumnReader[fields.size()];
        this.columns = new Object[fields.size()][];
        int capacity = expectedRows > 0 ? Math.min(expectedRows, MAX_PREALLOCATED) : INITIAL_CAPACITY;
        for (int column = 0; column < fields.size(); column++) {
            readers[column] = ArrowTypeMapping.forField(fields.get(column)).reader();
            columns[column] = new Object[capacity];
        }
        this.unmasked = new Object[fields.size()][];
        for (int column : masks.keepUnmasked()) {
            unmasked[column] = new Object[capacity];
        }
    }

    /** Reads every row of {@code batch}, which must have the schema this collector was made for. */
    public void append(VectorSchemaRoot batch) {
        int batchRows = batch.getRowCount();
        ensureCapacity(rowCount + batchRows);
        List<FieldVector> vectors = batch.getFieldVectors();
        for (int column = 0; column < readers.length; column++) {
            FieldVector vector = vectors.get(column);
            Mask mask = masks.of(column);
            if (mask == null) {
                read(column, vector, columns[column], batchRows);
                continue;
            }
            if (unmasked[column] != null) {
                read(column, vector, unmasked[column], batchRows);
            }
            try (FieldVector masked = VectorMasker.mask(vector, mask, masks.hashKey(), allocator)) {
                read(column, masked, columns[column], batchRows);
            }
        }
        rowCount += batchRows;
    }

    private void read(int column, FieldVector vector, Object[] values, int batchRows) {
        ColumnReader reader = readers[column];
        for (int row = 0; row < batchRows; row++) {
            values[rowCount + row] = reader.read(vector, row);
        }
    }

    /**
     * A port read's consumer that collects every batch into a {@link ColumnarResult} (empty when the port sent no
     * stream), masking columns as {@code masks} says with the read's allocator.
     *
     * @param expectedRows how many rows are likely (a hint, e.g. the LIMIT sent), or 0 when unknown
     */
    public static BatchConsumer<ColumnarResult> consumer(int expectedRows, ColumnMasks masks) {
        requireNonNull(masks, "masks is null");
        return new BatchConsumer<>() {
            private ColumnarResultCollector collector;

            @Override
            public void start(Schema schema, BufferAllocator allocator) {
                collector = new ColumnarResultCollector(schema, expectedRows, masks, allocator);
            }

            @Override
            public void accept(VectorSchemaRoot batch) {
                collector.append(batch);
            }

            @Override
            public ColumnarResult finish() {
                return collector == null ? ColumnarResult.empty() : collector.result();
            }
        };
    }

    /** The rows appended so far. */
    public ColumnarResult result() {
        return new ColumnarResult(fields, columns, unmasked, rowCount);
    }

    private void ensureCapacity(int rows) {
        if (columns.length == 0 || columns[0].length >= rows) {
            return;
        }
        int capacity = Math.max(rows, columns[0].length * 2);
        for (int column = 0; column < columns.length; column++) {
            columns[column] = Arrays.copyOf(columns[column], capacity);
            if (unmasked[column] != null) {
                unmasked[column] = Arrays.copyOf(unmasked[column], capacity);
            }
        }
    }
}

package io.portico.gateway.port;

import static java.util.Objects.requireNonNull;

import io.portico.policies.mask.Mask;
import io.portico.policies.mask.VectorMasker;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Hands a consumer only what a subject is shown of each batch a port sends: the shown columns, in order, masked
 * columns replaced by masked copies (made with the read's allocator and closed once the consumer returned), and no
 * more than a row limit. Columns a plan fetched only for cursors or key order (a denied key, a key-order hash) never
 * reach the consumer, so a front door that forwards batches undecoded forwards nothing the policy hides.
 *
 * @param <T> what the consumer answers
 */
public final class ShownBatchConsumer<T> implements BatchConsumer<T> {

    private final int[] shown;
    private final ColumnMasks masks;
    private final long maxRows;
    private final BatchConsumer<T> delegate;
    private BufferAllocator allocator;
    private List<Field> fields;
    private long rows;

    /**
     * @param shown    the positions, in the port's result, of the columns shown, in the order shown
     * @param masks    the masks of the result's columns, by position in the port's result
     * @param maxRows  the most rows handed on (a plan's page fetches one more, to learn of a next page)
     * @param delegate the consumer of what is shown
     */
    public ShownBatchConsumer(int[] shown, ColumnMasks masks, long maxRows, BatchConsumer<T> delegate) {
        this.shown = shown.clone();
        this.masks = requireNonNull(masks, "masks is null");
        this.maxRows = maxRows;
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public void start(Schema schema, BufferAllocator allocator) {
        this.allocator = allocator;
        List<Field> out = new ArrayList<>(shown.length);
        for (int column : shown) {
            Field field = schema.getFields().get(column);
            out.add(masks.of(column) == null ? field : VectorMasker.maskedField(field));
        }
        this.fields = List.copyOf(out);
        delegate.start(new Schema(fields), allocator);
    }

    @Override
    public void accept(VectorSchemaRoot batch) {
        int batchRows = (int) Math.min(batch.getRowCount(), maxRows - rows);
        if (batchRows <= 0) {
            return;
        }
        List<FieldVector> vectors = new ArrayList<>(shown.length);
        List<FieldVector> copies = new ArrayList<>();
        try {
            for (int column : shown) {
                FieldVector vector = batch.getVector(column);
                Mask mask = masks.of(column);
                if (mask == null) {
                    vectors.add(vector);
                } else {
                    FieldVector masked = VectorMasker.mask(vector, mask, masks.hashKey(), allocator);
                    copies.add(masked);
                    vectors.add(masked);
                }
            }
            delegate.accept(new VectorSchemaRoot(fields, vectors, batchRows));
            rows += batchRows;
        } finally {
            copies.forEach(FieldVector::close);
        }
    }

    @Override
    public T finish() {
        return delegate.finish();
    }

    /** The rows handed on so far. */
    public long rows() {
        return rows;
    }
}

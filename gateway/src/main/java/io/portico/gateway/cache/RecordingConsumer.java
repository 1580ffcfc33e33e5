package io.portico.gateway.cache;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.port.BatchConsumer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

/**
 * The consumer of a cache miss: hands every batch, unchanged, to the reader's own consumer (which masks, collects or
 * forwards as it always does) and writes the same batch, as the port sent it, to an Arrow IPC stream on the heap
 * for the cache. The recording stops (nothing is cached) once it grows past the entry limit, or when the result
 * has a dictionary-encoded column.
 *
 * <p>A failure of the reader's own consumer is kept, not thrown, so that the port's answer is still recorded
 * whole for the other readers waiting on it; {@link #rethrowConsumerFailure()} throws it to its own reader.
 */
final class RecordingConsumer<T> implements BatchConsumer<T> {

    private final BatchConsumer<T> delegate;
    private final long maxBytes;
    private ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    private WriteChannel channel = new WriteChannel(Channels.newChannel(bytes));
    private boolean started;
    private long rows;
    private RuntimeException consumerFailure;

    RecordingConsumer(BatchConsumer<T> delegate, long maxBytes) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.maxBytes = maxBytes;
    }

    @Override
    public void start(Schema schema, BufferAllocator allocator) {
        started = true;
        if (schema.getFields().stream().map(Field::getDictionary).anyMatch(dictionary -> dictionary != null)) {
            stopRecording();
        }
        record(() -> MessageSerializer.serialize(channel, schema));
        forward(() -> delegate.start(schema, allocator));
    }

    @Override
    public void accept(VectorSchemaRoot batch) {
        record(() -> {
            try (ArrowRecordBatch unloaded = new VectorUnloader(batch).getRecordBatch()) {
                MessageSerializer.serialize(channel, unloaded);
            }
        });
        rows += batch.getRowCount();
        forward(() -> delegate.accept(batch));
    }

    @Override
    public T finish() {
        record(() -> ArrowStreamWriter.writeEndOfStream(channel, IpcOption.DEFAULT));
        if (consumerFailure != null) {
            return null;
        }
        try {
            return delegate.finish();
        } catch (RuntimeException e) {
            consumerFailure = e;
            return null;
        }
    }

    /**
     * What the cache keeps of the read, once {@link #finish()} returned: null when the recording stopped. Its
     * schema is decoded from the recorded stream here, once, as a replay decoded it before each hit.
     *
     * @param ttlNanos how long it may be served
     */
    CachedResult result(long ttlNanos) {
        if (bytes == null) {
            return null;
        }
        if (!started) {
            return new CachedResult(null, null, 0, rows, ttlNanos);
        }
        byte[] ipc = bytes.toByteArray();
        ReadChannel stream = new ReadChannel(new ByteArrayReadableSeekableByteChannel(ipc));
        try {
            Schema schema = MessageSerializer.deserializeSchema(stream);
            return new CachedResult(ipc, schema, Math.toIntExact(stream.bytesRead()), rows, ttlNanos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throws what the reader's own consumer threw, if it threw. */
    void rethrowConsumerFailure() {
        if (consumerFailure != null) {
            throw consumerFailure;
        }
    }

    private void record(Recording recording) {
        if (bytes == null) {
            return;
        }
        try {
            recording.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.size() > maxBytes) {
            stopRecording();
        }
    }

    private void stopRecording() {
        bytes = null;
        channel = null;
    }

    private void forward(Runnable call) {
        if (consumerFailure != null) {
            return;
        }
        try {
            call.run();
        } catch (RuntimeException e) {
            consumerFailure = e;
        }
    }

    @FunctionalInterface
    private interface Recording {
        void run() throws IOException;
    }
}

package io.portico.gateway.flightsql;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.port.BatchConsumer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Forwards the batches of a port read to a Flight SQL client as they arrive, with backpressure: a batch is sent
 * only when the client's stream is ready for it, so a slow client holds the port read (and through gRPC flow
 * control, the port) instead of filling the gateway's memory. A cancelled client is seen at the next batch. Batches are not copied: their buffers are loaded into
 * the stream's root by reference and released once gRPC has written them. A cancelled client ends the port read
 * ({@link ClientCancelled}), which cancels the port's stream.
 *
 * <p>One forwarder serves one client stream across the attempts of the port read: the stream is started with the
 * schema of the first attempt that sends a batch (or completes), since the port's guard retries only before any
 * batch arrived. The caller completes or fails the client stream once the read is done ({@link #complete}).
 */
final class StreamForwarder {

    private static final long MIN_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final ServerStreamListener listener;
    private final Schema schema;
    private final Duration maxWait;
    private VectorSchemaRoot root;
    private long rows;
    private long batches;

    /**
     * @param listener the client's stream
     * @param schema   the schema the client was told of: the port's columns by position, named and typed as
     *                 announced (the port read checks the types)
     * @param maxWait  how long a batch may wait for a client that is not ready before the read fails
     */
    StreamForwarder(ServerStreamListener listener, Schema schema, Duration maxWait) {
        this.listener = requireNonNull(listener, "listener is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.maxWait = requireNonNull(maxWait, "maxWait is null");
    }

    /** A consumer for one attempt of the port read. */
    BatchConsumer<Long> attempt() {
        return new BatchConsumer<>() {
            private BufferAllocator allocator;

            @Override
            public void start(Schema portSchema, BufferAllocator allocator) {
                this.allocator = allocator;
            }

            @Override
            public void accept(VectorSchemaRoot batch) {
                if (root == null) {
                    open(allocator);
                }
                send(batch);
            }

            @Override
            public Long finish() {
                if (root == null && allocator != null) {
                    open(allocator);
                }
                if (root != null) {
                    root.close();
                }
                return rows;
            }
        };
    }

    /**
     * Starts the client stream when no port batch did (a port answer without a stream), else does nothing.
     */
    void startIfNeeded(BufferAllocator allocator) {
        if (root == null) {
            open(allocator);
            root.close();
        }
    }

    /** Sends a batch made in the gateway (an aggregate's groups): {@code batch} must have {@link #schema}. */
    void sendOwn(VectorSchemaRoot batch, BufferAllocator allocator) {
        if (root == null) {
            open(allocator);
        }
        send(batch);
    }

    /** Releases the stream's root once nothing more is sent. */
    void release() {
        if (root != null) {
            root.close();
        }
    }

    /** Ends the client stream: completed, or failed with {@code failure} (already in the client's terms). */
    void complete(RuntimeException failure) {
        if (failure == null) {
            listener.completed();
        } else {
            listener.error(failure);
        }
    }

    long rows() {
        return rows;
    }

    long batches() {
        return batches;
    }

    boolean cancelled() {
        return listener.isCancelled();
    }

    private void open(BufferAllocator allocator) {
        root = VectorSchemaRoot.create(schema, allocator);
        listener.start(root);
    }

    private void send(VectorSchemaRoot batch) {
        awaitReady();
        try (ArrowRecordBatch buffers = new VectorUnloader(batch).getRecordBatch()) {
            new VectorLoader(root).load(buffers);
        }
        try {
            listener.putNext();
        } finally {
            root.clear();
        }
        rows += batch.getRowCount();
        batches++;
    }

    /**
     * Waits until the client can take a batch, parking briefly between looks (50 us, doubling up to 2 ms): the
     * transport's ready callback cannot run while the call's handler thread waits for this read, so readiness is
     * polled, as the reference port does. Throws {@link ClientCancelled} once the client went away, or waited
     * longer than the stream may take.
     */
    private void awaitReady() {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long park = MIN_PARK_NANOS;
        while (!listener.isReady()) {
            if (cancelled() || System.nanoTime() - deadline > 0) {
                throw new ClientCancelled();
            }
            LockSupport.parkNanos(park);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new ClientCancelled();
            }
            park = Math.min(park * 2, MAX_PARK_NANOS);
        }
        if (cancelled()) {
            throw new ClientCancelled();
        }
    }
}

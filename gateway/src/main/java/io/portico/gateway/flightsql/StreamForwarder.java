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
 * control, the port) instead of filling the gateway's memory. A cancelled client is seen at the next batch
 * ({@link ClientCancelled}), which ends the port read and so cancels the port's stream.
 *
 * <p>No copy: a batch's buffers are loaded into the stream's root by reference (associated with the endpoint's
 * allocator) and written by gRPC as they are (zero-copy writes); gRPC releases them once written. The root is the
 * endpoint's, not the port read's, so the port read's allocator can close as soon as it has released its own
 * references, while gRPC still writes the last batches: their memory then belongs to the endpoint's allocator.
 *
 * <p>One forwarder serves one client stream across the attempts of the port read: the stream is started at the
 * first batch of an attempt (or at its end when it sent none), since the port's guard retries only before any
 * batch arrived. The caller completes or fails the client stream once the read is done.
 */
final class StreamForwarder {

    private static final long MIN_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final ServerStreamListener listener;
    private final Schema schema;
    private final BufferAllocator allocator;
    private final Duration maxWait;
    private VectorSchemaRoot root;
    private long rows;
    private long batches;

    /**
     * @param listener  the client's stream
     * @param schema    the schema the client was told of: the port's columns by position, named and typed as
     *                  announced (the port read checks the types)
     * @param allocator the endpoint's allocator, which the stream's buffers are associated with while gRPC writes
     * @param maxWait   how long a batch may wait for a client that is not ready before the read fails
     */
    StreamForwarder(ServerStreamListener listener, Schema schema, BufferAllocator allocator, Duration maxWait) {
        this.listener = requireNonNull(listener, "listener is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.maxWait = requireNonNull(maxWait, "maxWait is null");
    }

    /** A consumer for one attempt of the port read. */
    BatchConsumer<Long> attempt() {
        return new BatchConsumer<>() {
            @Override
            public void start(Schema portSchema, BufferAllocator readAllocator) {
            }

            @Override
            public void accept(VectorSchemaRoot batch) {
                send(batch);
            }

            @Override
            public Long finish() {
                return rows;
            }
        };
    }

    /** Starts the client stream when no batch did (an answer without rows), else does nothing. */
    void startIfNeeded() {
        open();
    }

    /** Sends a batch made in the gateway (an aggregate's groups): {@code batch} must have {@link #schema}. */
    void sendOwn(VectorSchemaRoot batch) {
        send(batch);
    }

    /** Releases the stream's root once nothing more is sent (gRPC keeps what it still writes). */
    void release() {
        if (root != null) {
            root.close();
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

    private void open() {
        if (root == null) {
            root = VectorSchemaRoot.create(schema, allocator);
            listener.setUseZeroCopy(true);
            listener.start(root);
        }
    }

    private void send(VectorSchemaRoot batch) {
        open();
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

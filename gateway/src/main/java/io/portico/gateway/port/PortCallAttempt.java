package io.portico.gateway.port;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One attempt of a query call at a port: the deadline every RPC of the attempt runs under (a gRPC deadline, so the
 * Flight stream is cancelled at the port when it passes), and what the attempt has read so far. A
 * {@link PortCallGuard} retries an attempt only while {@link #dataArrived()} is false. Used by one thread at a time.
 */
public final class PortCallAttempt {

    private final long deadlineNanos;
    private long batches;
    private long rows;
    private long bytes;

    /** @param deadlineNanos the {@link System#nanoTime()} by which the attempt must have read its last batch */
    public PortCallAttempt(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** An attempt that may take {@code timeout} from now. */
    public static PortCallAttempt within(Duration timeout) {
        return new PortCallAttempt(System.nanoTime() + timeout.toNanos());
    }

    public long deadlineNanos() {
        return deadlineNanos;
    }

    /** The time left, never less than one nanosecond (an RPC started after the deadline fails at once). */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime()));
    }

    /** The remaining time as the option of the next RPC. */
    CallOption callOption() {
        return CallOptions.timeout(remaining().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Counts a batch the port sent: its rows and the bytes of its Arrow buffers. */
    public void received(VectorSchemaRoot batch) {
        batches++;
        rows += batch.getRowCount();
        for (FieldVector vector : batch.getFieldVectors()) {
            bytes += vector.getBufferSize();
        }
    }

    /** True once the port sent a batch: from then on a failure must not be retried. */
    public boolean dataArrived() {
        return batches > 0;
    }

    public long batches() {
        return batches;
    }

    public long rows() {
        return rows;
    }

    /** The bytes of the Arrow buffers of the batches received. */
    public long bytes() {
        return bytes;
    }
}

package io.portico.flight;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.portico.flight.tracing.PortTracing;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one accepted statement and streams its result to a Flight client.
 *
 * <ul>
 *   <li>Sessions: the statement runs on a {@link PortSession} lent to this stream alone (for DuckDB from the port's
 *       pool, with the statement prepared before for the same text); see {@link #execute} for when it goes back.</li>
 *   <li>DuckDB results go out through DuckDB's native Arrow export; other databases through
 *       {@link ResultSetArrowWriter}.</li>
 *   <li>Backpressure: before each batch the streamer waits until the client's transport is ready (polling
 *       {@code isReady()} with short parks; gRPC's ready callback cannot fire while this call blocks its executor), so
 *       a slow client holds the server to a bounded number of batches in flight.</li>
 *   <li>Cancellation: a cancelled call stops the loop and cancels the JDBC statement.</li>
 *   <li>Memory: a named child allocator per stream; batches go out zero-copy and are never written again after
 *       {@code putNext()}; the allocator is closed once the transport has released the last batch.</li>
 *   <li>Failures reach the client as {@code CallStatus} with an error code; every stream, whatever its outcome, is
 *       recorded in the {@link StatementLog} before the client sees its end.</li>
 * </ul>
 */
final class QueryStreamer {

    private static final Logger LOG = LoggerFactory.getLogger(QueryStreamer.class);

    /** A client that reads nothing for this long is abandoned. */
    private static final long STALL_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final long MIN_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long REAPER_INTERVAL_MILLIS = 10;

    private final PortSessions sessions;
    private final BufferAllocator allocator;
    private final int batchRows;
    private final StatementLog statementLog;
    private final PortTracing tracing;
    private final AtomicLong streamIds = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Set<BufferAllocator> draining = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean reaperScheduled = new AtomicBoolean();
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "flight-port-allocator-reaper");
        thread.setDaemon(true);
        return thread;
    });

    QueryStreamer(PortSessions sessions, BufferAllocator allocator, int batchRows, StatementLog statementLog,
            PortTracing tracing) {
        this.tracing = requireNonNull(tracing, "tracing is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.batchRows = batchRows;
        this.statementLog = requireNonNull(statementLog, "statementLog is null");
    }

    /** Makes running streams stop at their next batch; used when the port shuts down. */
    void stopAll() {
        closing.set(true);
    }

    /** Executes {@code sql} with {@code parameters} and streams the result; never throws, errors go to the listener. */
    void stream(String sql, List<Object> parameters, ServerStreamListener listener) {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        BufferAllocator streamAllocator = allocator.newChildAllocator("stream-" + streamIds.incrementAndGet(), 0, Long.MAX_VALUE);
        Progress progress = new Progress();
        FlightRuntimeException failure = null;
        try {
            execute(sql, parameters, listener, streamAllocator, progress);
        } catch (Throwable e) {
            if (listener.isCancelled()) {
                progress.cancelled = true;
            } else {
                failure = FlightErrors.toFlight(e, LOG, "run the statement");
            }
        }
        StatementLog.Outcome outcome = failure != null ? StatementLog.Outcome.FAILED
                : progress.cancelled ? StatementLog.Outcome.CANCELLED : StatementLog.Outcome.COMPLETED;
        statementLog.record(new StatementLog.Entry(sql, parameters, progress.rows, progress.batches, progress.bytes,
                streamAllocator.getPeakMemoryAllocation(), outcome, startedAt, Duration.ofNanos(System.nanoTime() - start)));
        finish(listener, outcome, failure);
        release(streamAllocator);
    }

    /**
     * Runs the statement on a session of its own. The session goes back to the pool when the statement completed or
     * failed on its own SQL (the failed statement is dropped from the session), and is closed when it was cancelled,
     * the port is closing, or anything else went wrong.
     */
    private void execute(String sql, List<Object> parameters, ServerStreamListener listener,
                         BufferAllocator streamAllocator, Progress progress) throws Exception {
        PortSession session = sessions.lend();
        boolean reusable = false;
        try {
            Span query = tracing.span("database query");
            ResultSet resultSet;
            try (Scope ignored = query.makeCurrent()) {
                PreparedStatement statement = session.prepare(sql);
                ArrowParameters.bind(statement, parameters);
                statement.setFetchSize(batchRows);
                listener.setOnCancelHandler(session.canceller());
                resultSet = statement.executeQuery();
            } catch (SQLException | RuntimeException e) {
                PortTracing.failed(query, e);
                throw e;
            } finally {
                query.end();
            }
            Span streaming = tracing.span("streaming");
            try (resultSet; Scope ignored = streaming.makeCurrent()) {
                listener.setUseZeroCopy(true);
                if (resultSet.isWrapperFor(DuckDBResultSet.class)) {
                    streamNativeArrow(resultSet.unwrap(DuckDBResultSet.class), streamAllocator, listener, progress);
                } else {
                    streamConverted(resultSet, streamAllocator, listener, progress);
                }
            } catch (Exception e) {
                PortTracing.failed(streaming, e);
                throw e;
            } finally {
                streaming.setAttribute("portico.rows", progress.rows);
                streaming.setAttribute("portico.batches", progress.batches);
                streaming.setAttribute("portico.bytes", progress.bytes);
                streaming.setAttribute("portico.cancelled", progress.cancelled);
                streaming.end();
            }
            reusable = !progress.cancelled;
        } catch (SQLException e) {
            session.failed(sql, e);
            reusable = true;
            throw e;
        } finally {
            session.release(reusable);
        }
    }

    private void streamNativeArrow(DuckDBResultSet resultSet, BufferAllocator streamAllocator,
                                   ServerStreamListener listener, Progress progress) throws Exception {
        try (ArrowReader reader = (ArrowReader) resultSet.arrowExportStream(streamAllocator, batchRows)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            listener.start(root);
            while (reader.loadNextBatch()) {
                if (!awaitReady(listener)) {
                    progress.cancelled = true;
                    return;
                }
                progress.count(root);
                listener.putNext();
            }
        }
    }

    private void streamConverted(ResultSet resultSet, BufferAllocator streamAllocator,
                                 ServerStreamListener listener, Progress progress) throws SQLException {
        ResultSetArrowWriter writer = new ResultSetArrowWriter(resultSet);
        try (VectorSchemaRoot root = VectorSchemaRoot.create(writer.schema(), streamAllocator)) {
            listener.start(root);
            int rows = batchRows;
            while (rows == batchRows) {
                rows = writer.fill(root, batchRows);
                if (rows == 0) {
                    return;
                }
                if (!awaitReady(listener)) {
                    progress.cancelled = true;
                    return;
                }
                progress.count(root);
                listener.putNext();
            }
        }
    }

    /** Waits until the client can take another batch; false when the call was cancelled or the port is closing. */
    private boolean awaitReady(ServerStreamListener listener) {
        long parkNanos = MIN_PARK_NANOS;
        long deadline = System.nanoTime() + STALL_TIMEOUT_NANOS;
        while (!listener.isReady()) {
            if (listener.isCancelled() || closing.get()) {
                return false;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new PorticoException(ErrorCode.PORT_TIMEOUT, "the client read nothing for "
                        + TimeUnit.NANOSECONDS.toSeconds(STALL_TIMEOUT_NANOS) + " s; the stream was abandoned");
            }
            LockSupport.parkNanos(parkNanos);
            parkNanos = Math.min(parkNanos * 2, MAX_PARK_NANOS);
        }
        return !listener.isCancelled() && !closing.get();
    }

    private void finish(ServerStreamListener listener, StatementLog.Outcome outcome, FlightRuntimeException failure) {
        try {
            switch (outcome) {
                case COMPLETED -> listener.completed();
                case FAILED -> listener.error(failure);
                case CANCELLED -> listener.error(closing.get()
                        ? FlightErrors.error(ErrorCode.PORT_UNAVAILABLE, "the port is shutting down")
                        : CallStatus.CANCELLED.withDescription("the stream was cancelled").toRuntimeException());
            }
        } catch (RuntimeException e) {
            LOG.debug("could not end a stream that the client already left: {}", e.toString());
        }
    }

    /**
     * With zero-copy the transport holds the last batches until they are written or the call is torn down; closing
     * the allocator before that would report them as leaked. A drained allocator is closed at once; otherwise a
     * background reaper closes it when the transport lets go, so a slow client never blocks a server thread.
     */
    private void release(BufferAllocator streamAllocator) {
        if (streamAllocator.getAllocatedMemory() == 0) {
            streamAllocator.close();
            return;
        }
        draining.add(streamAllocator);
        scheduleReaper();
    }

    private void scheduleReaper() {
        if (!reaperScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            reaper.schedule(this::reap, REAPER_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            reaperScheduled.set(false);
        }
    }

    private void reap() {
        reaperScheduled.set(false);
        closeDrained();
        if (!draining.isEmpty()) {
            scheduleReaper();
        }
    }

    private void closeDrained() {
        for (BufferAllocator streamAllocator : draining) {
            if (streamAllocator.getAllocatedMemory() == 0 && draining.remove(streamAllocator)) {
                streamAllocator.close();
            }
        }
    }

    /**
     * Waits until every finished stream's memory is released by the transport (the server must be stopped first),
     * then closes the remaining allocators; one still holding memory then reports it as a leak.
     */
    void awaitReleased(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!draining.isEmpty() && System.nanoTime() - deadline < 0) {
            closeDrained();
            LockSupport.parkNanos(MAX_PARK_NANOS);
        }
        reaper.shutdownNow();
        for (BufferAllocator streamAllocator : draining) {
            draining.remove(streamAllocator);
            LOG.error("stream allocator {} still holds {} bytes after the port stopped", streamAllocator.getName(),
                    streamAllocator.getAllocatedMemory());
            streamAllocator.close();
        }
    }

    /** What a stream has sent so far. */
    private static final class Progress {
        long rows;
        long batches;
        long bytes;
        boolean cancelled;

        void count(VectorSchemaRoot root) {
            rows += root.getRowCount();
            batches++;
            for (FieldVector vector : root.getFieldVectors()) {
                bytes += vector.getBufferSize();
            }
        }
    }
}

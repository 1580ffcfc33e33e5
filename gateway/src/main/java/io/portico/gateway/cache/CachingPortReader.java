package io.portico.gateway.cache;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.trace.Span;
import io.portico.gateway.plan.PortQuery;
import io.portico.gateway.port.BatchConsumer;
import io.portico.gateway.port.CachedReads;
import io.portico.gateway.port.PortFailure;
import io.portico.gateway.port.PortReader;
import io.portico.gateway.tracing.TracingPortReader;
import io.portico.schema.error.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A port's reader with the {@link ResultCache} in front: outside the port's guard, so a hit takes no bulkhead
 * permit and makes no port call.
 *
 * <p>A read asks the cache for its key. The first read of a key (a miss) becomes its load: it reads the port
 * through the port's own reader, its batches going to its own consumer as they arrive and, unmasked, to the
 * entry's recording ({@link RecordingConsumer}). Every read of that key that arrives meanwhile waits for the load
 * and then replays the recorded batches into its own consumer, so one port call answers them all. A failed load
 * is not kept, and every read waiting for it fails with the same error; an answer larger than
 * {@code portico.cache.max-entry-bytes} is not kept, and the reads that waited for it read the port themselves.
 */
final class CachingPortReader implements PortReader {

    private final ResultCache cache;
    private final PortReader port;
    private final String portId;
    private final String portKey;
    private final long generation;
    private final long ttlNanos;
    private final ResultCacheMeters.PortMeters meters;

    CachingPortReader(ResultCache cache, PortReader port, String portId, String portKey, long generation,
            long ttlNanos, ResultCacheMeters.PortMeters meters) {
        this.cache = requireNonNull(cache, "cache is null");
        this.port = requireNonNull(port, "port is null");
        this.portId = requireNonNull(portId, "portId is null");
        this.portKey = requireNonNull(portKey, "portKey is null");
        this.generation = generation;
        this.ttlNanos = ttlNanos;
        this.meters = requireNonNull(meters, "meters is null");
    }

    @Override
    public <T> T stream(String portId, PortQuery query, List<Field> expectedColumns,
            Supplier<? extends BatchConsumer<T>> consumers) {
        return cached(portId, query, expectedColumns, consumers, port::stream);
    }

    /** {@link #stream}, a miss read with the port's {@link PortReader#pull} under {@code streamTimeout}. */
    @Override
    public <T> T pull(String portId, PortQuery query, List<Field> expectedColumns, Duration streamTimeout,
            Supplier<? extends BatchConsumer<T>> consumers) {
        return cached(portId, query, expectedColumns, consumers, new PortRead() {
            @Override
            public <R> R read(String id, PortQuery statement, List<Field> columns,
                    Supplier<? extends BatchConsumer<R>> attempts) {
                return port.pull(id, statement, columns, streamTimeout, attempts);
            }
        });
    }

    /** How a miss reads the port: {@link PortReader#stream} or {@link PortReader#pull}. */
    private interface PortRead {
        <R> R read(String portId, PortQuery query, List<Field> expectedColumns,
                Supplier<? extends BatchConsumer<R>> consumers);
    }

    private <T> T cached(String portId, PortQuery query, List<Field> expectedColumns,
            Supplier<? extends BatchConsumer<T>> consumers, PortRead miss) {
        requireNonNull(consumers, "consumers is null");
        CacheKey key = new CacheKey(this.portId, portKey, generation, cache.epoch(this.portId), query.statement(),
                expectedColumns);
        CompletableFuture<CachedResult> entry = cache.entries().getIfPresent(key);
        CompletableFuture<CachedResult> load = null;
        if (entry == null) {
            CompletableFuture<CachedResult> candidate = new CompletableFuture<>();
            entry = cache.entries().get(key, (ignored, executor) -> candidate);
            load = entry == candidate ? candidate : null;
        }
        if (load != null) {
            meters.miss();
            Span.current().setAttribute(TracingPortReader.CACHE_HIT, false);
            return load(portId, query, expectedColumns, consumers, key, load, miss);
        }
        CachedResult result = await(entry);
        if (result == null) {
            meters.miss();
            Span.current().setAttribute(TracingPortReader.CACHE_HIT, false);
            CachedReads.notKept();
            return miss.read(portId, query, expectedColumns, consumers);
        }
        meters.hit();
        Span.current().setAttribute(TracingPortReader.CACHE_HIT, true);
        CachedReads.servedFrom(new ServedAnswer(cache, key, result));
        return cache.replay().replay(portId, result, consumers.get());
    }

    private <T> T load(String portId, PortQuery query, List<Field> expectedColumns,
            Supplier<? extends BatchConsumer<T>> consumers, CacheKey key, CompletableFuture<CachedResult> load,
            PortRead miss) {
        AtomicReference<RecordingConsumer<T>> recording = new AtomicReference<>();
        long started = System.nanoTime();
        T answer;
        try {
            answer = miss.read(portId, query, expectedColumns, () -> {
                RecordingConsumer<T> attempt = new RecordingConsumer<>(consumers.get(), cache.maxEntryBytes());
                recording.set(attempt);
                return attempt;
            });
        } catch (RuntimeException | Error e) {
            load.completeExceptionally(e);
            throw e;
        }
        meters.loaded(System.nanoTime() - started);
        RecordingConsumer<T> recorded = recording.get();
        CachedResult result = recorded == null ? null : recorded.result(ttlNanos);
        load.complete(result);
        if (key.epoch() != cache.epoch(this.portId)) {
            cache.entries().synchronous().invalidate(key);
        }
        if (result == null) {
            CachedReads.notKept();
        } else {
            CachedReads.servedFrom(new ServedAnswer(cache, key, result));
        }
        if (recorded != null) {
            recorded.rethrowConsumerFailure();
        }
        return answer;
    }

    /** The load's answer, or the very failure the load failed with. */
    private CachedResult await(CompletableFuture<CachedResult> entry) {
        try {
            return entry.get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException failure) {
                throw failure;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new PortFailure(ErrorCode.INTERNAL, portId, "the shared read of port '" + portId + "' failed ("
                    + cause + "); see the gateway log", cause);
        } catch (CancellationException e) {
            throw new PortFailure(ErrorCode.PORT_UNAVAILABLE, portId, "the shared read of port '" + portId
                    + "' was cancelled; try again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortFailure(ErrorCode.PORT_UNAVAILABLE, portId, "interrupted while waiting for port '"
                    + portId + "'", e);
        }
    }
}

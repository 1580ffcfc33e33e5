package io.portico.gateway.cache;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.port.CachedReads;
import java.util.concurrent.CompletableFuture;

/**
 * A cached port answer as a read was served from it, for the request's {@link CachedReads}: still served while the
 * cache holds this very entry under its key, and the port was not invalidated since.
 */
final class ServedAnswer implements CachedReads.Source {

    private final ResultCache cache;
    private final CacheKey key;
    private final CachedResult result;

    ServedAnswer(ResultCache cache, CacheKey key, CachedResult result) {
        this.cache = requireNonNull(cache, "cache is null");
        this.key = requireNonNull(key, "key is null");
        this.result = requireNonNull(result, "result is null");
    }

    @Override
    public String portId() {
        return key.portId();
    }

    @Override
    public boolean stillServed() {
        if (key.epoch() != cache.epoch(key.portId())) {
            return false;
        }
        CompletableFuture<CachedResult> current = cache.entries().getIfPresent(key);
        return current != null && current.isDone() && !current.isCompletedExceptionally()
                && current.join() == result;
    }

    @Override
    public long ttlNanos() {
        return result.ttlNanos();
    }
}

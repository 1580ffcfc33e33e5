package io.portico.gateway.cache;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.port.CachedReads;
import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;

/**
 * A cached port answer as a read was served from it, for the request's {@link CachedReads}: still served while the
 * cache holds this very entry under its key, and the port was not invalidated since. It holds the entry weakly: a
 * whole answer made of it must not keep its bytes alive after the result cache let them go (they would count
 * against neither cache's bound), and an entry collected is one the cache no longer serves.
 */
final class ServedAnswer implements CachedReads.Source {

    private final ResultCache cache;
    private final CacheKey key;
    private final WeakReference<CachedResult> result;
    private final long ttlNanos;

    ServedAnswer(ResultCache cache, CacheKey key, CachedResult result) {
        this.cache = requireNonNull(cache, "cache is null");
        this.key = requireNonNull(key, "key is null");
        this.result = new WeakReference<>(requireNonNull(result, "result is null"));
        this.ttlNanos = result.ttlNanos();
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
        CachedResult served = result.get();
        CompletableFuture<CachedResult> current = cache.entries().getIfPresent(key);
        return served != null && current != null && current.isDone() && !current.isCompletedExceptionally()
                && current.join() == served;
    }

    @Override
    public long ttlNanos() {
        return ttlNanos;
    }
}

package io.portico.gateway.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The result cache's Micrometer meters, per port (tag {@code port=<contract id>}); at {@code /actuator/prometheus}:
 * <ul>
 *   <li>{@code portico_cache_hits_total}, {@code portico_cache_misses_total}: reads answered from the cache, and
 *       reads that went to the port (a read that waited for another's load of the same key is a hit);</li>
 *   <li>{@code portico_cache_loads_seconds} (timer): how long the port reads of misses took;</li>
 *   <li>{@code portico_cache_evictions_total} (tag {@code cause}: {@code size} or {@code expired}): answers dropped
 *       for room or age (invalidations are not counted here);</li>
 *   <li>{@code portico_cache_held_bytes}, {@code portico_cache_entries}: what is held now.</li>
 * </ul>
 * The hit ratio is {@code rate(hits) / (rate(hits) + rate(misses))}.
 */
final class ResultCacheMeters {

    static final String HITS = "portico.cache.hits";
    static final String MISSES = "portico.cache.misses";
    static final String LOADS = "portico.cache.loads";
    static final String EVICTIONS = "portico.cache.evictions";
    static final String HELD = "portico.cache.held";
    static final String ENTRIES = "portico.cache.entries";
    static final String PORT = "port";

    private final MeterRegistry registry;
    private final Map<String, PortMeters> ports = new ConcurrentHashMap<>();

    ResultCacheMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * The meters of one port, registered on first use.
     *
     * @param held what the gauges read: the cache (held by Micrometer weakly, so the cache keeps it referenced)
     */
    <S> PortMeters of(String portId, S held, ToDoubleFunction<S> bytes, ToDoubleFunction<S> entries) {
        return ports.computeIfAbsent(portId, port -> new PortMeters(registry, port, held, bytes, entries));
    }

    /** Forgets a port that is no longer registered and removes its meters from the registry. */
    void forget(String portId) {
        ports.remove(portId);
        for (String name : java.util.List.of(HITS, MISSES, LOADS, EVICTIONS, HELD, ENTRIES)) {
            registry.find(name).tag(PORT, portId).meters().forEach(registry::remove);
        }
    }

    /** The meters of a port seen before, or null. */
    PortMeters existing(String portId) {
        return ports.get(portId);
    }

    /** The meters of one port. */
    static final class PortMeters {

        private final MeterRegistry registry;
        private final String portId;
        private final Counter hits;
        private final Counter misses;
        private final Timer loads;

        <S> PortMeters(MeterRegistry registry, String portId, S held, ToDoubleFunction<S> bytes,
                ToDoubleFunction<S> entries) {
            this.registry = registry;
            this.portId = portId;
            this.hits = Counter.builder(HITS).description("port reads answered from the result cache")
                    .tag(PORT, portId).register(registry);
            this.misses = Counter.builder(MISSES).description("port reads the result cache sent to the port")
                    .tag(PORT, portId).register(registry);
            this.loads = Timer.builder(LOADS).description("how long the port reads of cache misses took")
                    .tag(PORT, portId).register(registry);
            Gauge.builder(HELD, held, bytes).description("bytes of port answers held by the result cache")
                    .baseUnit("bytes").tag(PORT, portId).register(registry);
            Gauge.builder(ENTRIES, held, entries).description("port answers held by the result cache")
                    .tag(PORT, portId).register(registry);
        }

        void hit() {
            hits.increment();
        }

        void miss() {
            misses.increment();
        }

        void loaded(long nanos) {
            loads.record(Duration.ofNanos(nanos));
        }

        void evicted(String cause) {
            Counter.builder(EVICTIONS).description("port answers the result cache dropped for room or age")
                    .tag(PORT, portId).tag("cause", cause).register(registry).increment();
        }

        double hits() {
            return hits.count();
        }

        double misses() {
            return misses.count();
        }
    }
}

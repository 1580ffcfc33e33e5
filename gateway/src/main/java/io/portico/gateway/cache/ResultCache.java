package io.portico.gateway.cache;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.portico.gateway.port.PortReader;
import io.portico.gateway.port.PortReaders;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.contract.OutputPortContract;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's cache of port answers: Caffeine, bounded by the bytes it holds (each answer as an Arrow IPC stream
 * on the heap, weighed with its key), each answer kept as long as its port's freshness allows. It wraps each port's
 * reader in a {@link CachingPortReader} ({@link #of}), outside the port's guard, so a hit takes no bulkhead permit
 * and makes no port call, and one port call answers every concurrent read of one key.
 *
 * <p><b>Why no subject sees another's data through it.</b> An entry is the port's answer to one exact statement
 * ({@link CacheKey}): the subject's row filter is part of that statement's WHERE, with its values inlined, so two
 * subjects with different row filters never share an entry; a field a subject may not see is not in its
 * statement's projection, so an entry only serves reads that asked for the same columns. Masks are applied by each
 * reader's own consumer to the batches replayed from the entry, never before it: the cache holds no masked value,
 * and whatever a subject is shown is masked for that subject.
 *
 * <p><b>Staleness.</b> An answer is kept for the port's TTL ({@link #ttl}): the per-port override
 * {@code portico.cache.ttl.<port id>}, else the contract's freshness ({@link OutputPortContract#freshness()}), else
 * {@code portico.cache.default-ttl}; 0 caches nothing of the port. A port re-registered or retired here loses every
 * entry ({@link #serving}, called with each schema build's snapshot); {@link #invalidate} drops a port's entries on
 * demand (the owning domain's invalidation, which reaches the other replicas through the registry database).
 */
public final class ResultCache implements PortReaders, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResultCache.class);
    private static final long SNAPSHOT_NANOS = Duration.ofSeconds(1).toNanos();

    private final ResultCacheProperties properties;
    private final AsyncCache<CacheKey, CachedResult> cache;
    private final BufferAllocator allocator;
    private final CachedResultReplay replay;
    private final ResultCacheMeters meters;
    private final Ticker ticker;
    private final AtomicLong generations = new AtomicLong();
    /** Per served version (port key): the contract object served and its generation. */
    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
    /** Per port id: how many times it was invalidated here. */
    private final Map<String, AtomicLong> epochs = new ConcurrentHashMap<>();
    /** How many times the whole cache was cleared here: part of every port's epoch. */
    private final AtomicLong clears = new AtomicLong();
    private volatile Holdings holdings = new Holdings(Long.MIN_VALUE, Map.of());

    /**
     * @param properties the cache's settings
     * @param allocator  the process's root allocator: replays take a child of it
     * @param meters     where the per-port meters go
     * @param ticker     the time of expiry
     * @param executor   where Caffeine runs its maintenance and removal notifications
     */
    public ResultCache(ResultCacheProperties properties, BufferAllocator allocator, MeterRegistry meters,
            Ticker ticker, Executor executor) {
        this.properties = requireNonNull(properties, "properties is null");
        this.ticker = requireNonNull(ticker, "ticker is null");
        this.allocator = allocator.newChildAllocator("result-cache", 0, Long.MAX_VALUE);
        this.replay = new CachedResultReplay(this.allocator);
        this.meters = new ResultCacheMeters(meters);
        this.cache = Caffeine.newBuilder()
                .maximumWeight(properties.maxBytes().toBytes())
                .weigher((CacheKey key, CachedResult result) -> key.bytes() + result.bytes())
                .expireAfter(Expiry.creating((CacheKey key, CachedResult result) ->
                        Duration.ofNanos(result.ttlNanos())))
                .removalListener((CacheKey key, CachedResult result, RemovalCause cause) -> removed(key, cause))
                .ticker(ticker)
                .executor(executor)
                .buildAsync();
    }

    /** Whether caching is on; when off, {@link #of} hands back the port's own reader. */
    public boolean enabled() {
        return properties.enabled();
    }

    /**
     * The reader the read path uses for a port served as {@code port}: {@code reader} itself when caching is off or
     * the port's TTL is 0, else a caching reader in front of it, of the generation of {@code port}'s registration.
     */
    @Override
    public PortReader of(PortSnapshot port, PortReader reader) {
        Duration ttl = ttl(port.contract());
        if (!properties.enabled() || ttl.isZero()) {
            return reader;
        }
        String portId = port.contract().id();
        long generation = generation(port);
        ResultCacheMeters.PortMeters portMeters = meters.of(portId, this,
                cache -> cache.holding(portId).bytes(), cache -> cache.holding(portId).entries());
        return new CachingPortReader(this, reader, portId, port.portKey(), generation, ttl.toNanos(), portMeters);
    }

    /** Forgets the meters of a port that is no longer registered (its entries go with its last snapshot). */
    public void forget(String portId) {
        meters.forget(portId);
    }

    /**
     * Drops the entries of every served version not in {@code snapshot} any more (retired, or down), and of every one
     * whose registration changed (re-registered).
     */
    @Override
    public void serving(RegistrySnapshot snapshot) {
        if (!properties.enabled()) {
            return;
        }
        Set<String> served = new HashSet<>();
        for (PortSnapshot port : snapshot.ports()) {
            served.add(port.portKey());
            generation(port);
        }
        for (String portKey : List.copyOf(registrations.keySet())) {
            if (!served.contains(portKey) && registrations.remove(portKey) != null) {
                drop(key -> key.portKey().equals(portKey));
                LOG.info("result cache: port version '{}' is no longer served; its answers are dropped", portKey);
            }
        }
    }

    /**
     * How long the answers of a port are kept: {@code portico.cache.ttl.<id>}, else the contract's freshness, else
     * {@code portico.cache.default-ttl}.
     */
    public Duration ttl(OutputPortContract contract) {
        Duration configured = properties.ttl().get(contract.id());
        if (configured != null) {
            return configured;
        }
        return contract.freshness().orElse(properties.defaultTtl());
    }

    /**
     * Drops every answer of a port (all its served versions) here, and makes every read that begins from now on a
     * miss, even while a load that began before completes.
     *
     * @return how many answers were dropped
     */
    public int invalidate(String portId) {
        epochs.computeIfAbsent(portId, id -> new AtomicLong()).incrementAndGet();
        int dropped = drop(key -> key.portId().equals(portId));
        LOG.info("result cache: port '{}' invalidated, {} answer(s) dropped", portId, dropped);
        return dropped;
    }

    /** Drops every answer of every port here. */
    public int clear() {
        clears.incrementAndGet();
        int dropped = drop(key -> true);
        LOG.info("result cache cleared, {} answer(s) dropped", dropped);
        return dropped;
    }

    /** What the cache holds now, per port id, in port id order. */
    public Map<String, PortHolding> holdings() {
        Map<String, long[]> totals = new TreeMap<>();
        for (Map.Entry<CacheKey, CachedResult> entry : cache.synchronous().asMap().entrySet()) {
            long[] total = totals.computeIfAbsent(entry.getKey().portId(), portId -> new long[2]);
            total[0]++;
            total[1] += entry.getKey().bytes() + entry.getValue().bytes();
        }
        Map<String, PortHolding> holdings = new LinkedHashMap<>();
        totals.forEach((portId, total) -> {
            ResultCacheMeters.PortMeters portMeters = meters.existing(portId);
            holdings.put(portId, new PortHolding(total[0], total[1],
                    portMeters == null ? 0 : (long) portMeters.hits(),
                    portMeters == null ? 0 : (long) portMeters.misses()));
        });
        return holdings;
    }

    /** What the cache holds of one port, read from a summary at most a second old (for the gauges). */
    PortHolding holding(String portId) {
        Holdings current = holdings;
        long now = ticker.read();
        if (now - current.takenAt() > SNAPSHOT_NANOS) {
            current = new Holdings(now, holdings());
            holdings = current;
        }
        return current.byPort().getOrDefault(portId, PortHolding.NONE);
    }

    /** The current invalidation epoch of a port: its invalidations and the clears of the whole cache here. */
    long epoch(String portId) {
        AtomicLong epoch = epochs.get(portId);
        return clears.get() + (epoch == null ? 0 : epoch.get());
    }

    AsyncCache<CacheKey, CachedResult> entries() {
        return cache;
    }

    CachedResultReplay replay() {
        return replay;
    }

    long maxEntryBytes() {
        return properties.maxEntryBytes().toBytes();
    }

    @Override
    public void close() {
        cache.synchronous().invalidateAll();
        allocator.close();
    }

    private long generation(PortSnapshot port) {
        Registration current = registrations.get(port.portKey());
        if (current != null && current.contract() == port.contract()) {
            return current.generation();
        }
        Registration registration = registrations.compute(port.portKey(), (portKey, was) ->
                was != null && was.contract() == port.contract() ? was
                        : new Registration(port.contract(), generations.incrementAndGet()));
        long generation = registration.generation();
        int dropped = drop(key -> key.portKey().equals(port.portKey()) && key.generation() != generation);
        if (current != null) {
            LOG.info("result cache: port version '{}' was registered again; {} answer(s) dropped", port.portKey(),
                    dropped);
        }
        return generation;
    }

    private int drop(Predicate<CacheKey> which) {
        Set<CacheKey> keys = new HashSet<>();
        for (CacheKey key : cache.asMap().keySet()) {
            if (which.test(key)) {
                keys.add(key);
            }
        }
        cache.synchronous().invalidateAll(keys);
        holdings = new Holdings(Long.MIN_VALUE, Map.of());
        return keys.size();
    }

    private void removed(CacheKey key, RemovalCause cause) {
        if (!cause.wasEvicted()) {
            return;
        }
        ResultCacheMeters.PortMeters portMeters = meters.existing(key.portId());
        if (portMeters != null) {
            portMeters.evicted(cause == RemovalCause.EXPIRED ? "expired" : "size");
        }
    }

    /**
     * What the cache holds of one port.
     *
     * @param entries answers held
     * @param bytes   their bytes, with their keys
     * @param hits    reads answered from the cache since start
     * @param misses  reads sent to the port since start
     */
    public record PortHolding(long entries, long bytes, long hits, long misses) {

        static final PortHolding NONE = new PortHolding(0, 0, 0, 0);
    }

    private record Registration(OutputPortContract contract, long generation) {
    }

    private record Holdings(long takenAt, Map<String, PortHolding> byPort) {
    }
}

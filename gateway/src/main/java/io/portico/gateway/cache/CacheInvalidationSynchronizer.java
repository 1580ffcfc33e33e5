package io.portico.gateway.cache;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Applies here the invalidations made through any replica: polls the registry database's invalidation epoch every
 * {@code portico.cache.invalidation-poll-interval} (one row read by primary key) and, when it moved, invalidates
 * the ports invalidated since in this gateway's {@link ResultCache}. Starts from the epoch of its start (the cache
 * is empty then). A database that cannot be reached is logged once per outage and tried again at the next poll.
 */
public final class CacheInvalidationSynchronizer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(CacheInvalidationSynchronizer.class);

    private final ResultCache cache;
    private final CacheInvalidations invalidations;
    private final Duration pollInterval;
    private ScheduledExecutorService polls;
    private final Set<Long> appliedHere = ConcurrentHashMap.newKeySet();
    private long seenEpoch = -1;
    private boolean failing;

    public CacheInvalidationSynchronizer(ResultCache cache, CacheInvalidations invalidations, Duration pollInterval) {
        this.cache = requireNonNull(cache, "cache is null");
        this.invalidations = requireNonNull(invalidations, "invalidations is null");
        this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
    }

    /**
     * Notes that this gateway applied the invalidation recorded at {@code epoch} already ({@link
     * CacheInvalidationService}), so the poll that reads it back does not drop the answers loaded since a second time.
     */
    public void appliedHere(long epoch) {
        appliedHere.add(epoch);
    }

    /** Applies the invalidations recorded since the last poll now, but those this gateway applied itself. */
    public synchronized void synchronizeNow() {
        long epoch = invalidations.epoch();
        if (seenEpoch >= 0 && epoch != seenEpoch) {
            for (CacheInvalidations.PortInvalidation invalidation : invalidations.since(seenEpoch)) {
                if (!appliedHere.contains(invalidation.epoch())) {
                    cache.invalidate(invalidation.portId());
                }
            }
        }
        seenEpoch = epoch;
        appliedHere.removeIf(applied -> applied <= epoch);
    }

    @Override
    public synchronized void start() {
        try {
            seenEpoch = invalidations.epoch();
        } catch (RuntimeException e) {
            LOG.warn("cannot read the cache invalidation epoch at start ({}); retrying every {}", e.getMessage(),
                    pollInterval);
        }
        polls = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("portico-cache-invalidations").daemon(true).factory());
        polls.scheduleWithFixedDelay(this::poll, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = polls;
            polls = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdownNow();
        try {
            stopping.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return polls != null;
    }

    private void poll() {
        try {
            synchronizeNow();
            if (failing) {
                failing = false;
                LOG.info("the cache invalidations are readable again; epoch {}", seenEpoch);
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("cannot read the cache invalidations ({}); retrying every {}", e.getMessage(),
                        pollInterval, e);
            }
        }
    }
}

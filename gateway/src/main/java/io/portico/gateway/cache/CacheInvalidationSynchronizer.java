package io.portico.gateway.cache;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.config.FixedDelayPoll;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private final FixedDelayPoll polls;
    private final Set<Long> appliedHere = ConcurrentHashMap.newKeySet();
    private long seenEpoch = -1;

    public CacheInvalidationSynchronizer(ResultCache cache, CacheInvalidations invalidations, Duration pollInterval) {
        this.cache = requireNonNull(cache, "cache is null");
        this.invalidations = requireNonNull(invalidations, "invalidations is null");
        this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
        this.polls = new FixedDelayPoll("portico-cache-invalidations", pollInterval, this::synchronizeNow, LOG,
                "cannot read the cache invalidations ({}); retrying every {}",
                () -> "the cache invalidations are readable again; epoch " + seenEpoch());
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
        polls.start();
    }

    @Override
    public void stop() {
        polls.stop();
    }

    @Override
    public boolean isRunning() {
        return polls.isRunning();
    }

    private synchronized long seenEpoch() {
        return seenEpoch;
    }
}

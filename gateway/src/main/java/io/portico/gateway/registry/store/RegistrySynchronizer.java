package io.portico.gateway.registry.store;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.config.FixedDelayPoll;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.RegistryLifecycle;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps this gateway's {@link PortRegistry} in line with the {@link RegistryStore} that every replica shares.
 *
 * <p>On start (after the local ports, before the web server) it loads the store's active registrations, so a
 * restarted gateway serves every acknowledged registration. Then it polls the store's registry version every
 * {@code portico.registry.poll-interval}; when the version moved (another replica, or this one, changed the
 * store) it reads the active registrations and {@link PortRegistry#synchronize synchronizes} the registry, which
 * rebuilds the schema through the one serialized reloader. A store that cannot be reached is logged (once per
 * outage) and tried again at the next poll; the schema in use stays.
 */
public final class RegistrySynchronizer implements SmartLifecycle {

    /** After {@link RegistryLifecycle} (the local ports), before the web server. */
    public static final int PHASE = RegistryLifecycle.PHASE + 1;

    private static final Logger LOG = LoggerFactory.getLogger(RegistrySynchronizer.class);

    private final PortRegistry registry;
    private final RegistryStore store;
    private final FixedDelayPoll polls;
    private long seenVersion = -1;

    public RegistrySynchronizer(PortRegistry registry, RegistryStore store, Duration pollInterval) {
        this.registry = requireNonNull(registry, "registry is null");
        this.store = requireNonNull(store, "store is null");
        this.polls = new FixedDelayPoll("portico-registry-sync", pollInterval, this::poll, LOG,
                "cannot synchronize with the registry store ({}); the current schema stays, retrying every {}",
                () -> "the registry store answers again; registry version " + seenVersion());
    }

    private synchronized long seenVersion() {
        return seenVersion;
    }

    /**
     * Reads the store's active registrations and synchronizes the registry with them now.
     *
     * @return the registry version synchronized to
     */
    public synchronized long synchronizeNow() {
        RegistryState state = store.active();
        int changes = registry.synchronize(state);
        if (changes > 0 || seenVersion < 0) {
            LOG.info("registry version {}: {} active stored registration(s), {} port(s) changed here",
                    state.registryVersion(), state.active().size(), changes);
        }
        seenVersion = state.registryVersion();
        return seenVersion;
    }

    @Override
    public synchronized void start() {
        synchronizeNow();
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

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void poll() {
        long version = store.registryVersion();
        synchronized (this) {
            if (version != seenVersion) {
                synchronizeNow();
            }
        }
    }
}

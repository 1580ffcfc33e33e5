package io.portico.gateway.cache;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.store.RegistrationStatus;
import io.portico.gateway.registry.store.RegistryStore;
import io.portico.gateway.registry.store.StoredContract;
import io.portico.gateway.security.PublishingRights;
import io.portico.policies.Subject;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invalidation on demand by the domain that owns a port, e.g. from its pipeline after a refresh: checks the
 * caller's right (the same as publishing the port: its token's {@code domains} claim names the port's domain),
 * records the invalidation in the registry database (so every replica applies it within
 * {@code portico.cache.invalidation-poll-interval}) and drops the port's answers here at once.
 */
public final class CacheInvalidationService {

    private static final Logger LOG = LoggerFactory.getLogger(CacheInvalidationService.class);

    private final ResultCache cache;
    private final CacheInvalidations invalidations;
    private final PortRegistry registry;
    private final RegistryStore store;
    private final CacheInvalidationSynchronizer synchronizer;

    public CacheInvalidationService(ResultCache cache, CacheInvalidations invalidations, PortRegistry registry,
            RegistryStore store, CacheInvalidationSynchronizer synchronizer) {
        this.cache = requireNonNull(cache, "cache is null");
        this.invalidations = requireNonNull(invalidations, "invalidations is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.store = requireNonNull(store, "store is null");
        this.synchronizer = requireNonNull(synchronizer, "synchronizer is null");
    }

    /**
     * Drops every cached answer of a port, here and (within the poll interval) on every replica.
     *
     * @throws PorticoException {@code NOT_FOUND} when no port of this id is served here or active in the registry;
     *                          {@code UNAUTHENTICATED} for the anonymous subject; {@code FORBIDDEN} when the
     *                          subject may not publish ports of the port's domain
     */
    public CacheInvalidation invalidate(String portId, Subject subject) {
        requireNonNull(portId, "portId is null");
        requireNonNull(subject, "subject is null");
        String domain = domainOf(portId).orElseThrow(() -> new PorticoException(ErrorCode.NOT_FOUND, "no port '"
                + portId + "' is registered (GET /api/ports lists the registered ports), so it has no cached answers"));
        PublishingRights.require(subject, domain);
        long epoch = invalidations.invalidate(portId, subject.id());
        int dropped = cache.invalidate(portId);
        synchronizer.appliedHere(epoch);
        LOG.info("'{}' invalidated the cached answers of port '{}' (epoch {}, {} dropped here)", subject.id(),
                portId, epoch, dropped);
        return new CacheInvalidation(portId, domain, epoch, dropped);
    }

    /** The domain of a port served here (configured or stored), else of its active version in the registry. */
    private Optional<String> domainOf(String portId) {
        for (PortSnapshot port : registry.snapshot().ports()) {
            if (port.contract().id().equals(portId)) {
                return Optional.of(port.contract().domain());
            }
        }
        return store.history(portId).stream()
                .filter(version -> version.status() == RegistrationStatus.ACTIVE)
                .map(StoredContract::domain)
                .findFirst();
    }
}

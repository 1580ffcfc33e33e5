package io.portico.gateway.cache;

/**
 * An invalidation done: what {@code POST /api/ports/{id}/invalidate} and the {@code invalidatePortCache} mutation
 * answer.
 *
 * @param portId         the port whose cached answers were dropped
 * @param domain         its domain
 * @param epoch          the invalidation's epoch in the registry database (other replicas apply it within 1 s)
 * @param droppedEntries how many cached answers this gateway dropped
 */
public record CacheInvalidation(String portId, String domain, long epoch, int droppedEntries) {
}

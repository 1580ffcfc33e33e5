package io.portico.gateway.catalog;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.registry.store.RegistrationStatus;
import io.portico.gateway.registry.store.StoredContract;
import io.portico.schema.compose.Urns;
import java.time.Instant;

/**
 * One stored version of a port's contract, as the catalog's {@code history} lists it.
 *
 * @param id              the product URN of its major version
 * @param version         the semantic version
 * @param majorVersion    its major part
 * @param revision        1 for the port's first registration, then 2, 3, ...
 * @param status          active, superseded or retired
 * @param registryVersion the registry version its registration produced
 * @param registeredAt    when it was registered
 * @param registeredBy    who registered it
 * @param endedAt         when it was superseded or retired; null while active
 * @param endedBy         who superseded or retired it; null while active
 */
public record ContractVersion(
        String id,
        String version,
        int majorVersion,
        int revision,
        RegistrationStatus status,
        long registryVersion,
        Instant registeredAt,
        String registeredBy,
        Instant endedAt,
        String endedBy) {

    public ContractVersion {
        requireNonNull(id, "id is null");
        requireNonNull(version, "version is null");
        requireNonNull(status, "status is null");
        requireNonNull(registeredAt, "registeredAt is null");
        requireNonNull(registeredBy, "registeredBy is null");
    }

    static ContractVersion of(StoredContract stored) {
        StoredContract.Ending ended = stored.ended();
        return new ContractVersion(Urns.product(stored.domain(), stored.dataProduct(), stored.majorVersion()),
                stored.version(), stored.majorVersion(), stored.revision(), stored.status(),
                stored.registryVersion(), stored.registeredAt(), stored.registeredBy(),
                ended == null ? null : ended.at(), ended == null ? null : ended.by());
    }
}

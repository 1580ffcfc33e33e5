package io.portico.gateway.registry.store;

import static java.util.Objects.requireNonNull;

import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;
import java.time.Instant;

/**
 * One stored version of a port's contract: one registration, as the registry database keeps it forever.
 *
 * @param registryVersion the registry version the registration produced; identifies the row
 * @param portId          the contract id
 * @param revision        1 for the port's first registration, then 2, 3, ... (over all its major versions)
 * @param domain          the owning domain
 * @param dataProduct     the data product
 * @param version         the contract's semantic version, e.g. {@code 1.2.0}
 * @param majorVersion    its major part
 * @param status          active, superseded or retired
 * @param document        the contract document exactly as registered (ODCS YAML or JSON)
 * @param registeredBy    who registered it (a subject id, or a name such as {@code configuration})
 * @param registeredAt    when the registration committed
 * @param ended           when, by whom and at which registry version it was superseded or retired; null while active
 */
public record StoredContract(
        long registryVersion,
        String portId,
        int revision,
        String domain,
        String dataProduct,
        String version,
        int majorVersion,
        RegistrationStatus status,
        String document,
        String registeredBy,
        Instant registeredAt,
        Ending ended) {

    public StoredContract {
        requireNonNull(portId, "portId is null");
        requireNonNull(domain, "domain is null");
        requireNonNull(dataProduct, "dataProduct is null");
        requireNonNull(version, "version is null");
        requireNonNull(status, "status is null");
        requireNonNull(document, "document is null");
        requireNonNull(registeredBy, "registeredBy is null");
        requireNonNull(registeredAt, "registeredAt is null");
        if ((status == RegistrationStatus.ACTIVE) != (ended == null)) {
            throw new IllegalArgumentException("a stored contract has an ending exactly when it is not active: "
                    + status + " with ending " + ended);
        }
    }

    /** Parses {@link #document()}. */
    public OutputPortContract contract() {
        return ContractParser.parse(document);
    }

    /**
     * How a stored version stopped being active.
     *
     * @param registryVersion the registry version of the change that superseded or retired it
     * @param by              who made that change
     * @param at              when it committed
     */
    public record Ending(long registryVersion, String by, Instant at) {

        public Ending {
            requireNonNull(by, "by is null");
            requireNonNull(at, "at is null");
        }
    }
}

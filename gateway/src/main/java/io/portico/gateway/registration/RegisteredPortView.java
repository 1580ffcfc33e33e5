package io.portico.gateway.registration;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A port as {@code GET /api/ports} and {@code GET /api/ports/{id}} show it: one active version.
 *
 * @param id              the contract id
 * @param domain          the owning domain
 * @param dataProduct     the data product
 * @param version         the semantic version
 * @param majorVersion    its major part
 * @param source          {@code registry} (published through the registry) or {@code configuration} (configured
 *                        at this gateway or its demo mesh; not in the registry)
 * @param status          {@code ACTIVE} for a registry version
 * @param served          {@code UP}, {@code DOWN} or {@code NOT_SERVED} (another major version of the port is
 *                        served) at this gateway
 * @param urns            the global ids of its datasets
 * @param registryVersion the registry version of its registration; null for a configured port
 * @param registeredAt    when it was registered; null for a configured port
 * @param registeredBy    who registered it; null for a configured port
 */
public record RegisteredPortView(
        String id,
        String domain,
        String dataProduct,
        String version,
        Integer majorVersion,
        String source,
        String status,
        String served,
        List<String> urns,
        Long registryVersion,
        Instant registeredAt,
        String registeredBy) {

    public static final String REGISTRY = "registry";
    public static final String CONFIGURATION = "configuration";

    public RegisteredPortView {
        requireNonNull(id, "id is null");
        urns = List.copyOf(urns);
    }

    /**
     * A port with every stored version.
     *
     * @param id      the contract id
     * @param active  its active versions (several while major versions are side by side); empty once retired
     * @param history every stored version, oldest first
     */
    public record Detail(String id, List<RegisteredPortView> active, List<HistoryEntry> history) {

        public Detail {
            requireNonNull(id, "id is null");
            active = List.copyOf(active);
            history = List.copyOf(history);
        }
    }

    /**
     * One stored version of a port.
     *
     * @param revision        1, 2, ... over all its registrations
     * @param version         the semantic version
     * @param status          active, superseded or retired
     * @param registryVersion the registry version of the registration
     * @param registeredAt    when
     * @param registeredBy    who
     * @param endedAt         when it was superseded or retired; null while active
     * @param endedBy         by whom
     * @param document        the contract document as registered
     */
    public record HistoryEntry(int revision, String version, String status, long registryVersion,
            Instant registeredAt, String registeredBy, Instant endedAt, String endedBy, String document) {
    }
}

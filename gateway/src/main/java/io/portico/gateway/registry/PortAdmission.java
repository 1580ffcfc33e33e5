package io.portico.gateway.registry;

import io.portico.schema.contract.OutputPortContract;
import java.util.Optional;

/**
 * Whether the registry may contact and serve the endpoint a stored contract names: asked before each port of the
 * registry database is probed (at start, when another replica changed it, when a port that was down is retried),
 * so a stored contract naming an endpoint its domain does not own is never served, whenever it was stored. The
 * gateway's start-up contracts (configuration, demo mesh) are the platform's own and are not asked about.
 */
@FunctionalInterface
public interface PortAdmission {

    /** Admits every contract. */
    PortAdmission ANY = contract -> Optional.empty();

    /**
     * Why the endpoint of {@code contract} may not be contacted for it, or empty when it may.
     *
     * @return what the port's status says instead of serving it
     */
    Optional<String> refusal(OutputPortContract contract);
}

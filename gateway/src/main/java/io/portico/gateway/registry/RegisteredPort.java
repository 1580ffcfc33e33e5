package io.portico.gateway.registry;

import io.portico.schema.contract.OutputPortContract;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One port the registry holds, up or down: its contract, the live schemas it reported (empty while down), its
 * status, and where it comes from ({@link PortCandidate#LOCAL}, or the registry version of its stored row).
 */
record RegisteredPort(OutputPortContract contract, Map<String, Schema> liveSchemas, PortStatus status,
        long storedVersion) {

    /** Whether this is a local port (the gateway's start-up contracts) rather than a stored registration. */
    boolean local() {
        return storedVersion == PortCandidate.LOCAL;
    }

    int majorVersion() {
        return contract.majorVersion();
    }

    /** The candidate to probe this port again. */
    PortCandidate candidate() {
        return new PortCandidate(contract, storedVersion);
    }
}

package io.portico.gateway.registry;

import io.portico.schema.contract.OutputPortContract;

/**
 * A contract to probe, with where it comes from: {@link #LOCAL}, or the registry version of its stored row.
 *
 * @param contract      the port's contract
 * @param storedVersion {@link #LOCAL} for a local port, else the registry version of the stored row
 */
record PortCandidate(OutputPortContract contract, long storedVersion) {

    /** The stored version of a local port: no stored row has it (the first registry change is version 1). */
    static final long LOCAL = 0;

    static PortCandidate local(OutputPortContract contract) {
        return new PortCandidate(contract, LOCAL);
    }

    boolean local() {
        return storedVersion == LOCAL;
    }
}

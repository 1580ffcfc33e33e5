package io.portico.gateway.registry;

import io.portico.schema.contract.OutputPortContract;
import java.util.List;

/** Contracts the gateway registers when it starts: from configuration, from the embedded demo mesh, ... */
@FunctionalInterface
public interface PortContractSource {

    /** @return the contracts, in registration order */
    List<OutputPortContract> contracts();
}

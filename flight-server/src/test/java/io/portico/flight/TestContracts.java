package io.portico.flight;

import io.portico.flight.demo.DemoDomain;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;

/** The one place tests obtain contracts: the demo contracts, parsed by the schema module's {@link ContractParser}. */
public final class TestContracts {

    private TestContracts() {
    }

    public static OutputPortContract demo(DemoDomain domain) {
        return ContractParser.parse(domain.contractDocument());
    }
}

package io.portico.gateway.resilience;

import io.portico.flight.demo.DemoDomain;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.SlaProperty;
import java.util.List;

/** The demo's crm contract with the SLA a test needs. */
final class ContractsWithSla {

    private ContractsWithSla() {
    }

    static OutputPortContract withLatency(String value, String unit) {
        OutputPortContract crm = ContractParser.parse(DemoDomain.CRM.contractDocument());
        return new OutputPortContract(crm.id(), crm.version(), crm.status(), crm.domain(), crm.dataProduct(),
                crm.name(), crm.description(), crm.tags(), crm.datasets(), crm.servers(), crm.team(),
                List.of(new SlaProperty("frequency", "1", "d", null, null),
                        new SlaProperty("latency", value, unit, null, "answers within")));
    }
}

package io.portico.gateway.registration;

import io.portico.schema.compose.Urns;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.OutputPortContract;
import java.util.List;

/** The dataset URNs of a contract ({@link Urns#dataset}), as registration results list them. */
final class PortUrns {

    private PortUrns() {
    }

    /** The URN of every dataset of a contract, in contract order. */
    static List<String> of(OutputPortContract contract) {
        return contract.datasets().stream()
                .map(DatasetContract::name)
                .map(dataset -> Urns.dataset(contract, dataset))
                .toList();
    }
}

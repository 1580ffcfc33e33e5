package io.portico.gateway.registration;

import static java.util.Objects.requireNonNull;

import io.portico.schema.compose.CompositionProblem;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.OutputPortContract;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a candidate contract is checked against: the ports the gateway serves, what their live composition left
 * out, and the stored contracts of the registry (which include ports that are down).
 *
 * @param snapshot      the registry as the gateway serves it now
 * @param liveProblems  the composition problems of the live schema (a candidate must not add any to other ports)
 * @param storedOfDomain the active stored contracts of a domain
 */
public record RegistryView(RegistrySnapshot snapshot, List<CompositionProblem> liveProblems,
        Function<String, List<OutputPortContract>> storedOfDomain) {

    public RegistryView {
        requireNonNull(snapshot, "snapshot is null");
        liveProblems = List.copyOf(liveProblems);
        requireNonNull(storedOfDomain, "storedOfDomain is null");
    }

    /** A view of served ports only. */
    public static RegistryView of(RegistrySnapshot snapshot, List<CompositionProblem> liveProblems) {
        return new RegistryView(snapshot, liveProblems, domain -> List.of());
    }

    /** The dataset of that name of a served or stored port of {@code domain}. */
    Optional<DatasetContract> dataset(String domain, String dataset) {
        Optional<DatasetContract> served = snapshot.ports().stream()
                .map(port -> port.contract())
                .filter(contract -> contract.domain().equals(domain))
                .flatMap(contract -> contract.dataset(dataset).stream())
                .findFirst();
        if (served.isPresent()) {
            return served;
        }
        return storedOfDomain.apply(domain).stream()
                .flatMap(contract -> contract.dataset(dataset).stream())
                .findFirst();
    }
}

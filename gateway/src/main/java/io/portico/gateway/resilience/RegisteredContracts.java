package io.portico.gateway.resilience;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.registry.PortRegistry;
import io.portico.schema.compose.ComposedSchema;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.contract.OutputPortContract;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The registered contract of a port id (its contract id or its served key, e.g. {@code sales-orders-port@v1}),
 * read from the registry once per installed schema: a port call costs one volatile read, never the registry's lock.
 */
final class RegisteredContracts implements Function<String, Optional<OutputPortContract>> {

    private final Supplier<PortRegistry> registry;
    private volatile Known known;

    /** @param registry the registry, looked up at the first call (it needs the port clients this guards) */
    RegisteredContracts(Supplier<PortRegistry> registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public Optional<OutputPortContract> apply(String portId) {
        PortRegistry ports = registry.get();
        ComposedSchema live = ports.liveSchema();
        Known current = known;
        if (current == null || current.schema() != live) {
            current = new Known(live, contractsOf(ports));
            known = current;
        }
        return Optional.ofNullable(current.contracts().get(portId));
    }

    private static Map<String, OutputPortContract> contractsOf(PortRegistry ports) {
        Map<String, OutputPortContract> contracts = new HashMap<>();
        for (PortSnapshot port : ports.snapshot().ports()) {
            contracts.put(port.portKey(), port.contract());
            contracts.putIfAbsent(port.contract().id(), port.contract());
        }
        return contracts;
    }

    private record Known(ComposedSchema schema, Map<String, OutputPortContract> contracts) {
    }
}

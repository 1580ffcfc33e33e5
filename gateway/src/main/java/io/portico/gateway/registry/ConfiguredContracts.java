package io.portico.gateway.registry;

import static java.util.Objects.requireNonNull;

import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.ContractValidationException;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The contracts listed in {@code portico.ports.contracts}: file paths, {@code file:} URLs or {@code classpath:}
 * resources. A contract that cannot be read or parsed stops the gateway with every problem found: a broken
 * configuration must not start a gateway that silently misses a port.
 */
public final class ConfiguredContracts implements PortContractSource {

    private final List<String> locations;
    private final ResourceLoader resources;

    public ConfiguredContracts(List<String> locations, ResourceLoader resources) {
        this.locations = List.copyOf(locations);
        this.resources = requireNonNull(resources, "resources is null");
    }

    @Override
    public List<OutputPortContract> contracts() {
        List<OutputPortContract> contracts = new ArrayList<>(locations.size());
        for (String location : locations) {
            contracts.add(read(location));
        }
        return contracts;
    }

    private OutputPortContract read(String location) {
        Resource resource = resources.getResource(location.contains(":") ? location : "file:" + location);
        String document;
        try {
            document = resource.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PorticoException(ErrorCode.INVALID_CONTRACT, "cannot read the contract '" + location
                    + "' listed in portico.ports.contracts (" + e.getMessage() + "); fix the path or remove it", e);
        }
        try {
            return ContractParser.parse(document);
        } catch (ContractValidationException e) {
            throw new PorticoException(ErrorCode.INVALID_CONTRACT, "the contract '" + location
                    + "' listed in portico.ports.contracts is not valid: " + e.getMessage(), e);
        }
    }
}

package io.portico.gateway.demo;

import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.ServerContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Points a contract at another endpoint: the demo mesh knows the real address of its ports only once they listen. */
public final class ContractLocations {

    private ContractLocations() {
    }

    /**
     * The same contract with the {@code flightSqlUrl} of its Flight SQL server replaced.
     *
     * @throws IllegalArgumentException when the contract has no Flight SQL server
     */
    public static OutputPortContract withFlightSqlUrl(OutputPortContract contract, String flightSqlUrl) {
        ServerContract flight = contract.flightServer().orElseThrow(() -> new IllegalArgumentException(
                "contract '" + contract.id() + "' has no Flight SQL server to point elsewhere"));
        Map<String, String> properties = new LinkedHashMap<>(flight.customProperties());
        properties.put(ServerContract.FLIGHT_SQL_URL, flightSqlUrl);
        ServerContract moved = new ServerContract(flight.server(), flight.type(), flight.description(),
                flight.environment(), properties);
        List<ServerContract> servers = contract.servers().stream()
                .map(server -> server == flight ? moved : server)
                .toList();
        return new OutputPortContract(contract.id(), contract.version(), contract.status(), contract.domain(),
                contract.dataProduct(), contract.name(), contract.description(), contract.tags(), contract.datasets(),
                servers, contract.team(), contract.slaProperties());
    }
}

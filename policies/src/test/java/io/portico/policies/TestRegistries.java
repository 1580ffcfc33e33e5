package io.portico.policies;

import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.FieldContract;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.RelationshipContract;
import io.portico.schema.contract.ServerContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Contracts and registry snapshots for tests, built in code or read from the demo's contracts. */
public final class TestRegistries {

    /** The demo contracts, shipped by flight-server (the seam between the modules). */
    public static final Path DEMO_CONTRACTS = Path.of("").toAbsolutePath()
            .resolve("../flight-server/src/main/resources/demo/contracts").normalize();

    private TestRegistries() {
    }

    /** The three demo ports (sales, crm, logistics) at registry version {@code version}. */
    public static RegistrySnapshot demo(long version) {
        List<PortSnapshot> ports = new ArrayList<>();
        for (String domain : List.of("sales", "crm", "logistics")) {
            OutputPortContract contract = ContractParser.parse(DEMO_CONTRACTS.resolve(domain + ".odcs.yaml"));
            ports.add(new PortSnapshot(contract, Map.of()));
        }
        return new RegistrySnapshot(version, ports);
    }

    /** A snapshot of the given contracts. */
    public static RegistrySnapshot snapshot(long version, OutputPortContract... contracts) {
        return new RegistrySnapshot(version, Arrays.stream(contracts)
                .map(contract -> new PortSnapshot(contract, Map.of())).toList());
    }

    /** A contract at version 1.0.0 with the datasets. */
    public static OutputPortContract contract(String domain, String product, DatasetContract... datasets) {
        return new OutputPortContract(domain + "-" + product + "-port", "1.0.0", "active", domain, product, null,
                null, List.of(), List.of(datasets), List.of(), null, List.of());
    }

    public static DatasetContract dataset(String name, FieldContract... fields) {
        return new DatasetContract(name, name, null, List.of(), List.of(fields), List.of());
    }

    /** A contract at version 1.0.0 served at a Flight SQL URL (DuckDB dialect). */
    public static OutputPortContract contractAt(String url, String domain, String product,
            DatasetContract... datasets) {
        ServerContract server = new ServerContract(domain + "-server", "custom", null, null,
                Map.of(ServerContract.FLIGHT_SQL_URL, url, ServerContract.SQL_DIALECT, "DUCKDB"));
        return new OutputPortContract(domain + "-" + product + "-port", "1.0.0", "active", domain, product, null,
                null, List.of(), List.of(datasets), List.of(server), null, List.of());
    }

    /** A dataset with relationships. */
    public static DatasetContract dataset(String name, List<RelationshipContract> relationships,
            FieldContract... fields) {
        return new DatasetContract(name, name, null, List.of(), List.of(fields), relationships);
    }

    /** A many-to-one foreign key of {@code dataset}'s {@code from} fields to {@code domain.to}'s fields. */
    public static RelationshipContract foreignKey(String dataset, List<String> from, String domain, String to,
            List<String> toFields) {
        return new RelationshipContract("foreignKey", dataset, from, domain, to, toFields, "many-to-one", null);
    }

    /** A string field; classification may be null. */
    public static FieldContract field(String name, String classification, String... tags) {
        return new FieldContract(name, name, "string", "VARCHAR", false, false, -1, classification, List.of(tags),
                null);
    }
}

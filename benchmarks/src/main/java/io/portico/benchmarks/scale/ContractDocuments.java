package io.portico.benchmarks.scale;

import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.OutputPortContract;
import java.util.ArrayList;
import java.util.List;

/**
 * The ODCS contract documents of the generated products, as a domain team would publish them: YAML with
 * descriptions, tags, classifications, a team and the Flight SQL server of the shared port.
 */
final class ContractDocuments {

    private ContractDocuments() {
    }

    /** The contract of {@code product}, version 1.0.0, served by the Flight SQL port at {@code flightSqlUrl}. */
    static String render(GeneratedProduct product, String flightSqlUrl) {
        return render(product, flightSqlUrl, 0);
    }

    /**
     * Revision {@code patch} of the contract of {@code product}: version {@code 1.0.<patch>}, whose description
     * says which revision it is (a safe change, so the registry accepts it as a patch release).
     */
    static String render(GeneratedProduct product, String flightSqlUrl, int patch) {
        StringBuilder yaml = new StringBuilder(6_000);
        yaml.append("""
                apiVersion: v3.1.0
                kind: DataContract
                id: %s
                name: %s %s
                version: 1.0.%d
                status: active
                domain: %s
                dataProduct: %s
                tags: [generated, scale-benchmark]
                description:
                  purpose: Generated data product %d of the registry scale benchmark (revision %d).
                  usage: Measuring registration, schema rebuilds and queries at scale.
                  limitations: Synthetic data.

                servers:
                  - server: scale-port
                    type: custom
                    description: The benchmark's shared Flight SQL output port (in-memory DuckDB).
                    environment: bench
                    customProperties:
                      - property: flightSqlUrl
                        value: %s
                      - property: sqlDialect
                        value: DUCKDB

                schema:
                  - name: %s
                    physicalName: %s
                    physicalType: table
                    description: Generated records of %s.%s, twenty columns of mixed types.
                    tags: [generated]
                    properties:
                """.formatted(product.portId(), product.domain(), product.dataProduct(), patch, product.domain(),
                product.dataProduct(), product.index() + 1, patch, flightSqlUrl, product.dataset(), product.table(),
                product.domain(), product.dataset()));
        for (GeneratedColumn column : GeneratedColumn.ALL) {
            yaml.append("      - name: ").append(column.name()).append('\n');
            yaml.append("        logicalType: ").append(column.logicalType()).append('\n');
            yaml.append("        physicalType: ").append(column.physicalType()).append('\n');
            yaml.append("        description: ").append(column.description()).append('\n');
            yaml.append("        required: ").append(column.required()).append('\n');
            if (column.required()) {
                yaml.append("        primaryKey: true\n        primaryKeyPosition: 1\n");
            }
            yaml.append("        classification: ").append(column.classification()).append('\n');
            if (!column.tags().isEmpty()) {
                yaml.append("        tags: [").append(String.join(", ", column.tags())).append("]\n");
            }
        }
        yaml.append("""

                team:
                  name: Team %s
                  description: Owns the generated products of %s.
                  members:
                    - username: owner@%s.example.com
                      name: Owner of %s
                      role: owner

                slaProperties:
                  - property: latency
                    value: 4
                    unit: h
                """.formatted(product.domain(), product.domain(), product.domain(), product.domain()));
        return yaml.toString();
    }

    /**
     * The contract a benchmark port of one domain itself runs with: the dataset of each product it serves, read from
     * the same documents the products publish (so port and registrations agree field by field). Built in memory: a
     * contract of 1,000 datasets is larger than a single document may be.
     */
    static OutputPortContract portContract(String portId, String domain, List<GeneratedProduct> products) {
        List<DatasetContract> datasets = new ArrayList<>(products.size());
        for (GeneratedProduct product : products) {
            OutputPortContract contract = ContractParser.parse(render(product, "grpc+tcp://127.0.0.1:1"));
            DatasetContract dataset = contract.datasets().getFirst();
            // Each product names its dataset within its domain; the port serves them all, named by table.
            datasets.add(new DatasetContract(product.table(), dataset.physicalName(), dataset.description(),
                    dataset.tags(), dataset.fields(), dataset.relationships()));
        }
        return new OutputPortContract(portId, "1.0.0", "active", domain, "scale",
                "Registry scale benchmark port", "Serves generated products' tables.", List.of(), datasets,
                List.of(), null, List.of());
    }
}

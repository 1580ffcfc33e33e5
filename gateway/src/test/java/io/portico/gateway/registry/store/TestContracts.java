package io.portico.gateway.registry.store;

import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;

/** ODCS contract documents for registry tests: one dataset, {@code gadgets}, at a Flight SQL URL. */
final class TestContracts {

    /** A URL nothing listens on, for tests of the store alone. */
    static final String NOWHERE = "grpc+tcp://127.0.0.1:1";

    private TestContracts() {
    }

    /**
     * A contract of the {@code gadgets} dataset ({@code gadget_id}, {@code name}, and {@code price} when asked).
     *
     * @param id        the port id
     * @param domain    the domain (a root field of the GraphQL schema)
     * @param version   the semantic version
     * @param url       the port's Flight SQL URL
     * @param withPrice whether the contract publishes the {@code price} field
     */
    static String document(String id, String domain, String version, String url, boolean withPrice) {
        String price = withPrice ? """
                      - name: price
                        logicalType: number
                """ : "";
        return """
                apiVersion: v3.1.0
                kind: DataContract
                id: %s
                version: %s
                status: active
                domain: %s
                dataProduct: gadgets
                servers:
                  - server: lab-port
                    type: custom
                    customProperties:
                      - property: flightSqlUrl
                        value: %s
                      - property: sqlDialect
                        value: DUCKDB
                schema:
                  - name: gadgets
                    physicalName: gadgets
                    properties:
                      - name: gadget_id
                        logicalType: integer
                        required: true
                        primaryKey: true
                      - name: name
                        logicalType: string
                %s""".formatted(id, version, domain, url, price);
    }

    static String document(String id, String domain, String version) {
        return document(id, domain, version, NOWHERE, false);
    }

    static OutputPortContract parse(String document) {
        return ContractParser.parse(document);
    }
}

package io.portico.gateway.registration;

import java.util.ArrayList;
import java.util.List;

/** ODCS contract documents for registration tests, built from YAML snippets. */
final class Contracts {

    /** A URL nothing listens on. */
    static final String NOWHERE = "grpc+tcp://127.0.0.1:1";

    /** The gadgets dataset as most tests publish it: id, name, price. */
    static final String GADGETS = """
              - name: gadgets
                physicalName: gadgets
                properties:
                  - name: gadget_id
                    logicalType: integer
                    physicalType: BIGINT
                    required: true
                    primaryKey: true
                  - name: name
                    logicalType: string
                    required: true
                  - name: price
                    logicalType: number
                    physicalType: DECIMAL(10,2)
            """;

    /** Every column of gadgets. */
    static final String GADGETS_ALL = GADGETS + """
                  - name: launched
                    logicalType: date
                  - name: sold_at
                    logicalType: timestamp
                  - name: tags
                    logicalType: array
                  - name: specs
                    logicalType: object
            """;

    static final String PARTS = """
              - name: parts
                physicalName: parts
                properties:
                  - name: part_id
                    logicalType: integer
                    required: true
                    primaryKey: true
                  - name: gadget_id
                    logicalType: integer
                  - name: label
                    logicalType: string
            """;

    private Contracts() {
    }

    static Builder builder(String id, String domain, String version, String url) {
        return new Builder(id, domain, version, url);
    }

    /** A contract of the gadgets dataset (id, name, price) at {@code url}. */
    static String gadgets(String id, String domain, String version, String url) {
        return builder(id, domain, version, url).dataset(GADGETS).build();
    }

    static final class Builder {

        private final String id;
        private final String domain;
        private final String version;
        private final String url;
        private String dataProduct = "gadgets";
        private final List<String> datasets = new ArrayList<>();

        private Builder(String id, String domain, String version, String url) {
            this.id = id;
            this.domain = domain;
            this.version = version;
            this.url = url;
        }

        Builder dataProduct(String product) {
            this.dataProduct = product;
            return this;
        }

        /** A {@code schema[]} entry, as YAML indented by two spaces ("  - name: ..."). */
        Builder dataset(String yaml) {
            datasets.add(yaml);
            return this;
        }

        String build() {
            return """
                    apiVersion: v3.1.0
                    kind: DataContract
                    id: %s
                    version: %s
                    status: active
                    domain: %s
                    dataProduct: %s
                    servers:
                      - server: workshop
                        type: custom
                        customProperties:
                          - property: flightSqlUrl
                            value: %s
                          - property: sqlDialect
                            value: DUCKDB
                    schema:
                    """.formatted(id, version, domain, dataProduct, url) + String.join("", datasets);
        }
    }
}

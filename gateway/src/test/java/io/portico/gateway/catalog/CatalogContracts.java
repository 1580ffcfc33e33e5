package io.portico.gateway.catalog;

/** ODCS contract documents for catalog tests. */
final class CatalogContracts {

    /** A Flight SQL URL nothing listens on. */
    static final String NOWHERE = "grpc+tcp://127.0.0.1:1";

    private CatalogContracts() {
    }

    /**
     * {@code archive-orders-port}: the demo sales port's {@code orders} table seen by the {@code archive} domain,
     * with a relationship to {@code crm.customers} and a dangling one to {@code reference.statuses}.
     *
     * @param withTotal whether the contract publishes {@code total_amount} (internal, tagged finance)
     */
    static String archive(String version, String url, boolean withTotal) {
        String total = withTotal ? """
                      - name: total_amount
                        logicalType: number
                        required: true
                        classification: internal
                        tags: [finance]
                        description: Amount including tax.
                """ : "";
        return """
                apiVersion: v3.1.0
                kind: DataContract
                id: archive-orders-port
                name: Archived orders
                version: %s
                status: active
                domain: archive
                dataProduct: orders
                tags: [archive]
                description:
                  purpose: Orders kept for audits, read from the sales port.
                team:
                  name: Audit
                  members:
                    - username: ines.audit@example.com
                      role: owner
                servers:
                  - server: archive-port
                    type: custom
                    customProperties:
                      - property: flightSqlUrl
                        value: %s
                      - property: sqlDialect
                        value: DUCKDB
                schema:
                  - name: orders
                    physicalName: orders
                    description: One row per archived order.
                    tags: [audit]
                    properties:
                      - name: order_id
                        logicalType: integer
                        required: true
                        primaryKey: true
                        classification: public
                      - name: customer_id
                        logicalType: integer
                        required: true
                        classification: internal
                        relationships:
                          - type: foreignKey
                            to: customers.customer_id
                            customProperties:
                              - property: targetDomain
                                value: crm
                      - name: status
                        logicalType: string
                        required: true
                        classification: public
                        description: Lifecycle status when archived.
                        relationships:
                          - type: foreignKey
                            to: statuses.code
                            customProperties:
                              - property: targetDomain
                                value: reference
                %s""".formatted(version, url, total);
    }

    /** {@code ghost-port}: a port whose endpoint nothing listens on. */
    static String ghost() {
        return """
                apiVersion: v3.1.0
                kind: DataContract
                id: ghost-port
                version: 1.0.0
                status: active
                domain: ghost
                dataProduct: ghosts
                servers:
                  - server: ghost-port
                    type: custom
                    customProperties:
                      - property: flightSqlUrl
                        value: %s
                schema:
                  - name: ghosts
                    properties:
                      - name: ghost_id
                        logicalType: integer
                        required: true
                        primaryKey: true
                """.formatted(NOWHERE);
    }
}

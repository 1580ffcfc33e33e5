package io.portico.gateway.catalog;

import io.portico.flight.testkit.ContractBuilder;
import io.portico.flight.testkit.ContractBuilder.Column;
import io.portico.flight.testkit.ContractBuilder.Dataset;
import io.portico.flight.testkit.TestPort;

/** The catalog tests' sample contracts, built with the test kit's {@link ContractBuilder}. */
final class CatalogContracts {

    private CatalogContracts() {
    }

    /**
     * {@code archive-orders-port}: the demo sales port's {@code orders} table seen by the {@code archive} domain,
     * with a relationship to {@code crm.customers} and a dangling one to {@code reference.statuses}.
     *
     * @param withTotal whether the contract publishes {@code total_amount} (internal, tagged finance)
     */
    static String archive(String version, String url, boolean withTotal) {
        Dataset orders = Dataset.named("orders").description("One row per archived order.").tags("audit")
                .column(Column.of("order_id", "integer").primaryKey().classification("public"))
                .column(Column.of("customer_id", "integer").required().classification("internal")
                        .foreignKey("customers.customer_id", "crm"))
                .column(Column.of("status", "string").required().classification("public")
                        .description("Lifecycle status when archived.").foreignKey("statuses.code", "reference"));
        if (withTotal) {
            orders.column(Column.of("total_amount", "number").required().classification("internal").tags("finance")
                    .description("Amount including tax."));
        }
        return ContractBuilder.contract("archive-orders-port").name("Archived orders").version(version)
                .domain("archive").dataProduct("orders").tags("archive")
                .purpose("Orders kept for audits, read from the sales port.")
                .team("Audit", "ines.audit@example.com")
                .server("archive-port").url(url)
                .dataset(orders)
                .yaml();
    }

    /** {@code ghost-port}: a port whose endpoint nothing listens on ({@link TestPort#NOWHERE}). */
    static String ghost() {
        return ContractBuilder.contract("ghost-port").domain("ghost").dataProduct("ghosts")
                .server("ghost-port").url(TestPort.NOWHERE).dialect(null)
                .dataset(Dataset.named("ghosts").physicalName(null)
                        .column(Column.of("ghost_id", "integer").primaryKey()))
                .yaml();
    }
}

package io.portico.policies.decision;

import static io.portico.policies.TestRegistries.contractAt;
import static io.portico.policies.TestRegistries.dataset;
import static io.portico.policies.TestRegistries.field;
import static io.portico.policies.TestRegistries.foreignKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.policies.TestRegistries;
import io.portico.policies.model.PolicySet;
import io.portico.policies.parse.PolicyParser;
import io.portico.policies.parse.PolicyProblem;
import io.portico.policies.parse.PolicySource;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.contract.OutputPortContract;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Relationship-scoped row filters checked against the registry when a policy set loads. */
class RelatedFilterCheckTest {

    private static final OutputPortContract CRM = contractAt("grpc+tcp://crm:31337", "crm", "customers",
            dataset("customers", field("customer_id", null), field("region", null)));
    private static final OutputPortContract SALES = contractAt("grpc+tcp://sales:31337", "sales", "orders",
            dataset("orders", List.of(foreignKey("orders", List.of("customer_id"), "crm", "customers",
                    List.of("customer_id"))), field("order_id", null), field("customer_id", null)),
            dataset("notes", field("note_id", null)));
    private static final OutputPortContract CRM_ON_THE_SALES_PORT = contractAt("GRPC+TCP://Sales:31337", "crm",
            "customers", dataset("customers", field("customer_id", null), field("region", null)));

    private static final PolicySet ORDERS_OF_VISIBLE_CUSTOMERS = PolicyParser.parse(List.of(
            new PolicySource("a.yaml", """
                    version: 1
                    rules:
                      - {name: stewards, subjects: {roles: [steward]}, effect: allow}
                      - {name: region, subjects: {roles: [support]}, resources: {domain: crm},
                         rowFilter: "region = subject.region"}
                    """),
            new PolicySource("b.yaml", """
                    version: 1
                    rules:
                      - {name: orders, subjects: {roles: [support]}, resources: {domain: sales, dataset: orders},
                         rowFilter: "visible(crm.customers)"}
                    """)));

    @Test
    void aDeclaredRelationshipAcrossPortsPassesWhileCrossPortReadsAreOn() {
        assertThat(RelatedFilterCheck.check(ORDERS_OF_VISIBLE_CUSTOMERS, TestRegistries.snapshot(1, SALES, CRM), true))
                .isEmpty();
    }

    @Test
    void aRelationshipAcrossPortsIsRefusedWhileCrossPortReadsAreOff() {
        List<PolicyProblem> problems = RelatedFilterCheck.check(ORDERS_OF_VISIBLE_CUSTOMERS,
                TestRegistries.snapshot(1, SALES, CRM), false);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("b.yaml");
            assertThat(problem.path()).isEqualTo("$.rules[0].rowFilter");
            assertThat(problem.problem()).isEqualTo("visible(crm.customers) on sales.orders: crm.customers is served"
                    + " by port 'crm-customers-port', not by sales.orders's port 'sales-orders-port', and reading"
                    + " related keys across ports is off (portico.policies.related-filter.max-keys is 0)");
            assertThat(problem.expected()).contains("a dataset of the same port");
        });
    }

    @Test
    void aRelationshipWithinOnePortPassesWhileCrossPortReadsAreOff() {
        assertThat(RelatedFilterCheck.check(ORDERS_OF_VISIBLE_CUSTOMERS,
                TestRegistries.snapshot(1, SALES, CRM_ON_THE_SALES_PORT), false)).isEmpty();
    }

    @Test
    void aRelationshipTheContractDoesNotDeclareIsRefused() {
        PolicySet broad = PolicyParser.parse("broad.yaml", """
                version: 1
                rules:
                  - {name: stewards, subjects: {roles: [steward]}, effect: allow}
                  - {name: sales-by-customer, subjects: {roles: [support]}, resources: {domain: sales},
                     rowFilter: "visible(crm.customers)"}
                """);

        assertThat(RelatedFilterCheck.check(broad, TestRegistries.snapshot(1, SALES, CRM), true))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.toString()).startsWith("broad.yaml: $.rules[1].rowFilter: visible(crm.customers)"
                            + " on sales.notes: sales.notes declares no relationship to crm.customers in its contract");
                    assertThat(problem.expected()).contains("a relationship the dataset's contract declares");
                });
    }

    @Test
    void whatIsNotRegisteredYetIsNotChecked() {
        RegistrySnapshot salesOnly = TestRegistries.snapshot(1, SALES);
        RegistrySnapshot crmOnly = TestRegistries.snapshot(1, CRM);

        assertThat(RelatedFilterCheck.check(ORDERS_OF_VISIBLE_CUSTOMERS, salesOnly, false))
                .as("the related dataset may register later, on either port").isEmpty();
        assertThat(RelatedFilterCheck.check(ORDERS_OF_VISIBLE_CUSTOMERS, crmOnly, false)).isEmpty();
        assertThat(RelatedFilterCheck.check(ORDERS_OF_VISIBLE_CUSTOMERS, RegistrySnapshot.empty(), false)).isEmpty();
    }
}

package io.portico.policies.decision;

import static io.portico.policies.TestRegistries.contractAt;
import static io.portico.policies.TestRegistries.dataset;
import static io.portico.policies.TestRegistries.field;
import static io.portico.policies.TestRegistries.foreignKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.policies.Subject;
import io.portico.policies.TestRegistries;
import io.portico.policies.filter.RowPredicate;
import io.portico.policies.model.PolicySet;
import io.portico.policies.parse.PolicyParser;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.Urns;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.OutputPortContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Row filters that follow relationships ({@code visible(...)}): resolved against the registry's relationships and
 * the related datasets' row filters for the same subject, recursively; never widening, whatever {@code not}
 * surrounds them, and every unresolvable test reported.
 */
class RelatedRowFilterTest {

    private static final RegistrySnapshot REGISTRY = TestRegistries.snapshot(3,
            contractAt("grpc+tcp://crm:1", "crm", "customers",
                    dataset("customers", List.of(foreignKey("customers", List.of("last_order_id"), "sales", "orders",
                                    List.of("order_id"))),
                            field("customer_id", null), field("region", null), field("last_order_id", null)),
                    dataset("segments", field("segment", null))),
            contractAt("grpc+tcp://sales:1", "sales", "orders",
                    dataset("orders", List.of(foreignKey("orders", List.of("customer_id"), "crm", "customers",
                                    List.of("customer_id"))),
                            field("order_id", null), field("customer_id", null), field("status", null)),
                    dataset("invoices", List.of(
                                    foreignKey("invoices", List.of("customer_id"), "crm", "customers",
                                            List.of("customer_id")),
                                    foreignKey("invoices", List.of("billing_customer_id"), "crm", "customers",
                                            List.of("customer_id"))),
                            field("invoice_id", null), field("customer_id", null), field("billing_customer_id", null)),
                    dataset("refunds", List.of(foreignKey("refunds", List.of("order_id"), "sales", "orders",
                                    List.of("nope"))),
                            field("refund_id", null), field("order_id", null))),
            contractAt("grpc+tcp://logistics:1", "logistics", "shipments",
                    dataset("shipments", List.of(
                                    foreignKey("shipments", List.of("order_id"), "sales", "orders", List.of("order_id")),
                                    foreignKey("shipments", List.of("return_id"), "sales", "returns",
                                            List.of("return_id"))),
                            field("shipment_id", null), field("order_id", null), field("return_id", null))));

    private static final Subject EMEA = new Subject("sue", Set.of("support"), Set.of(), Set.of(),
            Map.of("region", "EMEA"));
    private static final Subject NO_REGION = Subject.of("sam", Set.of("support"));

    private static final String CUSTOMERS = "urn:portico:crm:customers:customers:v1";
    private static final String ORDERS = "urn:portico:sales:orders:orders:v1";
    private static final String SHIPMENTS = "urn:portico:logistics:shipments:shipments:v1";

    @Test
    void anOrderIsVisibleWhereItsCustomerIsAndAShipmentWhereItsOrderIs() {
        Decisions support = PolicyEvaluator.decide(EMEA, REGISTRY, policies("""
                  - {name: region, subjects: {roles: [support]}, resources: {domain: crm, dataset: customers},
                     rowFilter: "region = subject.region"}
                  - {name: orders, subjects: {roles: [support]}, resources: {domain: sales, dataset: orders},
                     rowFilter: "visible(crm.customers)"}
                  - {name: shipments, subjects: {roles: [support]}, resources: {domain: logistics},
                     rowFilter: "visible(order_id -> sales.orders) and shipment_id > 0"}
                """));

        assertThat(support.problems()).isEmpty();
        assertThat(support.dataset(ORDERS).rowFilter()).isEqualTo(new RowPredicate.RelatedIn(List.of("customer_id"),
                "crm.customers", CUSTOMERS, List.of("customer_id"), support.dataset(CUSTOMERS).rowFilter()));
        assertThat(support.dataset(ORDERS).rowFilter().text())
                .isEqualTo("visible(customer_id -> crm.customers where region = 'EMEA')");
        assertThat(support.dataset(SHIPMENTS).rowFilter().text()).isEqualTo("visible(order_id -> sales.orders where"
                + " visible(customer_id -> crm.customers where region = 'EMEA')) and shipment_id > 0");
        assertThat(support.dataset(ORDERS).rowFilters()).singleElement().satisfies(applied -> {
            assertThat(applied.template()).as("audit events record the template").isEqualTo("visible(crm.customers)");
            assertThat(applied.predicate()).isEqualTo(support.dataset(ORDERS).rowFilter());
        });
    }

    @Test
    void withoutAFilterOnTheRelatedDatasetEveryRowIsVisibleAndNothingIsJoined() {
        PolicySet policies = policies("""
                  - {name: region, subjects: {roles: [support]}, resources: {domain: crm, dataset: customers},
                     rowFilter: "region = subject.region"}
                  - {name: orders, subjects: {roles: [support, clerk]}, resources: {domain: sales, dataset: orders},
                     rowFilter: "visible(crm.customers)"}
                """);

        Decisions clerk = PolicyEvaluator.decide(Subject.of("carl", Set.of("clerk")), REGISTRY, policies);
        Decisions withoutRegion = PolicyEvaluator.decide(NO_REGION, REGISTRY, policies);

        assertThat(clerk.dataset(ORDERS).rowFilter()).isEqualTo(RowPredicate.TRUE);
        assertThat(clerk.problems()).isEmpty();
        assertThat(withoutRegion.dataset(CUSTOMERS).rowFilter()).isEqualTo(RowPredicate.FALSE);
        assertThat(withoutRegion.dataset(ORDERS).rowFilter()).as("no customer visible, so no order")
                .isEqualTo(RowPredicate.FALSE);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            sales.invoices     | visible(billing_customer_id -> crm.customers) | visible(billing_customer_id -> crm.customers where region = 'EMEA') | ``
            sales.invoices     | visible(crm.customers)                        | false           | sales.invoices declares 2 relationships to crm.customers (key (customer_id), key (billing_customer_id)); name the one meant by its key, e.g. visible(customer_id -> crm.customers)
            sales.orders       | visible(status -> crm.customers)              | false           | sales.orders declares no relationship to crm.customers on key (status); it declares key (customer_id)
            sales.orders       | visible(crm.segments)                         | false           | sales.orders declares no relationship to crm.segments in its contract
            sales.orders       | not visible(crm.segments)                     | false           | sales.orders declares no relationship to crm.segments
            sales.orders       | status = 'OPEN' or visible(crm.segments)      | status = 'OPEN' | sales.orders declares no relationship to crm.segments
            sales.orders       | not (status = 'OPEN' and visible(crm.segments)) | not status = 'OPEN' | crm.segments
            sales.orders       | visible(CRM.Customers)                        | visible(customer_id -> crm.customers where region = 'EMEA') | ``
            logistics.shipments | visible(sales.returns)                       | false           | its related dataset sales.returns is not registered
            sales.refunds      | visible(sales.orders)                         | false           | the relationship to sales.orders joins on field 'nope', which sales.orders does not have
            sales.orders       | visible(nope -> crm.customers)                | false           | the row filter reads field 'nope', which the dataset does not have
            """)
    void aTestThatCannotBeResolvedAdmitsNoRowAndIsReported(String dataset, String rowFilter, String resolved,
            String problem) {
        String[] names = dataset.split("\\.");
        Decisions support = PolicyEvaluator.decide(EMEA, REGISTRY, policies("""
                  - {name: region, subjects: {roles: [support]}, resources: {domain: crm, dataset: customers},
                     rowFilter: "region = subject.region"}
                  - {name: tested, subjects: {roles: [support]}, resources: {domain: %s, dataset: %s},
                     rowFilter: "%s"}
                """.formatted(names[0], names[1], rowFilter)));

        String urn = REGISTRY.ports().stream().map(port -> port.contract())
                .filter(contract -> contract.domain().equals(names[0])).findFirst()
                .map(contract -> Urns.dataset(contract, names[1])).orElseThrow();
        assertThat(support.dataset(urn).rowFilter().text()).isEqualTo(resolved);
        if (problem.isEmpty()) {
            assertThat(support.problems()).isEmpty();
        } else {
            assertThat(support.problems()).singleElement().satisfies(reported -> {
                assertThat(reported.datasetUrn()).isEqualTo(urn);
                assertThat(reported.rule()).isEqualTo("tested");
                assertThat(reported.problem()).contains(problem);
            });
        }
    }

    @Test
    void negatedTestsNeverWidenThroughAnUnknownAttributeOfTheRelatedFilter() {
        PolicySet policies = policies("""
                  - {name: region, subjects: {roles: [support]}, resources: {domain: crm, dataset: customers},
                     rowFilter: "region = subject.region"}
                  - {name: orders, subjects: {roles: [support]}, resources: {domain: sales, dataset: orders},
                     rowFilter: "not visible(crm.customers)"}
                """);

        assertThat(PolicyEvaluator.decide(NO_REGION, REGISTRY, policies).dataset(ORDERS).rowFilter())
                .as("orders whose customer is not visible, for a subject whose region is unknown: none, not all")
                .isEqualTo(RowPredicate.FALSE);
        assertThat(PolicyEvaluator.decide(EMEA, REGISTRY, policies).dataset(ORDERS).rowFilter().text())
                .isEqualTo("not visible(customer_id -> crm.customers where region = 'EMEA')");
    }

    @Test
    void aRelatedFilterThatFailedAdmitsNothingAtEitherPolarity() {
        for (String orders : List.of("visible(crm.customers)", "not visible(crm.customers)")) {
            Decisions support = PolicyEvaluator.decide(EMEA, REGISTRY, policies("""
                      - {name: region, subjects: {roles: [support]}, resources: {domain: crm, dataset: customers},
                         rowFilter: "nope = subject.region"}
                      - {name: orders, subjects: {roles: [support]}, resources: {domain: sales, dataset: orders},
                         rowFilter: "%s"}
                    """.formatted(orders)));

            assertThat(support.dataset(ORDERS).rowFilter()).as(orders).isEqualTo(RowPredicate.FALSE);
            assertThat(support.problems()).extracting(DecisionProblem::rule).containsExactly("region");
        }
    }

    @Test
    void aCycleOfRelatedFiltersAdmitsNoRow() {
        Decisions support = PolicyEvaluator.decide(EMEA, REGISTRY, policies("""
                  - {name: customers-by-order, subjects: {roles: [support]},
                     resources: {domain: crm, dataset: customers}, rowFilter: "visible(sales.orders)"}
                  - {name: orders-by-customer, subjects: {roles: [support]},
                     resources: {domain: sales, dataset: orders}, rowFilter: "visible(crm.customers)"}
                """));

        assertThat(support.dataset(ORDERS).rowFilter()).isEqualTo(RowPredicate.FALSE);
        assertThat(support.dataset(CUSTOMERS).rowFilter()).isEqualTo(RowPredicate.FALSE);
        assertThat(support.problems()).extracting(DecisionProblem::problem).anySatisfy(problem -> assertThat(problem)
                .contains("run in a cycle: sales.orders -> crm.customers -> sales.orders"));
    }

    @Test
    void aChainLongerThanTheMaximumAdmitsNoRow() {
        int length = VisibleResolver.MAX_DEPTH + 2;
        List<OutputPortContract> contracts = new ArrayList<>();
        StringBuilder rules = new StringBuilder();
        for (int index = 0; index < length; index++) {
            DatasetContract link = index + 1 < length
                    ? dataset("d", List.of(foreignKey("d", List.of("next"), "chain" + (index + 1), "d", List.of("id"))),
                            field("id", null), field("next", null))
                    : dataset("d", field("id", null), field("next", null));
            contracts.add(contractAt("grpc+tcp://chain:1", "chain" + index, "d", link));
            rules.append("  - {name: chain").append(index).append(", subjects: everyone, resources: {domain: chain")
                    .append(index).append("}, rowFilter: \"")
                    .append(index + 1 < length ? "visible(chain" + (index + 1) + ".d)" : "id > 0").append("\"}\n");
        }
        RegistrySnapshot chain = TestRegistries.snapshot(1, contracts.toArray(OutputPortContract[]::new));

        Decisions decisions = PolicyEvaluator.decide(Subject.ANONYMOUS, chain, policies(rules.toString()));

        assertThat(decisions.dataset("urn:portico:chain0:d:d:v1").rowFilter()).isEqualTo(RowPredicate.FALSE);
        assertThat(decisions.dataset("urn:portico:chain2:d:d:v1").rowFilter().text())
                .as("a chain of %d relationships is resolved", VisibleResolver.MAX_DEPTH - 1)
                .startsWith("visible(next -> chain3.d where visible(next -> chain4.d where");
        assertThat(decisions.problems()).extracting(DecisionProblem::problem).anySatisfy(problem -> assertThat(problem)
                .contains("follow more than " + VisibleResolver.MAX_DEPTH + " relationships"));
    }

    private static PolicySet policies(String rules) {
        return PolicyParser.parse("related.yaml", "version: 1\nrules:\n" + rules);
    }
}

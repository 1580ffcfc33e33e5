package io.portico.policies.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.policies.Subject;
import io.portico.policies.TestRegistries;
import io.portico.policies.filter.RowPredicate;
import io.portico.policies.model.PolicySet;
import io.portico.policies.store.ClasspathPolicies;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.Urns;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.FieldContract;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The demo's policy set over the demo's three contracts: for every field, what each demo role sees. A field added
 * to a demo contract must be added here ({@link #theTableCoversEveryDemoField()}).
 */
class DemoPoliciesTest {

    private static final RegistrySnapshot DEMO = TestRegistries.demo(1);
    private static final PolicySet POLICIES = ClasspathPolicies.demo();
    private static final Map<String, Subject> ROLES = Map.of(
            "steward", Subject.of("stella", Set.of("steward")),
            "analyst", Subject.of("arne", Set.of("analyst")),
            "support", new Subject("sue", Set.of("support"), Set.of(), Set.of(), Map.of("region", "EMEA")));

    private static final String TABLE = """
            sales.orders.order_id        | allow | allow            | allow
            sales.orders.customer_id     | allow | allow            | allow
            sales.orders.status          | allow | allow            | allow
            sales.orders.currency        | allow | allow            | allow
            sales.orders.net_amount      | allow | allow            | allow
            sales.orders.tax_amount      | allow | allow            | allow
            sales.orders.total_amount    | allow | allow            | allow
            sales.orders.item_count      | allow | allow            | allow
            sales.orders.created_at      | allow | allow            | allow
            sales.orders.updated_at      | allow | allow            | allow
            crm.customers.customer_id    | allow | allow            | allow
            crm.customers.full_name      | allow | mask redact      | mask redact
            crm.customers.email          | allow | mask hash        | mask redact
            crm.customers.phone          | allow | mask redact      | mask show-last-4
            crm.customers.birth_date     | allow | deny             | deny
            crm.customers.region         | allow | allow            | allow
            crm.customers.segment        | allow | allow            | allow
            crm.customers.signup_date    | allow | allow            | allow
            logistics.shipments.shipment_id  | allow | allow        | allow
            logistics.shipments.order_id     | allow | allow        | allow
            logistics.shipments.carrier      | allow | allow        | allow
            logistics.shipments.status       | allow | allow        | allow
            logistics.shipments.weight_kg    | allow | allow        | allow
            logistics.shipments.shipped_at   | allow | allow        | allow
            logistics.shipments.delivered_at | allow | allow        | allow
            """;

    @ParameterizedTest(name = "{0}: steward {1}, analyst {2}, support {3}")
    @CsvSource(delimiter = '|', textBlock = TABLE)
    void eachRoleSeesWhatTheDocsSay(String field, String steward, String analyst, String support) {
        assertThat(decision("steward", field).fieldEffect()).hasToString(steward);
        assertThat(decision("analyst", field).fieldEffect()).hasToString(analyst);
        assertThat(decision("support", field).fieldEffect()).hasToString(support);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            steward | crm.customers.birth_date  | stewards-see-everything
            steward | sales.orders.order_id     | stewards-see-everything
            analyst | crm.customers.birth_date  | defaults.classified.restricted
            analyst | crm.customers.full_name   | defaults.classified.confidential
            analyst | crm.customers.email       | analysts-hash-contact-emails
            analyst | crm.customers.region      | defaults.unmatched
            support | crm.customers.email       | defaults.classified.confidential
            support | crm.customers.phone       | support-sees-phone-last-4
            support | crm.customers.birth_date  | defaults.classified.restricted
            """)
    void namesTheDecidingRule(String role, String field, String rule) {
        assertThat(decision(role, field).rule()).isEqualTo(rule);
    }

    @Test
    void supportSeesTheCustomersOfItsRegionOnly() {
        Decisions support = PolicyEvaluator.decide(ROLES.get("support"), DEMO, POLICIES);
        Decisions analyst = PolicyEvaluator.decide(ROLES.get("analyst"), DEMO, POLICIES);
        Subject withoutRegion = Subject.of("sam", Set.of("support"));

        String customers = Urns.dataset("crm", "customers", "customers", 1);
        assertThat(support.dataset(customers).rowFilter().text()).isEqualTo("region = 'EMEA'");
        assertThat(support.dataset(customers).rowFilters()).extracting(AppliedRowFilter::rule, AppliedRowFilter::template)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("support-sees-own-region",
                        "region = subject.region"));
        assertThat(analyst.dataset(customers).rowFilter()).isEqualTo(RowPredicate.TRUE);
        assertThat(PolicyEvaluator.decide(withoutRegion, DEMO, POLICIES).dataset(customers).rowFilter())
                .as("a support token without a region sees no customer").isEqualTo(RowPredicate.FALSE);
        assertThat(support.problems()).isEmpty();
    }

    @Test
    void supportSeesTheOrdersOfTheCustomersItMaySeeOnly() {
        Decisions support = PolicyEvaluator.decide(ROLES.get("support"), DEMO, POLICIES);
        String orders = Urns.dataset("sales", "orders", "orders", 1);

        assertThat(support.dataset(orders).rowFilter().text())
                .isEqualTo("visible(customer_id -> crm.customers where region = 'EMEA')");
        assertThat(support.dataset(orders).rowFilters()).extracting(AppliedRowFilter::rule, AppliedRowFilter::template)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("support-sees-own-region-orders",
                        "visible(crm.customers)"));
        assertThat(PolicyEvaluator.decide(Subject.of("sam", Set.of("support")), DEMO, POLICIES).dataset(orders)
                .rowFilter()).as("no region, no customer, no order").isEqualTo(RowPredicate.FALSE);
        for (String role : List.of("steward", "analyst")) {
            assertThat(PolicyEvaluator.decide(ROLES.get(role), DEMO, POLICIES).dataset(orders).rowFilter())
                    .as(role).isEqualTo(RowPredicate.TRUE);
        }
        assertThat(support.dataset(Urns.dataset("logistics", "shipments", "shipments", 1)).rowFilter())
                .isEqualTo(RowPredicate.TRUE);
        assertThat(support.problems()).isEmpty();
    }

    @Test
    void theDemoSetPassesItsLoadCheckAcrossTheDemosThreePorts() {
        assertThat(RelatedFilterCheck.check(POLICIES, DEMO, true)).isEmpty();
        assertThat(RelatedFilterCheck.check(POLICIES, DEMO, false))
                .as("crm and sales are two ports: the demo needs cross-port related keys")
                .singleElement().satisfies(problem -> assertThat(problem.path()).isEqualTo("$.rules[4].rowFilter"));
    }

    @Test
    void aTokenWithoutDemoRolesGetsTheDefaults() {
        Decisions nobody = PolicyEvaluator.decide(Subject.ANONYMOUS, DEMO, POLICIES);
        String customers = Urns.dataset("crm", "customers", "customers", 1);

        assertThat(nobody.dataset(customers).field("birth_date").isDenied()).isTrue();
        assertThat(nobody.dataset(customers).field("email").fieldEffect()).hasToString("mask redact");
    }

    @Test
    void theTableCoversEveryDemoField() {
        Set<String> inTable = new HashSet<>();
        for (String line : TABLE.strip().split("\n")) {
            inTable.add(line.substring(0, line.indexOf('|')).strip());
        }
        Set<String> demoFields = new HashSet<>();
        for (PortSnapshot port : DEMO.ports()) {
            for (DatasetContract dataset : port.contract().datasets()) {
                for (FieldContract field : dataset.fields()) {
                    demoFields.add(port.contract().domain() + "." + dataset.name() + "." + field.name());
                }
            }
        }

        assertThat(inTable).isEqualTo(demoFields);
        assertThat(POLICIES.selectsOnSubjectId()).as("decisions are shared between subjects of equal claims")
                .isFalse();
    }

    private static FieldDecision decision(String role, String qualifiedField) {
        List<String> parts = List.of(qualifiedField.split("\\."));
        String domain = parts.get(0);
        String product = DEMO.ports().stream().map(PortSnapshot::contract)
                .filter(contract -> contract.domain().equals(domain)).findFirst().orElseThrow().dataProduct();
        String urn = Urns.dataset(domain, product, parts.get(1), 1);
        Decisions decisions = PolicyEvaluator.decide(ROLES.get(role), DEMO, POLICIES);
        assertThat(decisions.contains(urn)).as(urn).isTrue();
        return decisions.dataset(urn).field(parts.get(2));
    }
}

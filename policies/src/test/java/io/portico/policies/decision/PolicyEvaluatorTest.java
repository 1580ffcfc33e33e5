package io.portico.policies.decision;

import static io.portico.policies.TestRegistries.contract;
import static io.portico.policies.TestRegistries.dataset;
import static io.portico.policies.TestRegistries.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.policies.Subject;
import io.portico.policies.TestRegistries;
import io.portico.policies.filter.RowFilterParser;
import io.portico.policies.filter.RowPredicate;
import io.portico.policies.mask.Mask;
import io.portico.policies.mask.MaskKind;
import io.portico.policies.model.Effect;
import io.portico.policies.model.PolicySet;
import io.portico.policies.parse.PolicyParser;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.Urns;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Subjects x resources x rules -> the decision and the rule that made it. */
class PolicyEvaluatorTest {

    private static final RegistrySnapshot REGISTRY = TestRegistries.snapshot(7,
            contract("sales", "orders", dataset("orders",
                    field("order_id", "public"),
                    field("total_amount", "internal", "finance"),
                    field("net_amount", "internal", "Finance"),
                    field("note", null))),
            contract("crm", "customers",
                    dataset("customers",
                            field("customer_id", "public"),
                            field("email", "confidential", "pii", "contact"),
                            field("birth_date", "restricted", "pii"),
                            field("region", "internal"),
                            field("nickname", "CONFIDENTIAL")),
                    dataset("segments", field("segment", "internal"))));

    private static final PolicySet POLICIES = PolicyParser.parse("table.yaml", """
            version: 1
            defaults:
              classified:
                restricted: deny
                confidential: {mask: redact}
              unmatched: allow
            rules:
              - name: stewards-see-everything
                subjects: {roles: [steward]}
                effect: allow
              - name: analysts-hash-email
                subjects: {roles: [analyst]}
                resources: {fields: [email]}
                effect: mask
                mask: hash
              - name: analysts-no-finance
                subjects: {roles: [analyst]}
                resources: {tags: [finance]}
                effect: deny
              - name: controllers-see-finance
                subjects: {groups: [controlling]}
                purpose: [reporting]
                resources: {tags: [finance]}
                effect: allow
              - name: controllers-see-total-amount
                subjects: {groups: [controlling]}
                resources: {domain: sales, fields: [total_amount]}
                effect: allow
              - name: researchers-birth-year
                subjects: {roles: [researcher]}
                purpose: research
                resources: {fields: [birth_date]}
                effect: mask
                mask: year-only
              - name: support-email-last-4
                subjects: {roles: [support]}
                resources: {dataset: Customers, fields: [email]}
                effect: mask
                mask: show-last-4
              - name: support-email-first-4
                subjects: {roles: [support]}
                resources: {fields: [email]}
                effect: mask
                mask: show-first-4
              - name: support-no-crm
                subjects: {roles: [support]}
                resources: {domain: crm, product: customers}
                effect: deny
              - name: support-sees-segments
                subjects: {roles: [support]}
                resources: {domain: crm, dataset: segments}
                effect: allow
              - name: partners-email-allowed
                subjects: {claims: {partner: [acme]}}
                resources: {fields: [email]}
                effect: allow
              - name: crm-members-email-nulled
                subjects: {domains: [crm]}
                resources: {fields: [email]}
                effect: mask
                mask: null
              - name: alice-sees-birth-dates
                subjects: {claims: {sub: alice}}
                resources: {fields: [birth_date]}
                effect: allow
              - name: auditors-constant-in-crm
                subjects: {roles: [auditor]}
                resources: {domain: crm, product: '*'}
                effect: mask
                mask: {constant: audited}
            """);

    private static final Map<String, Subject> SUBJECTS = Map.ofEntries(
            Map.entry("steward", Subject.of("sam", Set.of("steward"))),
            Map.entry("analyst", Subject.of("ann", Set.of("analyst"))),
            Map.entry("controller", new Subject("carl", Set.of(), Set.of("controlling"), Set.of(),
                    Map.of("purpose", "reporting"))),
            Map.entry("controller-without-purpose", new Subject("carl", Set.of(), Set.of("controlling"), Set.of(),
                    Map.of())),
            Map.entry("analyst-controller", new Subject("cora", Set.of("analyst"), Set.of("controlling"), Set.of(),
                    Map.of("purpose", "reporting"))),
            Map.entry("researcher", new Subject("rita", Set.of("researcher"), Set.of(), Set.of(),
                    Map.of("purpose", "research"))),
            Map.entry("researcher-reporting", new Subject("rita", Set.of("researcher"), Set.of(), Set.of(),
                    Map.of("purpose", "reporting"))),
            Map.entry("support", Subject.of("sue", Set.of("support"))),
            Map.entry("crm-partner", new Subject("pat", Set.of(), Set.of(), Set.of("crm"),
                    Map.of("partner", "acme"))),
            Map.entry("sales-partner", new Subject("pat", Set.of(), Set.of(), Set.of("sales"),
                    Map.of("partner", "acme"))),
            Map.entry("other-partner", new Subject("pat", Set.of(), Set.of(), Set.of("sales"),
                    Map.of("partner", "globex"))),
            Map.entry("alice", Subject.of("alice", Set.of())),
            Map.entry("bob", Subject.of("bob", Set.of())),
            Map.entry("auditor", Subject.of("al", Set.of("auditor"))),
            Map.entry("anonymous", Subject.ANONYMOUS));

    @ParameterizedTest(name = "{0} on {1}.{2}: {3} by {4}")
    @CsvSource(delimiter = '|', textBlock = """
            steward                    | crm.customers | birth_date   | allow                  | stewards-see-everything
            steward                    | sales.orders  | total_amount | allow                  | stewards-see-everything
            analyst                    | crm.customers | email        | mask hash              | analysts-hash-email
            analyst                    | crm.customers | birth_date   | deny                   | defaults.classified.restricted
            analyst                    | crm.customers | nickname     | mask redact            | defaults.classified.confidential
            analyst                    | crm.customers | region       | allow                  | defaults.unmatched
            analyst                    | sales.orders  | total_amount | deny                   | analysts-no-finance
            analyst                    | sales.orders  | net_amount   | deny                   | analysts-no-finance
            analyst                    | sales.orders  | note         | allow                  | defaults.unmatched
            analyst-controller         | sales.orders  | total_amount | allow                  | controllers-see-total-amount
            analyst-controller         | sales.orders  | net_amount   | deny                   | analysts-no-finance
            controller                 | sales.orders  | net_amount   | allow                  | controllers-see-finance
            controller-without-purpose | sales.orders  | net_amount   | allow                  | defaults.unmatched
            controller-without-purpose | sales.orders  | total_amount | allow                  | controllers-see-total-amount
            researcher                 | crm.customers | birth_date   | mask year-only         | researchers-birth-year
            researcher-reporting       | crm.customers | birth_date   | deny                   | defaults.classified.restricted
            support                    | crm.customers | email        | mask show-last-4       | support-email-last-4
            support                    | crm.customers | birth_date   | deny                   | support-no-crm
            support                    | crm.customers | customer_id  | deny                   | support-no-crm
            support                    | crm.segments  | segment      | allow                  | support-sees-segments
            support                    | sales.orders  | order_id     | allow                  | defaults.unmatched
            crm-partner                | crm.customers | email        | mask null              | crm-members-email-nulled
            sales-partner              | crm.customers | email        | allow                  | partners-email-allowed
            other-partner              | crm.customers | email        | mask redact            | defaults.classified.confidential
            alice                      | crm.customers | birth_date   | allow                  | alice-sees-birth-dates
            bob                        | crm.customers | birth_date   | deny                   | defaults.classified.restricted
            auditor                    | crm.customers | birth_date   | mask constant(audited) | auditors-constant-in-crm
            auditor                    | crm.segments  | segment      | mask constant(audited) | auditors-constant-in-crm
            auditor                    | sales.orders  | order_id     | allow                  | defaults.unmatched
            anonymous                  | crm.customers | email        | mask redact            | defaults.classified.confidential
            anonymous                  | crm.customers | customer_id  | allow                  | defaults.unmatched
            """)
    void decidesEachFieldByTheMostSpecificStrongestRule(String subject, String dataset, String field, String effect,
            String rule) {
        Decisions decisions = PolicyEvaluator.decide(SUBJECTS.get(subject), REGISTRY, POLICIES);

        FieldDecision decision = decisions.dataset(urn(dataset)).field(field);

        assertThat(decision.fieldEffect()).hasToString(effect);
        assertThat(decision.rule()).isEqualTo(rule);
        assertThat(decisions.problems()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(MaskKind.class)
    void everyMaskKindOfTheFileReachesTheDecision(MaskKind kind) {
        String mask = kind == MaskKind.CONSTANT ? "{constant: 42}" : kind.policyName();
        PolicySet policies = PolicyParser.parse("mask.yaml", """
                version: 1
                rules:
                  - {name: masked, subjects: everyone, resources: {fields: [email]}, effect: mask, mask: %s}
                """.formatted(mask));

        FieldDecision decision = PolicyEvaluator.decide(Subject.ANONYMOUS, REGISTRY, policies)
                .dataset(urn("crm.customers")).field("email");

        assertThat(decision).isEqualTo(new FieldDecision(Effect.MASK,
                kind == MaskKind.CONSTANT ? Mask.constant("42") : Mask.of(kind), "masked"));
    }

    @Test
    void decidesEveryFieldOfEveryDatasetInContractOrder() {
        Decisions decisions = PolicyEvaluator.decide(SUBJECTS.get("analyst"), REGISTRY, POLICIES);

        assertThat(decisions.registryVersion()).isEqualTo(7);
        assertThat(decisions.policyVersion()).isEqualTo(POLICIES.version());
        assertThat(decisions.datasets().keySet()).containsExactly(urn("crm.customers"), urn("crm.segments"),
                urn("sales.orders"));
        DatasetDecisions customers = decisions.dataset(urn("crm.customers"));
        assertThat(customers.known()).isTrue();
        assertThat(customers.fields().keySet())
                .containsExactly("customer_id", "email", "birth_date", "region", "nickname");
        assertThat(customers.fieldsWith(Effect.DENY)).containsExactly("birth_date");
        assertThat(customers.fieldsWith(Effect.MASK)).containsExactly("email", "nickname");
        assertThat(customers.rowFilter()).isEqualTo(RowPredicate.TRUE);
        assertThat(customers.filtersRows()).isFalse();
        assertThat(PolicyEvaluator.decide(SUBJECTS.get("analyst"), REGISTRY, POLICIES))
                .as("a pure function").isEqualTo(decisions);
    }

    @Test
    void unknownDatasetsAndFieldsGetTheUnmatchedDefaultAndNoRows() {
        Decisions decisions = PolicyEvaluator.decide(SUBJECTS.get("analyst"), REGISTRY, POLICIES);

        DatasetDecisions unknown = decisions.dataset("urn:portico:hr:staff:staff:v1");
        assertThat(unknown.known()).isFalse();
        assertThat(decisions.contains("urn:portico:hr:staff:staff:v1")).isFalse();
        assertThat(unknown.field("salary")).isEqualTo(new FieldDecision(Effect.ALLOW, null, "defaults.unmatched"));
        assertThat(unknown.rowFilter()).isEqualTo(RowPredicate.FALSE);
        assertThat(decisions.dataset(urn("crm.customers")).field("no_such_field").rule())
                .isEqualTo("defaults.unmatched");
    }

    @Test
    void anEmptyPolicySetAllowsEverything() {
        Decisions decisions = PolicyEvaluator.decide(Subject.ANONYMOUS, REGISTRY, PolicySet.EMPTY);

        assertThat(decisions.datasets().values()).allSatisfy(dataset -> {
            assertThat(dataset.fieldsWith(Effect.ALLOW)).hasSameSizeAs(dataset.fields().keySet());
            assertThat(dataset.rowFilter()).isEqualTo(RowPredicate.TRUE);
        });
    }

    private static final PolicySet ROW_FILTERS = PolicyParser.parse("rows.yaml", """
            version: 1
            rules:
              - name: support-sees-own-region
                subjects: {roles: [support]}
                resources: {domain: crm, dataset: customers}
                rowFilter: "region = subject.region"
              - name: crm-hides-test-customers
                subjects: everyone
                resources: {domain: crm, product: customers, dataset: customers}
                rowFilter: "customer_id > 0 and not nickname in ('test', 'demo')"
              - name: segments-by-team
                subjects: {groups: [team-a, team-b]}
                resources: {dataset: segments}
                rowFilter: "segment in subject.groups"
            """);

    @Test
    void combinesTheRowFiltersThatApplyBoundToTheSubject() {
        Subject emea = new Subject("sue", Set.of("support"), Set.of("team-a"), Set.of(), Map.of("region", "EMEA"));

        Decisions decisions = PolicyEvaluator.decide(emea, REGISTRY, ROW_FILTERS);

        DatasetDecisions customers = decisions.dataset(urn("crm.customers"));
        assertThat(customers.rowFilters()).containsExactly(
                new AppliedRowFilter("support-sees-own-region", RowFilterParser.parse("region = 'EMEA'"),
                        "region = subject.region"),
                new AppliedRowFilter("crm-hides-test-customers",
                        RowFilterParser.parse("customer_id > 0 and not nickname in ('test', 'demo')"),
                        "customer_id > 0 and not nickname in ('test', 'demo')"));
        assertThat(customers.rowFilter().text())
                .isEqualTo("region = 'EMEA' and customer_id > 0 and not nickname in ('test', 'demo')");
        assertThat(customers.filtersRows()).isTrue();
        assertThat(decisions.dataset(urn("crm.segments")).rowFilter().text()).isEqualTo("segment in ('team-a')");
        assertThat(decisions.dataset(urn("sales.orders")).rowFilter()).isEqualTo(RowPredicate.TRUE);
        assertThat(decisions.problems()).isEmpty();
    }

    @Test
    void aMissingSubjectAttributeAdmitsNoRow() {
        Subject withoutRegion = Subject.of("sue", Set.of("support"));

        DatasetDecisions customers = PolicyEvaluator.decide(withoutRegion, REGISTRY, ROW_FILTERS)
                .dataset(urn("crm.customers"));

        assertThat(customers.rowFilters()).extracting(AppliedRowFilter::predicate)
                .first().isEqualTo(RowPredicate.FALSE);
        assertThat(customers.rowFilters()).extracting(AppliedRowFilter::template)
                .first().isEqualTo("region = subject.region");
        assertThat(customers.rowFilter()).isEqualTo(RowPredicate.FALSE);
    }

    @Test
    void aRowFilterOnAFieldTheDatasetLacksAdmitsNoRowAndSaysWhy() {
        PolicySet policies = PolicyParser.parse("rows.yaml", """
                version: 1
                rules:
                  - {name: by-region, subjects: everyone, resources: {domain: crm}, rowFilter: "region = 'EMEA'"}
                """);

        Decisions decisions = PolicyEvaluator.decide(Subject.ANONYMOUS, REGISTRY, policies);

        assertThat(decisions.dataset(urn("crm.customers")).rowFilter().text()).isEqualTo("region = 'EMEA'");
        assertThat(decisions.dataset(urn("crm.segments")).rowFilter()).isEqualTo(RowPredicate.FALSE);
        assertThat(decisions.problems()).containsExactly(new DecisionProblem(urn("crm.segments"), "by-region",
                "the row filter reads field 'region', which the dataset does not have; the dataset returns no rows"));
    }

    @Test
    void rowFilterRulesDoNotDecideFields() {
        Subject emea = new Subject("sue", Set.of("support"), Set.of(), Set.of(), Map.of("region", "EMEA"));

        DatasetDecisions customers = PolicyEvaluator.decide(emea, REGISTRY, ROW_FILTERS).dataset(urn("crm.customers"));

        assertThat(customers.fields().values()).extracting(FieldDecision::rule).containsOnly("defaults.unmatched");
    }

    static String urn(String shortName) {
        String[] parts = shortName.split("\\.");
        String product = parts[0].equals("sales") ? "orders" : "customers";
        return Urns.dataset(parts[0], product, parts[1], 1);
    }

    @Test
    void theUrnHelperMatchesTheContracts() {
        assertThat(List.of(urn("sales.orders"), urn("crm.customers"), urn("crm.segments"))).containsExactly(
                "urn:portico:sales:orders:orders:v1", "urn:portico:crm:customers:customers:v1",
                "urn:portico:crm:customers:segments:v1");
    }
}

package io.portico.policies.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.portico.policies.filter.RowFilterParser;
import io.portico.policies.mask.Mask;
import io.portico.policies.mask.MaskKind;
import io.portico.policies.model.FieldEffect;
import io.portico.policies.model.PolicyDefaults;
import io.portico.policies.model.PolicyRule;
import io.portico.policies.model.PolicySet;
import io.portico.policies.model.ResourceSelector;
import io.portico.policies.model.Specificity;
import io.portico.policies.model.SubjectSelector;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.ContractValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyParserTest {

    private static final String FULL = """
            version: 1
            defaults:
              classified:
                Restricted: deny
                confidential: {mask: redact}
                internal: allow
                secret: {mask: {constant: 'n/a'}}
              unmatched: deny
            rules:
              - name: stewards
                description: Stewards see everything.
                subjects: {roles: [steward]}
                effect: allow
              - name: finance-by-claim
                subjects:
                  groups: finance
                  domains: [sales]
                  claims: {department: [controlling, audit], level: 3}
                purpose: [reporting]
                resources: {domain: sales, product: orders, dataset: orders, tags: [finance]}
                effect: mask
                mask: {constant: 0}
              - name: everyone-hash-emails
                subjects: everyone
                resources: {fields: [email, contact_email], classification: [confidential, '*']}
                effect: mask
                mask: HASH
              - name: own-region
                subjects: {roles: [support]}
                resources: {domain: crm, dataset: customers}
                rowFilter: "region = subject.region"
            """;

    @Test
    void readsEveryPartOfTheFormat() {
        PolicySet set = PolicyParser.parse("full.yaml", FULL);

        assertThat(set.defaults()).isEqualTo(new PolicyDefaults(Map.of(
                "restricted", FieldEffect.DENY,
                "confidential", FieldEffect.mask(Mask.of(MaskKind.REDACT)),
                "internal", FieldEffect.ALLOW,
                "secret", FieldEffect.mask(Mask.constant("n/a"))), FieldEffect.DENY));
        assertThat(set.rules()).extracting(PolicyRule::name)
                .containsExactly("stewards", "finance-by-claim", "everyone-hash-emails", "own-region");
        assertThat(set.rules()).extracting(PolicyRule::source).containsOnly("full.yaml");

        PolicyRule stewards = set.rule("stewards").orElseThrow();
        assertThat(stewards.description()).isEqualTo("Stewards see everything.");
        assertThat(stewards.subjects()).isEqualTo(new SubjectSelector(false, Set.of("steward"), Set.of(), Set.of(),
                Map.of()));
        assertThat(stewards.resources()).isEqualTo(ResourceSelector.EVERYTHING);
        assertThat(stewards.effect()).isEqualTo(FieldEffect.ALLOW);

        PolicyRule finance = set.rule("finance-by-claim").orElseThrow();
        assertThat(finance.subjects()).isEqualTo(new SubjectSelector(false, Set.of(), Set.of("finance"),
                Set.of("sales"), Map.of("department", Set.of("controlling", "audit"), "level", Set.of("3"))));
        assertThat(finance.purposes()).containsExactly("reporting");
        assertThat(finance.resources()).isEqualTo(new ResourceSelector(Set.of("sales"), Set.of("orders"),
                Set.of("orders"), Set.of(), Set.of(), Set.of("finance")));
        assertThat(finance.effect()).isEqualTo(FieldEffect.mask(Mask.constant("0")));

        PolicyRule emails = set.rule("everyone-hash-emails").orElseThrow();
        assertThat(emails.subjects()).isEqualTo(SubjectSelector.EVERYONE);
        assertThat(emails.resources().fields()).containsExactly("contact_email", "email");
        assertThat(emails.resources().classifications()).as("the wildcard matches any").isEmpty();
        assertThat(emails.resources().specificity()).isEqualTo(Specificity.FIELD);
        assertThat(emails.effect()).isEqualTo(FieldEffect.mask(Mask.of(MaskKind.HASH)));

        PolicyRule region = set.rule("own-region").orElseThrow();
        assertThat(region.isRowFilter()).isTrue();
        assertThat(region.effect()).isNull();
        assertThat(region.rowFilter()).isEqualTo(RowFilterParser.parse("region = subject.region"));
    }

    @Test
    void everyMaskKindReadsFromItsPolicyName() {
        StringBuilder yaml = new StringBuilder("version: 1\nrules:\n");
        List<Mask> expected = new ArrayList<>();
        for (MaskKind kind : MaskKind.values()) {
            Mask mask = kind == MaskKind.CONSTANT ? Mask.constant("***") : Mask.of(kind);
            expected.add(mask);
            String written = kind == MaskKind.CONSTANT ? "{constant: '***'}" : kind.policyName();
            yaml.append("  - {name: mask-").append(kind.policyName()).append(", subjects: everyone, effect: mask,"
                    + " mask: ").append(written).append("}\n");
        }

        PolicySet set = PolicyParser.parse("masks.yaml", yaml.toString());

        assertThat(set.rules()).extracting(rule -> rule.effect().mask()).containsExactlyElementsOf(expected);
    }

    @Test
    void aSetWithoutDefaultsAllowsUnmatchedFields() {
        PolicySet set = PolicyParser.parse("a.yaml", "version: 1\nrules: []\n");

        assertThat(set.defaults()).isEqualTo(PolicyDefaults.NONE);
        assertThat(set.rules()).isEmpty();
    }

    @Test
    void readsSeveralFilesAsOneSetInTheirOrder() {
        PolicySet set = PolicyParser.parse(List.of(
                new PolicySource("a.yaml", "version: 1\ndefaults: {unmatched: deny}\nrules:\n"
                        + "  - {name: one, subjects: everyone, effect: allow}\n"),
                new PolicySource("b.yaml", "version: 1\nrules:\n  - {name: two, subjects: everyone, effect: deny}\n")));

        assertThat(set.rules()).extracting(PolicyRule::name).containsExactly("one", "two");
        assertThat(set.rules()).extracting(PolicyRule::source).containsExactly("a.yaml", "b.yaml");
        assertThat(set.defaults().unmatched()).isEqualTo(FieldEffect.DENY);
    }

    @Test
    void theVersionIsADigestOfNamesAndTexts() {
        PolicySet one = PolicyParser.parse("a.yaml", FULL);
        PolicySet same = PolicyParser.parse("a.yaml", FULL);
        PolicySet renamed = PolicyParser.parse("b.yaml", FULL);
        PolicySet edited = PolicyParser.parse("a.yaml", FULL + "# a comment\n");

        assertThat(one.version()).hasSize(16).matches("[0-9a-f]+").isEqualTo(same.version());
        assertThat(one).isEqualTo(same);
        assertThat(renamed.version()).isNotEqualTo(one.version());
        assertThat(edited.version()).isNotEqualTo(one.version());
        assertThat(PolicyParser.version(List.of(new PolicySource("a.yaml", FULL)))).isEqualTo(one.version());
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                bad("not YAML", "version: 1\nrules: [\n", "$", "not valid YAML or JSON at line"),
                bad("empty file", "", "$", "the document is empty"),
                bad("two documents", "version: 1\n---\nversion: 1\n", "$", "more than one YAML document"),
                bad("alias", "version: 1\ndefaults: {classified: {a: &d deny, b: *d}}\n", "$.defaults.classified.b",
                        "YAML alias '*d'"),
                bad("duplicate key", "version: 1\nversion: 1\n", "$.version", "duplicate key 'version' at line 2"),
                bad("root not a mapping", "- a\n", "$", "wrong type: found a list"),
                bad("missing version", "rules: []\n", "$.version", "missing required key 'version'"),
                bad("wrong version", "version: 2\n", "$.version", "unsupported format version 2"),
                bad("unknown top key", "version: 1\npolicies: []\n", "$.policies", "unknown key 'policies'"),
                bad("rules not a list", "version: 1\nrules: {}\n", "$.rules", "wrong type: found a mapping"),
                bad("rule not a mapping", "version: 1\nrules: [allow]\n", "$.rules[0]", "wrong type: found a string"),
                bad("unknown defaults key", "version: 1\ndefaults: {unmatch: deny}\n", "$.defaults.unmatch",
                        "unknown key 'unmatch'"),
                bad("unknown default effect", "version: 1\ndefaults: {unmatched: block}\n", "$.defaults.unmatched",
                        "unknown effect 'block'"),
                bad("default mask without kind", "version: 1\ndefaults: {classified: {pii: mask}}\n",
                        "$.defaults.classified.pii", "a mask default names its mask"),
                bad("default unknown mask", "version: 1\ndefaults: {classified: {pii: {mask: blur}}}\n",
                        "$.defaults.classified.pii.mask", "unknown mask 'blur'"),
                bad("classification twice", "version: 1\ndefaults: {classified: {pii: deny, PII: allow}}\n",
                        "$.defaults.classified.PII", "given twice"),
                rule("missing name", "{subjects: everyone, effect: allow}", "$.rules[0].name",
                        "missing required key 'name'"),
                rule("bad name", "{name: 'has space', subjects: everyone, effect: allow}", "$.rules[0].name",
                        "invalid rule name 'has space'"),
                rule("dotted name", "{name: defaults.unmatched, subjects: everyone, effect: allow}",
                        "$.rules[0].name", "invalid rule name"),
                rule("unknown rule key", "{name: r, subjects: everyone, effect: allow, effects: deny}",
                        "$.rules[0].effects", "unknown key 'effects'"),
                rule("misspelt key", "{name: r, subjects: everyone, rowfilter: 'a = 1'}", "$.rules[0].rowfilter",
                        "did you mean 'rowFilter'?"),
                rule("missing subjects", "{name: r, effect: allow}", "$.rules[0].subjects",
                        "missing required key 'subjects'"),
                rule("subjects not everyone", "{name: r, subjects: all, effect: allow}", "$.rules[0].subjects",
                        "unknown subjects 'all'"),
                rule("subjects select nobody", "{name: r, subjects: {}, effect: allow}", "$.rules[0].subjects",
                        "selects no subject"),
                rule("unknown subjects key", "{name: r, subjects: {role: [a]}, effect: allow}",
                        "$.rules[0].subjects.role", "unknown key 'role'"),
                rule("roles of wrong type", "{name: r, subjects: {roles: [[a]]}, effect: allow}",
                        "$.rules[0].subjects.roles[0]", "wrong type: found a list"),
                rule("role listed twice", "{name: r, subjects: {roles: [a, a]}, effect: allow}",
                        "$.rules[0].subjects.roles[1]", "'a' is listed twice"),
                rule("blank role", "{name: r, subjects: {roles: ['  ']}, effect: allow}",
                        "$.rules[0].subjects.roles[0]", "is empty"),
                rule("claim without values", "{name: r, subjects: {claims: {dept: []}}, effect: allow}",
                        "$.rules[0].subjects.claims.dept", "accepts no value"),
                rule("claims not a mapping", "{name: r, subjects: {claims: [dept]}, effect: allow}",
                        "$.rules[0].subjects.claims", "wrong type: found a list"),
                rule("purpose of wrong type", "{name: r, subjects: everyone, purpose: {a: b}, effect: allow}",
                        "$.rules[0].purpose", "wrong type: found a mapping"),
                rule("unknown resource key", "{name: r, subjects: everyone, resources: {field: [a]}, effect: deny}",
                        "$.rules[0].resources.field", "unknown key 'field'"),
                rule("partial wildcard", "{name: r, subjects: everyone, resources: {dataset: 'cust*'}, effect: deny}",
                        "$.rules[0].resources.dataset", "the wildcard * stands only for a whole value"),
                rule("no effect", "{name: r, subjects: everyone}", "$.rules[0]",
                        "the rule has neither an effect nor a rowFilter"),
                rule("unknown effect", "{name: r, subjects: everyone, effect: block}", "$.rules[0].effect",
                        "unknown effect 'block'"),
                rule("effect of wrong type", "{name: r, subjects: everyone, effect: [deny]}", "$.rules[0].effect",
                        "wrong type: found a list"),
                rule("mask without effect", "{name: r, subjects: everyone, mask: redact}", "$.rules[0]",
                        "a mask needs effect: mask"),
                rule("mask with deny", "{name: r, subjects: everyone, effect: deny, mask: redact}", "$.rules[0].mask",
                        "a mask with effect: deny"),
                rule("mask effect without mask", "{name: r, subjects: everyone, effect: mask}", "$.rules[0].mask",
                        "effect: mask without a mask"),
                rule("unknown mask", "{name: r, subjects: everyone, effect: mask, mask: redacted}", "$.rules[0].mask",
                        "unknown mask 'redacted'"),
                rule("constant without value", "{name: r, subjects: everyone, effect: mask, mask: constant}",
                        "$.rules[0].mask", "a constant mask gives its value"),
                rule("constant of wrong type", "{name: r, subjects: everyone, effect: mask, mask: {constant: [1]}}",
                        "$.rules[0].mask.constant", "wrong type: found a list"),
                rule("unknown mask key", "{name: r, subjects: everyone, effect: mask, mask: {value: 1}}",
                        "$.rules[0].mask.value", "unknown key 'value'"),
                rule("effect and row filter", "{name: r, subjects: everyone, effect: deny, rowFilter: 'a = 1'}",
                        "$.rules[0]", "either an effect or a rowFilter, not both"),
                rule("row filter selecting fields",
                        "{name: r, subjects: everyone, resources: {fields: [a]}, rowFilter: 'a = 1'}",
                        "$.rules[0].resources.fields", "cannot select fields"),
                rule("row filter selecting a classification",
                        "{name: r, subjects: everyone, resources: {classification: [pii]}, rowFilter: 'a = 1'}",
                        "$.rules[0].resources.classification", "cannot select classification"),
                rule("bad predicate", "{name: r, subjects: everyone, rowFilter: 'region = = 1'}",
                        "$.rules[0].rowFilter", "invalid row filter at column 10: expected a literal"),
                rule("predicate of wrong type", "{name: r, subjects: everyone, rowFilter: 42}", "$.rules[0].rowFilter",
                        "wrong type: found an integer"));
    }

    private static Arguments bad(String name, String yaml, String path, String problem) {
        return Arguments.of(name, yaml, path, problem);
    }

    private static Arguments rule(String name, String rule, String path, String problem) {
        return Arguments.of(name, "version: 1\nrules:\n  - " + rule + "\n", path, problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void namesEachProblemPrecisely(String name, String yaml, String path, String problem) {
        PolicyValidationException error = catchThrowableOfType(PolicyValidationException.class,
                () -> PolicyParser.parse("bad.yaml", yaml));

        assertThat(error).as("refused").isNotNull();
        assertThat(error.problems()).as(error.getMessage())
                .anySatisfy(found -> {
                    assertThat(found.file()).isEqualTo("bad.yaml");
                    assertThat(found.path()).isEqualTo(path);
                    assertThat(found.problem()).contains(problem);
                    assertThat(found.expected()).isNotBlank();
                });
    }

    /** Contracts and policy files are read by one YAML reader: what stops a document is said alike in both. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableDocuments")
    void wordsWhatStopsADocumentAsContractsDo(String name, String yaml) {
        PolicyValidationException policy = catchThrowableOfType(PolicyValidationException.class,
                () -> PolicyParser.parse("bad.yaml", yaml));
        ContractValidationException contract = catchThrowableOfType(ContractValidationException.class,
                () -> ContractParser.parse(yaml));

        assertThat(policy.problems()).extracting(PolicyProblem::file).containsOnly("bad.yaml");
        assertThat(policy.problems()).extracting(PolicyProblem::path, PolicyProblem::problem)
                .first().isEqualTo(tuple(contract.problems().getFirst().path(),
                        contract.problems().getFirst().problem()));
    }

    static Stream<Arguments> unreadableDocuments() {
        return Stream.of(
                Arguments.of("not YAML", "version: 1\nrules: [\n"),
                Arguments.of("two documents", "version: 1\n---\nversion: 1\n"),
                Arguments.of("alias", "version: 1\ndefaults: {classified: {a: &d deny, b: *d}}\n"),
                Arguments.of("duplicate key", "version: 1\nversion: 1\n"));
    }

    @Test
    void reportsEveryProblemOfEveryFileAtOnce() {
        PolicyValidationException error = catchThrowableOfType(PolicyValidationException.class,
                () -> PolicyParser.parse(List.of(
                        new PolicySource("a.yaml", """
                                version: 1
                                defaults: {unmatched: allow}
                                rules:
                                  - {name: same, subjects: everyone, effect: allow}
                                  - {name: other, subjects: everyone, effect: mask, mask: blur}
                                """),
                        new PolicySource("b.yaml", """
                                version: 1
                                defaults: {unmatched: deny}
                                rules:
                                  - {name: fine, subjects: everyone, effect: allow}
                                  - {name: same, subjects: everyone, effect: deny}
                                """))));

        assertThat(error.problems()).extracting(PolicyProblem::toString).containsExactly(
                "a.yaml: $.rules[1].mask: unknown mask 'blur' (expected one of redact, hash, show-last-4, show-first-4,"
                        + " null, year-only, or {constant: <value>})",
                "b.yaml: $.defaults: defaults are already given in a.yaml (expected defaults in one file of the set"
                        + " only)",
                "b.yaml: $.rules[1].name: duplicate rule name 'same', first used at a.yaml $.rules[0] (expected rule"
                        + " names unique across the policy set)");
        assertThat(error.getMessage()).startsWith("invalid policy set: 3 problem(s)");
    }

    @Test
    void refusesAnEmptySetOversizedFilesAndTooManyRules() {
        assertThat(catchThrowableOfType(PolicyValidationException.class, () -> PolicyParser.parse(List.of()))
                .problems().getFirst().problem()).isEqualTo("no policy file");

        String huge = "version: 1\n#" + "x".repeat(PolicyParser.MAX_FILE_CHARS) + "\n";
        assertThat(catchThrowableOfType(PolicyValidationException.class, () -> PolicyParser.parse("huge.yaml", huge))
                .problems().getFirst().problem()).contains("more than the limit of " + PolicyParser.MAX_FILE_CHARS);

        StringBuilder many = new StringBuilder("version: 1\nrules:\n");
        for (int index = 0; index <= PolicyParser.MAX_RULES; index++) {
            many.append("- {name: r").append(index).append(", subjects: everyone, effect: allow}\n");
        }
        assertThat(catchThrowableOfType(PolicyValidationException.class,
                () -> PolicyParser.parse("many.yaml", many.toString())).problems())
                .extracting(PolicyProblem::problem)
                .containsExactly((PolicyParser.MAX_RULES + 1) + " rules, more than the limit of "
                        + PolicyParser.MAX_RULES);
    }
}

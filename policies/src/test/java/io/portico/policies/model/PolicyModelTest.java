package io.portico.policies.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.policies.Subject;
import io.portico.policies.filter.RowFilterParser;
import io.portico.policies.mask.Mask;
import io.portico.policies.mask.MaskKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The model's records refuse what the parser would never build, so code that builds rules cannot either. */
class PolicyModelTest {

    private static final ResourceSelector EMAIL =
            new ResourceSelector(Set.of(), Set.of(), Set.of(), Set.of("Email"), Set.of(), Set.of());

    @Test
    void anEffectHasAMaskExactlyWhenItMasks() {
        assertThat(FieldEffect.mask(Mask.of(MaskKind.HASH))).hasToString("mask hash");
        assertThatThrownBy(() -> new FieldEffect(Effect.MASK, null)).hasMessage("a mask effect needs a mask");
        assertThatThrownBy(() -> new FieldEffect(Effect.DENY, Mask.of(MaskKind.HASH)))
                .hasMessage("only a mask effect takes a mask, not deny");
        assertThat(Effect.DENY.strength()).isGreaterThan(Effect.MASK.strength());
        assertThat(Effect.MASK.strength()).isGreaterThan(Effect.ALLOW.strength());
    }

    @Test
    void aRuleHasAnEffectOrARowFilterAndARowFilterSelectsNoFields() {
        assertThatThrownBy(() -> new PolicyRule("r", null, SubjectSelector.EVERYONE, List.of(),
                ResourceSelector.EVERYTHING, FieldEffect.ALLOW, RowFilterParser.parse("a = 1"), ""))
                .hasMessageContaining("exactly one of an effect and a row filter");
        assertThatThrownBy(() -> PolicyRule.rowFilterRule("r", SubjectSelector.EVERYONE, EMAIL,
                RowFilterParser.parse("a = 1"))).hasMessageContaining("cannot select fields");
    }

    @Test
    void selectorsNormalizeResourceNamesAndTreatTheWildcardAsAbsent() {
        ResourceSelector selector = new ResourceSelector(Set.of("CRM"), Set.of("*"), Set.of(), Set.of(),
                Set.of("Restricted"), Set.of());

        assertThat(selector.domains()).containsExactly("crm");
        assertThat(selector.products()).isEmpty();
        assertThat(selector.specificity()).isEqualTo(Specificity.CLASSIFICATION_OR_TAGS);
        assertThat(selector.matchesDataset("crm", "anything", "customers")).isTrue();
        assertThat(selector.matchesField("birth_date", "restricted", Set.of())).isTrue();
        assertThat(selector.matchesField("birth_date", null, Set.of())).isFalse();
        assertThat(EMAIL.specificity()).isEqualTo(Specificity.FIELD);
        assertThat(ResourceSelector.EVERYTHING.specificity()).isEqualTo(Specificity.NONE);
    }

    @Test
    void subjectSelectorsMatchAnyValueOfAKeyAndEveryKey() {
        SubjectSelector selector = new SubjectSelector(false, Set.of("analyst", "steward"), Set.of("finance"),
                Set.of(), Map.of("region", Set.of("EMEA"), "sub", Set.of("ann")));
        Subject ann = new Subject("ann", Set.of("analyst"), Set.of("finance"), Set.of(), Map.of("region", "EMEA"));

        assertThat(selector.matches(ann)).isTrue();
        assertThat(selector.matches(new Subject("bob", Set.of("analyst"), Set.of("finance"), Set.of(),
                Map.of("region", "EMEA")))).isFalse();
        assertThat(selector.matches(new Subject("ann", Set.of("analyst"), Set.of(), Set.of(),
                Map.of("region", "EMEA")))).isFalse();
        assertThat(selector.selectsOnSubjectId()).isTrue();
        assertThat(SubjectSelector.EVERYONE.matches(Subject.ANONYMOUS)).isTrue();
        assertThatThrownBy(() -> new SubjectSelector(false, Set.of(), Set.of(), Set.of(), Map.of()))
                .hasMessageContaining("or is everyone");
        assertThatThrownBy(() -> new SubjectSelector(true, Set.of("a"), Set.of(), Set.of(), Map.of()))
                .hasMessageContaining("everyone takes no roles");
    }

    @Test
    void aPolicySetRefusesTwoRulesOfOneName() {
        PolicyRule rule = PolicyRule.fieldRule("same", SubjectSelector.EVERYONE, EMAIL, FieldEffect.DENY);

        assertThatThrownBy(() -> new PolicySet("v", PolicyDefaults.NONE, List.of(rule, rule)))
                .hasMessage("two rules are named same");
        assertThat(new PolicySet("v", PolicyDefaults.NONE, List.of(rule)).rule("same")).contains(rule);
    }

    @Test
    void defaultsLookUpClassificationsInAnyCase() {
        PolicyDefaults defaults = new PolicyDefaults(Map.of("Restricted", FieldEffect.DENY), FieldEffect.ALLOW);

        assertThat(defaults.classified()).containsOnlyKeys("restricted");
        assertThat(defaults.forClassification("RESTRICTED")).isEqualTo(FieldEffect.DENY);
        assertThat(defaults.forClassification("public")).isNull();
        assertThat(defaults.forClassification(null)).isNull();
    }
}

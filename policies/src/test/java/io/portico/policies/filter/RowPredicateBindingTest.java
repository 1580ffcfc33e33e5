package io.portico.policies.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.policies.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Binding a template to a subject: values replace references; a missing attribute never admits a row, whatever
 * {@code not} surrounds it (SQL's rule for unknown).
 */
class RowPredicateBindingTest {

    /** region EMEA, id alice, roles analyst and support, group team-a; no attribute 'team'. */
    private static final Subject ALICE = new Subject("alice", Set.of("support", "analyst"), Set.of("team-a"),
            Set.of(), Map.of("region", "EMEA", "level", "3"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            region = subject.region                      | region = 'EMEA'
            owner = subject.id                           | owner = 'alice'
            level <= subject.level                       | level <= '3'
            role in subject.roles                        | role in ('analyst', 'support')
            role not in subject.roles                    | role not in ('analyst', 'support')
            team in (subject.groups, 'shared')           | team in ('team-a', 'shared')
            region = 'EMEA' and amount > 10              | region = 'EMEA' and amount > 10
            team = subject.team                          | false
            not team = subject.team                      | false
            not (not team = subject.team)                | false
            team != subject.team                         | false
            region = subject.region and team = subject.team | false
            region = subject.region or team = subject.team  | region = 'EMEA'
            not (region = subject.region and team = subject.team) | not region = 'EMEA'
            not (region = subject.region or team = subject.team)  | false
            team in ('a', subject.team)                  | team in ('a')
            team in (subject.team)                       | false
            team not in ('a', subject.team)              | false
            not team in ('a', subject.team)              | false
            not team not in ('a', subject.team)          | not team not in ('a')
            a = 1 and true                               | a = 1
            a = 1 or true                                | true
            not true                                     | false
            """)
    void bindsToTheSubject(String template, String bound) {
        RowPredicate predicate = RowFilterParser.parse(template).bind(ALICE);

        assertThat(predicate.text()).isEqualTo(bound);
        assertThat(predicate.isBound()).isTrue();
    }

    @Test
    void aSubjectWithoutRolesOrGroupsBindsEmptySets() {
        Subject nobody = Subject.of("bob", Set.of());

        assertThat(RowFilterParser.parse("role in subject.roles").bind(nobody)).isEqualTo(RowPredicate.FALSE);
        assertThat(RowFilterParser.parse("role not in subject.roles").bind(nobody)).isEqualTo(RowPredicate.TRUE);
    }

    @Test
    void anAnonymousSubjectHasNoId() {
        assertThat(RowFilterParser.parse("owner = subject.id").bind(Subject.ANONYMOUS)).isEqualTo(RowPredicate.FALSE);
        assertThat(RowFilterParser.parse("owner != subject.id").bind(Subject.ANONYMOUS)).isEqualTo(RowPredicate.FALSE);
    }

    @Test
    void theTemplateNamesNoValue() {
        RowPredicate template = RowFilterParser.parse("region = subject.region and owner = subject.id");

        assertThat(template.text()).isEqualTo("region = subject.region and owner = subject.id")
                .doesNotContain("EMEA", "alice");
        assertThat(template.bind(ALICE).text()).contains("'EMEA'", "'alice'");
    }

    @Test
    void andOfFoldsConstantsAndFlattens() {
        RowPredicate a = RowFilterParser.parse("a = 1");
        RowPredicate b = RowFilterParser.parse("b = 2 and c = 3");

        assertThat(RowPredicate.And.of(List.of())).isEqualTo(RowPredicate.TRUE);
        assertThat(RowPredicate.And.of(List.of(a))).isEqualTo(a);
        assertThat(RowPredicate.And.of(List.of(a, RowPredicate.TRUE))).isEqualTo(a);
        assertThat(RowPredicate.And.of(List.of(a, RowPredicate.FALSE))).isEqualTo(RowPredicate.FALSE);
        assertThat(RowPredicate.And.of(List.of(a, b)).text()).isEqualTo("a = 1 and b = 2 and c = 3");
        assertThat(RowPredicate.And.of(List.of(RowFilterParser.parse("a = 1 or b = 2"), a)).text())
                .isEqualTo("(a = 1 or b = 2) and a = 1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            team = subject.team                          | true
            not team = subject.team                      | true
            region = subject.region and team = subject.team | region = 'EMEA'
            region = subject.region or team = subject.team  | true
            team in ('a', subject.team)                  | true
            team not in ('a', subject.team)              | team not in ('a')
            visible(crm.customers)                       | visible(crm.customers)
            """)
    void bindsAsTheOperandOfANotSoThatTheNegationAdmitsNoMore(String template, String bound) {
        assertThat(RowFilterParser.parse(template).bind(ALICE, false).text()).isEqualTo(bound);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            visible(crm.customers)                       | false
            not visible(crm.customers)                   | false
            not (not visible(crm.customers))             | false
            a = 1 or visible(crm.customers)              | a = 1
            a = 1 and visible(crm.customers)             | false
            not (a = 1 and visible(crm.customers))       | not a = 1
            not (a = 1 or visible(crm.customers))        | false
            """)
    void anUnresolvableVisibleTestAdmitsNoRowWhateverNotSurroundsIt(String template, String resolved) {
        RowPredicate predicate = RowFilterParser.parse(template).bind(ALICE);

        assertThat(predicate.resolveVisible((test, positive) -> Optional.empty(), true).text()).isEqualTo(resolved);
    }

    @Test
    void resolvesEachVisibleTestAtItsPolarity() {
        RowPredicate template = RowFilterParser.parse(
                "visible(crm.customers) and not visible(a -> sales.orders) and not (not visible(x.y))");
        List<String> asked = new ArrayList<>();
        RowPredicate.RelatedIn related = new RowPredicate.RelatedIn(List.of("a"), "sales.orders",
                "urn:portico:sales:orders:orders:v1", List.of("order_id"), RowFilterParser.parse("status = 'OPEN'"));

        RowPredicate resolved = template.resolveVisible((test, positive) -> {
            asked.add(test.target() + (positive ? " +" : " -"));
            return Optional.of(test.target().equals("sales.orders") ? related : RowPredicate.TRUE);
        }, true);

        assertThat(asked).containsExactly("crm.customers +", "sales.orders -", "x.y +");
        assertThat(resolved.text()).isEqualTo("not visible(a -> sales.orders where status = 'OPEN')");
        assertThat(resolved.visibleTests()).isEmpty();
        assertThat(resolved.fields()).containsExactly("a");
        assertThat(template.resolveVisible((test, positive) -> Optional.of(RowPredicate.TRUE), false))
                .isEqualTo(RowPredicate.FALSE);
    }

    @Test
    void aResolvedTestHoldsABoundResolvedFilter() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() ->
                new RowPredicate.RelatedIn(List.of("a"), "x.y", "urn:portico:x:y:y:v1", List.of("b"),
                        RowFilterParser.parse("region = subject.region")));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() ->
                new RowPredicate.RelatedIn(List.of("a"), "x.y", "urn:portico:x:y:y:v1", List.of("b"),
                        RowFilterParser.parse("visible(z.w)")));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() ->
                new RowPredicate.RelatedIn(List.of("a", "b"), "x.y", "urn:portico:x:y:y:v1", List.of("b"),
                        RowPredicate.TRUE));
    }
}

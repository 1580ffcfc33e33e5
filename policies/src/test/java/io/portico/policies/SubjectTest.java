package io.portico.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubjectTest {

    private static final Subject SALES_PUBLISHER = new Subject("ci-sales", Set.of("publisher"), Set.of("team-sales"),
            Set.of("sales", "crm"), Map.of("region", "EU"));

    @Test
    void anonymousHasNothing() {
        assertThat(Subject.ANONYMOUS.isAnonymous()).isTrue();
        assertThat(Subject.ANONYMOUS.roles()).isEmpty();
        assertThat(Subject.ANONYMOUS.groups()).isEmpty();
        assertThat(Subject.ANONYMOUS.domains()).isEmpty();
        assertThat(Subject.ANONYMOUS.attributes()).isEmpty();
        assertThat(Subject.ANONYMOUS.canPublish("sales")).isFalse();
    }

    @Test
    void aSubjectWithAnIdIsNotAnonymous() {
        assertThat(SALES_PUBLISHER.isAnonymous()).isFalse();
        assertThat(Subject.of("alice", Set.of()).isAnonymous()).isFalse();
    }

    @Test
    void publishesExactlyTheDomainsItsTokenNames() {
        assertThat(SALES_PUBLISHER.canPublish("sales")).isTrue();
        assertThat(SALES_PUBLISHER.canPublish("crm")).isTrue();
        assertThat(SALES_PUBLISHER.canPublish("logistics")).isFalse();
        assertThat(SALES_PUBLISHER.canPublish("Sales")).as("case-sensitive").isFalse();
        assertThat(SALES_PUBLISHER.canPublish("")).isFalse();
        assertThat(SALES_PUBLISHER.canPublish(null)).isFalse();
    }

    @Test
    void rolesAndGroupsGrantNoPublishingRight() {
        Subject admin = new Subject("root", Set.of("admin", "sales"), Set.of("sales"), Set.of(), Map.of());

        assertThat(admin.canPublish("sales")).isFalse();
    }

    @Test
    void readsRolesGroupsAndAttributes() {
        assertThat(SALES_PUBLISHER.hasRole("publisher")).isTrue();
        assertThat(SALES_PUBLISHER.hasRole("admin")).isFalse();
        assertThat(SALES_PUBLISHER.inGroup("team-sales")).isTrue();
        assertThat(SALES_PUBLISHER.attribute("region")).isEqualTo("EU");
        assertThat(SALES_PUBLISHER.attribute("purpose")).isNull();
    }

    @Test
    void copiesAreSortedImmutableAndIndependentOfTheInput() {
        Set<String> roles = new HashSet<>(List.of("b", "a", "c"));
        Map<String, String> attributes = new HashMap<>(Map.of("z", "1", "a", "2"));
        Subject subject = new Subject("s", roles, Set.of(), Set.of(), attributes);
        roles.add("d");
        attributes.put("b", "3");

        assertThat(subject.roles()).containsExactly("a", "b", "c");
        assertThat(subject.attributes().keySet()).containsExactly("a", "z");
        assertThatThrownBy(() -> subject.roles().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> subject.attributes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalClaimsMakeEqualSubjects() {
        Subject same = new Subject("ci-sales", new HashSet<>(List.of("publisher")), Set.of("team-sales"),
                new HashSet<>(List.of("crm", "sales")), new HashMap<>(Map.of("region", "EU")));

        assertThat(same).isEqualTo(SALES_PUBLISHER).hasSameHashCodeAs(SALES_PUBLISHER);
    }

    @Test
    void refusesNulls() {
        assertThatThrownBy(() -> new Subject(null, Set.of(), Set.of(), Set.of(), Map.of()))
                .hasMessage("id is null");
        Set<String> withNull = new HashSet<>();
        withNull.add(null);
        assertThatThrownBy(() -> new Subject("s", Set.of(), withNull, Set.of(), Map.of()))
                .hasMessage("groups contains null");
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("region", null);
        assertThatThrownBy(() -> new Subject("s", Set.of(), Set.of(), Set.of(), nullValue))
                .hasMessage("attribute region is null");
    }
}

package io.portico.gateway.usage;

import static io.portico.gateway.usage.UsageEvents.CUSTOMERS;
import static io.portico.gateway.usage.UsageEvents.ORDERS;
import static io.portico.gateway.usage.UsageEvents.allowed;
import static io.portico.gateway.usage.UsageEvents.denied;
import static io.portico.gateway.usage.UsageEvents.event;
import static io.portico.gateway.usage.UsageEvents.read;
import static io.portico.gateway.usage.UsageEvents.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.policies.audit.AuditDataset;
import io.portico.policies.audit.AuditOutcome;
import io.portico.policies.audit.AuditSubject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UsageAggregatorTest {

    private static final Instant MORNING = Instant.parse("2026-12-07T08:00:00Z");
    private static final AuditSubject ADA = subject("ada", "analyst", "team-bi", null);

    private final UsageAggregator aggregator = new UsageAggregator(100);

    @Test
    void countsEachFieldOfEachDatasetOncePerRequestPerSubjectAndDay() {
        aggregator.add(event(MORNING, ADA, read(ORDERS, "order_id", "total_amount"), read(CUSTOMERS, "customer_id")));
        aggregator.add(event(MORNING.plusSeconds(60), ADA, read(ORDERS, "order_id"), read(ORDERS, "order_id")));
        aggregator.add(event(MORNING.plusSeconds(86_400), ADA, read(ORDERS, "order_id")));

        Map<UsageKey, UsageDelta> deltas = byKey(aggregator.drain());

        LocalDate day = LocalDate.of(2026, 12, 7);
        assertThat(deltas).hasSize(4);
        assertThat(deltas.get(new UsageKey(day, ORDERS, "order_id", "ada")).reads()).isEqualTo(2);
        assertThat(deltas.get(new UsageKey(day, ORDERS, "order_id", "ada")).lastSeen())
                .isEqualTo(MORNING.plusSeconds(60));
        assertThat(deltas.get(new UsageKey(day, ORDERS, "total_amount", "ada")).reads()).isEqualTo(1);
        assertThat(deltas.get(new UsageKey(day, CUSTOMERS, "customer_id", "ada")).reads()).isEqualTo(1);
        assertThat(deltas.get(new UsageKey(day.plusDays(1), ORDERS, "order_id", "ada")).reads()).isEqualTo(1);
        assertThat(aggregator.pendingKeys()).isZero();
    }

    @Test
    void deniedFieldsAndRefusedRequestsAreNotReadsButJoinKeysAre() {
        aggregator.add(event(MORNING, ADA, new AuditDataset(CUSTOMERS, List.of(allowed("customer_id"),
                denied("birth_date")), List.of(allowed("region")), List.of(), 3)));
        aggregator.add(event(MORNING, ADA, AuditOutcome.REFUSED, read(CUSTOMERS, "full_name")));

        assertThat(aggregator.drain()).extracting(delta -> delta.key().field())
                .containsExactlyInAnyOrder("customer_id", "region");
    }

    @Test
    void keepsTheRolesGroupsAndDomainsOfTheLatestSighting() {
        AuditSubject promoted = subject("ada", "steward", "team-data", "crm");
        aggregator.add(event(MORNING.plusSeconds(10), promoted, read(ORDERS, "order_id")));
        aggregator.add(event(MORNING, ADA, read(ORDERS, "order_id")));

        UsageDelta delta = aggregator.drain().getFirst();

        assertThat(delta.reads()).isEqualTo(2);
        assertThat(delta.lastSeen()).isEqualTo(MORNING.plusSeconds(10));
        assertThat(delta.roles()).containsExactly("steward");
        assertThat(delta.groups()).containsExactly("team-data");
        assertThat(delta.domains()).containsExactly("crm");
    }

    @Test
    void dropsAndCountsReadsOfNewKeysBeyondTheBoundButStillCountsHeldKeys() {
        UsageAggregator small = new UsageAggregator(2);
        small.add(event(MORNING, ADA, read(ORDERS, "order_id", "total_amount", "status")));
        small.add(event(MORNING, ADA, read(ORDERS, "order_id", "currency")));

        assertThat(small.droppedReads()).isEqualTo(2);
        Map<UsageKey, UsageDelta> deltas = byKey(small.drain());
        assertThat(deltas).hasSize(2);
        assertThat(deltas.get(new UsageKey(LocalDate.of(2026, 12, 7), ORDERS, "order_id", "ada")).reads())
                .isEqualTo(2);

        small.add(event(MORNING, ADA, read(ORDERS, "status")));
        assertThat(small.drain()).extracting(delta -> delta.key().field()).containsExactly("status");
    }

    @Test
    void anonymousCallersAreCountedUnderTheEmptyId() {
        aggregator.add(event(MORNING, subject("", null, null, null), read(ORDERS, "order_id")));

        assertThat(aggregator.drain().getFirst().key().subjectId()).isEmpty();
    }

    @Test
    void refusesAnEmptyBound() {
        assertThatThrownBy(() -> new UsageAggregator(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<UsageKey, UsageDelta> byKey(List<UsageDelta> deltas) {
        return deltas.stream().collect(Collectors.toMap(UsageDelta::key, Function.identity()));
    }
}

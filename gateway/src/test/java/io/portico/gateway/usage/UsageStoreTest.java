package io.portico.gateway.usage;

import static io.portico.gateway.usage.UsageEvents.CUSTOMERS;
import static io.portico.gateway.usage.UsageEvents.ORDERS;
import static io.portico.gateway.usage.UsageEvents.event;
import static io.portico.gateway.usage.UsageEvents.read;
import static io.portico.gateway.usage.UsageEvents.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.portico.policies.Subject;
import io.portico.policies.audit.AuditSubject;
import io.portico.schema.compat.ChangeKind;
import io.portico.schema.compat.ContractChange;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The usage table over a real H2 registry database migrated by the gateway's own Flyway migrations. */
class UsageStoreTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final AuditSubject ADA = subject("ada", "analyst", "team-bi", null);
    private static final AuditSubject SAM = subject("sam", "support", null, null);

    private HikariDataSource dataSource;
    private UsageStore replicaOne;
    private UsageStore replicaTwo;

    @BeforeEach
    void migrate() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:usage-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        replicaOne = new UsageStore(DSL.using(dataSource, SQLDialect.H2));
        replicaTwo = new UsageStore(DSL.using(dataSource, SQLDialect.H2));
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void replicasAddTheirOwnCountsSoTheRowsHoldTheSum() {
        replicaOne.add(List.of(delta(TODAY, ORDERS, "order_id", ADA, 3, NOW.minusSeconds(60))));
        replicaTwo.add(List.of(delta(TODAY, ORDERS, "order_id", ADA, 4, NOW.minusSeconds(120)),
                delta(TODAY, ORDERS, "order_id", SAM, 1, NOW)));
        replicaOne.add(List.of(delta(TODAY, ORDERS, "order_id", ADA, 1, NOW.minusSeconds(200))));

        List<StoredUsage> rows = replicaOne.read("sales", "orders", TODAY);

        assertThat(rows).extracting(StoredUsage::subjectId, StoredUsage::reads)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ada", 8L),
                        org.assertj.core.groups.Tuple.tuple("sam", 1L));
        assertThat(rows.getFirst().lastSeen()).isEqualTo(NOW.minusSeconds(60));
        assertThat(rows.getFirst().roles()).containsExactly("analyst");
        assertThat(rows.getFirst().groups()).containsExactly("team-bi");
    }

    @Test
    void theReportFoldsDaysInTheWindowPerFieldAndSubject() {
        replicaOne.add(List.of(
                delta(TODAY, ORDERS, "order_id", ADA, 2, NOW),
                delta(TODAY.minusDays(6), ORDERS, "order_id", ADA, 5, NOW.minusSeconds(6 * 86_400)),
                delta(TODAY.minusDays(7), ORDERS, "order_id", ADA, 100, NOW.minusSeconds(7 * 86_400)),
                delta(TODAY, ORDERS, "order_id", SAM, 9, NOW.minusSeconds(5)),
                delta(TODAY, ORDERS, "total_amount", SAM, 1, NOW),
                delta(TODAY, CUSTOMERS, "customer_id", ADA, 1, NOW)));
        UsageService service = new UsageService(replicaOne, List.of("platform"), 90, CLOCK);

        List<FieldUsage> week = service.report(owner("sales"), "sales", "Orders", 7);

        assertThat(week).extracting(FieldUsage::field, FieldUsage::reads)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("order_id", 16L),
                        org.assertj.core.groups.Tuple.tuple("total_amount", 1L));
        assertThat(week.getFirst().dataset()).isEqualTo(ORDERS);
        assertThat(week.getFirst().subjects()).extracting(SubjectUsage::id, SubjectUsage::reads)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sam", 9L),
                        org.assertj.core.groups.Tuple.tuple("ada", 7L));
        assertThat(service.report(owner("sales"), "sales", "orders", 8).getFirst().reads()).isEqualTo(116);
        assertThat(service.report(Subject.of("root", Set.of("platform")), "sales", "orders", 1).getFirst().reads())
                .isEqualTo(11);
    }

    @Test
    void onlyTheOwningDomainAndThePlatformMayReadAReport() {
        replicaOne.add(List.of(delta(TODAY, ORDERS, "order_id", ADA, 2, NOW)));
        UsageService service = new UsageService(replicaOne, List.of("platform"), 90, CLOCK);

        assertRefused(() -> service.report(Subject.ANONYMOUS, "sales", "orders", 30), ErrorCode.UNAUTHENTICATED);
        assertRefused(() -> service.report(owner("crm"), "sales", "orders", 30), ErrorCode.FORBIDDEN);
        assertRefused(() -> service.report(Subject.of("ada", Set.of("analyst")), "sales", "orders", 30),
                ErrorCode.FORBIDDEN);
        assertRefused(() -> service.report(owner("crm"), "sales", "no-such-dataset", 30), ErrorCode.FORBIDDEN);
        assertRefused(() -> service.report(owner("sales"), "sales", "orders", 0), ErrorCode.BAD_USER_INPUT);
        assertRefused(() -> service.report(owner("sales"), "sales", "orders", 91), ErrorCode.BAD_USER_INPUT);
        assertRefused(() -> service.report(owner("sales"), "sales", " ", 30), ErrorCode.BAD_USER_INPUT);
    }

    @Test
    void retentionDeletesTheDaysBeforeTheFirstKept() {
        replicaOne.add(List.of(delta(TODAY.minusDays(90), ORDERS, "order_id", ADA, 2, NOW.minusSeconds(90 * 86_400)),
                delta(TODAY.minusDays(89), ORDERS, "order_id", ADA, 3, NOW.minusSeconds(89 * 86_400))));

        assertThat(replicaOne.deleteBefore(TODAY.minusDays(89))).isEqualTo(1);
        assertThat(replicaOne.read("sales", "orders", LocalDate.EPOCH)).extracting(StoredUsage::reads)
                .containsExactly(3L);
    }

    @Test
    void theRecorderFlushesWhatItAggregatedOffTheCallersThread() {
        UsageProperties properties = new UsageProperties(true, Duration.ofMillis(100), 90, 1000, 1000, 30);
        try (UsageRecorder recorder = new UsageRecorder(replicaOne, properties, Clock.systemUTC())) {
            var sink = recorder.decorate(io.portico.policies.audit.AuditSinks.logging());
            for (int request = 0; request < 25; request++) {
                sink.record(event(Instant.now(), ADA, read(ORDERS, "order_id")));
            }
            awaitUntil(() -> recorder.flushes() > 0 && readsOf("order_id") == 25);
        }
        assertThat(readsOf("order_id")).isEqualTo(25);
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlocking() {
        UsageProperties properties = new UsageProperties(true, Duration.ofHours(1), 90, 1000, 2, 30);
        UsageRecorder recorder = new UsageRecorder(replicaOne, properties, Clock.systemUTC());
        try (recorder) {
            long started = System.nanoTime();
            for (int request = 0; request < 10_000; request++) {
                recorder.offer(event(Instant.now(), ADA, read(ORDERS, "order_id")));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(recorder.droppedEvents()).isPositive();
        }
        assertThat(readsOf("order_id") + recorder.droppedEvents()).as("every event counted or dropped")
                .isEqualTo(10_000);
    }

    @Test
    void theChangeCheckNamesTheConsumersOfAChangedFieldAndCallsOutAnUnreadOne() {
        replicaOne.add(List.of(delta(TODAY, ORDERS, "total_amount", ADA, 2, NOW),
                delta(TODAY.minusDays(3), ORDERS, "total_amount", SAM, 5, NOW.minusSeconds(3 * 86_400)),
                delta(TODAY.minusDays(40), ORDERS, "note", SAM, 5, NOW.minusSeconds(40 * 86_400))));
        ChangeConsumers consumers = new ChangeConsumers(new UsageService(replicaOne, List.of(), 90, CLOCK), 30);

        ChangeConsumers.ChangeUsage read = consumers.of("sales", ContractChange.of(ChangeKind.FIELD_REMOVED,
                "$.schema[orders].properties[total_amount]", "removed", "add it back")).orElseThrow();
        ChangeConsumers.ChangeUsage unread = consumers.of("sales", ContractChange.of(ChangeKind.FIELD_REMOVED,
                "$.schema[orders].properties[note]", "removed", "add it back")).orElseThrow();
        ChangeConsumers.ChangeUsage dataset = consumers.of("sales", ContractChange.of(ChangeKind.DATASET_REMOVED,
                "$.schema[orders]", "removed", "add it back")).orElseThrow();

        assertThat(read.consumers()).extracting(SubjectUsage::id).containsExactly("sam", "ada");
        assertThat(read.note()).isEqualTo("2 consumers read field 'orders.total_amount' in the last 30 days: sam, ada");
        assertThat(unread.consumers()).isEmpty();
        assertThat(unread.note()).isEqualTo("breaking, but nobody read field 'orders.note' in the last 30 days");
        assertThat(dataset.consumers()).extracting(SubjectUsage::id, SubjectUsage::reads)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sam", 5L),
                        org.assertj.core.groups.Tuple.tuple("ada", 2L));
        assertThat(consumers.of("sales", ContractChange.of(ChangeKind.DESCRIPTION_CHANGED,
                "$.schema[orders].properties[note]", "described", "undo"))).isEmpty();
        assertThat(ChangeConsumers.NONE.of("sales", ContractChange.of(ChangeKind.FIELD_REMOVED,
                "$.schema[orders].properties[note]", "removed", "add it back"))).isEmpty();
    }

    private long readsOf(String field) {
        return replicaOne.read("sales", "orders", field, LocalDate.EPOCH).stream().mapToLong(StoredUsage::reads).sum();
    }

    private static Subject owner(String domain) {
        return new Subject("owner-of-" + domain, Set.of(), Set.of(), Set.of(domain), Map.of());
    }

    private static UsageDelta delta(LocalDate day, String urn, String field, AuditSubject subject, long reads,
            Instant lastSeen) {
        return new UsageDelta(new UsageKey(day, urn, field, subject.id()), reads, lastSeen, subject.roles(),
                subject.groups(), subject.domains());
    }

    private static void assertRefused(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOf(PorticoException.class)
                .satisfies(thrown -> assertThat(((PorticoException) thrown).code()).isEqualTo(code));
    }

    private static void awaitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
            Thread.onSpinWait();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

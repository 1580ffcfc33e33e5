package io.portico.gateway.registry.store;

import static io.portico.gateway.testing.Gadgets.labDocument;
import static io.portico.schema.contract.ContractParser.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.flight.testkit.TestPort;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every registry database must do, run against each ({@link RegistryStoreH2Test},
 * {@link RegistryStorePostgresTest}): round trip, history, retirement, consistent reads, and concurrent writers
 * that lose nothing.
 */
abstract class RegistryStoreContractTest {

    private static final int WRITER_THREADS = 8;
    private static final int REGISTRATIONS_PER_THREAD = 25;

    private TestRegistryDatabase database;
    private RegistryStore store;

    /** A fresh, empty database; migrated by the test. */
    abstract TestRegistryDatabase newDatabase();

    @BeforeEach
    void openStore() {
        database = newDatabase().migrate();
        store = database.store(WRITER_THREADS);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        database.close();
    }

    @Test
    void aRegistrationIsStoredVerbatimAndBumpsTheRegistryVersion() {
        String text = labDocument("lab-gadgets-port", "lab", "1.2.3");
        Instant before = Instant.now().minusSeconds(1);

        assertThat(store.registryVersion()).isZero();
        StoredContract stored = store.register(parse(text), text, "alice");

        assertThat(stored.registryVersion()).isEqualTo(1);
        assertThat(store.registryVersion()).isEqualTo(1);
        assertThat(stored.portId()).isEqualTo("lab-gadgets-port");
        assertThat(stored.revision()).isEqualTo(1);
        assertThat(stored.domain()).isEqualTo("lab");
        assertThat(stored.dataProduct()).isEqualTo("gadgets");
        assertThat(stored.version()).isEqualTo("1.2.3");
        assertThat(stored.majorVersion()).isEqualTo(1);
        assertThat(stored.status()).isEqualTo(RegistrationStatus.ACTIVE);
        assertThat(stored.registeredBy()).isEqualTo("alice");
        assertThat(stored.registeredAt()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(stored.ended()).isNull();
        assertThat(stored.contract()).isEqualTo(parse(text));

        RegistryState state = store.active();
        assertThat(state.registryVersion()).isEqualTo(1);
        assertThat(state.active()).containsExactly(stored);
        assertThat(store.history("lab-gadgets-port")).containsExactly(stored);
        assertThat(store.history("no-such-port")).isEmpty();
    }

    @Test
    void aNewVersionSupersedesTheActiveOneOfItsMajorAndEveryVersionIsKept() {
        String first = labDocument("lab-gadgets-port", "lab", "1.0.0");
        String second = labDocument("lab-gadgets-port", "lab", "1.1.0", TestPort.NOWHERE, true);
        StoredContract one = store.register(parse(first), first, "alice");
        store.register(parse(labDocument("other-port", "other", "1.0.0")), labDocument("other-port", "other", "1.0.0"), "carol");
        StoredContract two = store.register(parse(second), second, "bob");

        assertThat(two.registryVersion()).isEqualTo(3);
        assertThat(two.revision()).isEqualTo(2);
        List<StoredContract> history = store.history("lab-gadgets-port");
        assertThat(history).hasSize(2);
        StoredContract superseded = history.getFirst();
        assertThat(superseded.registryVersion()).isEqualTo(one.registryVersion());
        assertThat(superseded.status()).isEqualTo(RegistrationStatus.SUPERSEDED);
        assertThat(superseded.document()).isEqualTo(first);
        assertThat(superseded.ended().registryVersion()).isEqualTo(3);
        assertThat(superseded.ended().by()).isEqualTo("bob");
        assertThat(superseded.ended().at()).isEqualTo(two.registeredAt());
        assertThat(history.getLast()).isEqualTo(two);
        assertThat(store.active().active()).extracting(StoredContract::portId, StoredContract::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lab-gadgets-port", "1.1.0"),
                        org.assertj.core.groups.Tuple.tuple("other-port", "1.0.0"));
    }

    /**
     * The compare-and-set of a publication: of writers that decided from the same state of a port, the first
     * stores its version and the others are refused with the port's new last change, nothing of theirs stored; a
     * retirement in between refuses it too; another port's change does not.
     */
    @Test
    void aConditionalRegistrationIsStoredOnlyIfThePortIsUnchangedSinceItWasRead() {
        String one = labDocument("lab-gadgets-port", "lab", "1.0.0");
        String two = labDocument("lab-gadgets-port", "lab", "1.1.0");
        String other = labDocument("other-port", "other", "1.0.0");
        assertThat(RegistryStore.lastChange(store.history("lab-gadgets-port"))).isZero();
        StoredContract first = store.register(parse(one), one, "alice", OptionalLong.of(0));
        long seen = RegistryStore.lastChange(store.history("lab-gadgets-port"));
        assertThat(seen).isEqualTo(first.registryVersion());
        store.register(parse(other), other, "carol", OptionalLong.of(0));

        StoredContract winner = store.register(parse(two), two, "bob", OptionalLong.of(seen));
        assertThatThrownBy(() -> store.register(parse(two), two, "dave", OptionalLong.of(seen)))
                .isInstanceOfSatisfying(StalePortStateException.class, stale -> {
                    assertThat(stale.code()).isEqualTo(ErrorCode.INVALID_CONTRACT);
                    assertThat(stale.expectedLastChange()).isEqualTo(seen);
                    assertThat(stale.lastChange()).isEqualTo(winner.registryVersion());
                });
        assertThat(store.history("lab-gadgets-port")).extracting(StoredContract::registeredBy)
                .containsExactly("alice", "bob");
        assertThat(store.registryVersion()).isEqualTo(winner.registryVersion());

        long beforeRetirement = RegistryStore.lastChange(store.history("lab-gadgets-port"));
        long retired = store.retire("lab-gadgets-port", "bob").orElseThrow();
        assertThat(RegistryStore.lastChange(store.history("lab-gadgets-port"))).isEqualTo(retired);
        assertThatThrownBy(() -> store.register(parse(one), one, "alice", OptionalLong.of(beforeRetirement)))
                .isInstanceOf(StalePortStateException.class);
    }

    @Test
    void aNewMajorVersionIsActiveBesideTheOldOneUntilTheOldIsRetired() {
        String one = labDocument("lab-gadgets-port", "lab", "1.4.0");
        String two = labDocument("lab-gadgets-port", "lab", "2.0.0", TestPort.NOWHERE, true);
        store.register(parse(one), one, "alice");
        store.register(parse(two), two, "alice");

        assertThat(store.active().active()).extracting(StoredContract::majorVersion).containsExactly(1, 2);

        OptionalLong retired = store.retire("lab-gadgets-port", 1, "alice");

        assertThat(retired).hasValue(3);
        assertThat(store.active().active()).extracting(StoredContract::version).containsExactly("2.0.0");
        assertThat(store.history("lab-gadgets-port")).extracting(StoredContract::status)
                .containsExactly(RegistrationStatus.RETIRED, RegistrationStatus.ACTIVE);
        assertThat(store.retire("lab-gadgets-port", 1, "alice")).isEmpty();
    }

    @Test
    void retiringEndsEveryActiveVersionInOneChangeAndAnUnknownPortChangesNothing() {
        String one = labDocument("lab-gadgets-port", "lab", "1.0.0");
        String two = labDocument("lab-gadgets-port", "lab", "2.0.0");
        store.register(parse(one), one, "alice");
        store.register(parse(two), two, "alice");

        assertThat(store.retire("no-such-port", "bob")).isEmpty();
        assertThat(store.registryVersion()).isEqualTo(2);

        assertThat(store.retire("lab-gadgets-port", "bob")).hasValue(3);
        assertThat(store.registryVersion()).isEqualTo(3);
        assertThat(store.active().active()).isEmpty();
        assertThat(store.history("lab-gadgets-port")).allSatisfy(version -> {
            assertThat(version.status()).isEqualTo(RegistrationStatus.RETIRED);
            assertThat(version.ended().registryVersion()).isEqualTo(3);
            assertThat(version.ended().by()).isEqualTo("bob");
        });
        assertThat(store.retire("lab-gadgets-port", "bob")).isEmpty();
        assertThat(store.registryVersion()).isEqualTo(3);

        StoredContract again = store.register(parse(one), one, "carol");
        assertThat(again.revision()).isEqualTo(3);
        assertThat(again.registryVersion()).isEqualTo(4);
        assertThat(store.active().active()).containsExactly(again);
    }

    @Test
    void namesLongerThanTheDatabaseHoldsAreRefusedBeforeAnythingIsStored() {
        // Ids are at most 128 characters by the contract parser; a domain has no such rule of its own.
        String longDomain = "lab" + "x".repeat(300);
        String text = labDocument("lab-gadgets-port", longDomain, "1.0.0");

        assertThatThrownBy(() -> store.register(parse(text), text, "alice"))
                .isInstanceOfSatisfying(PorticoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONTRACT))
                .hasMessageContaining("domain has 303 characters");
        assertThat(store.registryVersion()).isZero();
    }

    @Test
    void aLargeDocumentIsKeptWhole() {
        StringBuilder text = new StringBuilder(labDocument("lab-gadgets-port", "lab", "1.0.0"));
        text.append("description: |\n");
        while (text.length() < 900_000) {
            text.append("  ").append("é".repeat(70)).append('\n');
        }
        String large = text.toString();

        store.register(parse(large), large, "alice");

        assertThat(store.active().active().getFirst().document()).isEqualTo(large);
    }

    @Test
    void migratingAnUpToDateDatabaseChangesNothing() {
        String text = labDocument("lab-gadgets-port", "lab", "1.0.0");
        store.register(parse(text), text, "alice");

        database.migrate();

        assertThat(store.registryVersion()).isEqualTo(1);
        assertThat(store.active().active()).hasSize(1);
    }

    @Test
    void concurrentWritersLoseNoVersionAndTheRegistryVersionStrictlyIncreases() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<StoredContract> acknowledged = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        try (ExecutorService writers = Executors.newFixedThreadPool(WRITER_THREADS)) {
            List<Future<List<Long>>> threads = new ArrayList<>();
            for (int thread = 0; thread < WRITER_THREADS; thread++) {
                String portId = "port-" + (thread % 3);
                threads.add(writers.submit(() -> {
                    start.await();
                    List<Long> versions = new ArrayList<>();
                    for (int index = 0; index < REGISTRATIONS_PER_THREAD; index++) {
                        String text = labDocument(portId, "lab", "1.0." + index);
                        StoredContract stored = store.register(parse(text), text, Thread.currentThread().getName());
                        acknowledged.add(stored);
                        versions.add(stored.registryVersion());
                    }
                    return versions;
                }));
            }
            start.countDown();
            for (Future<List<Long>> thread : threads) {
                assertThat(thread.get()).as("the versions one thread was acknowledged, in order").isSorted()
                        .doesNotHaveDuplicates();
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        int total = WRITER_THREADS * REGISTRATIONS_PER_THREAD;
        assertThat(acknowledged).extracting(StoredContract::registryVersion)
                .as("every registration its own registry version, none lost or reused")
                .doesNotHaveDuplicates().hasSize(total).allMatch(version -> version >= 1 && version <= total);
        assertThat(store.registryVersion()).isEqualTo(total);
        Map<String, List<StoredContract>> byPort = acknowledged.stream()
                .collect(Collectors.groupingBy(StoredContract::portId));
        for (Map.Entry<String, List<StoredContract>> port : byPort.entrySet()) {
            List<StoredContract> history = store.history(port.getKey());
            assertThat(history).hasSameSizeAs(port.getValue());
            assertThat(history).extracting(StoredContract::revision)
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, history.size()).boxed().toList());
            assertThat(history).extracting(StoredContract::registryVersion).isSorted();
            assertThat(history).filteredOn(version -> version.status() == RegistrationStatus.ACTIVE)
                    .containsExactly(history.getLast());
            for (int index = 0; index + 1 < history.size(); index++) {
                assertThat(history.get(index).ended().registryVersion())
                        .isEqualTo(history.get(index + 1).registryVersion());
            }
        }
        assertThat(store.active().active()).hasSize(byPort.size());
        System.out.printf("%s: %d concurrent registrations from %d threads in %d ms%n", database.name(), total,
                WRITER_THREADS, took.toMillis());
    }
}

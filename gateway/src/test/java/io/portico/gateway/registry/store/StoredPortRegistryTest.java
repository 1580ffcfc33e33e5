package io.portico.gateway.registry.store;

import static io.portico.gateway.testing.Gadgets.labDocument;
import static io.portico.schema.contract.ContractParser.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.flight.testkit.TestPort;
import io.portico.gateway.port.FlightPortClients;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.PortStatus;
import io.portico.gateway.registry.SchemaReloader;
import io.portico.gateway.testing.Gadgets;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PortRegistry}'s store-backed path without Spring: replicas (registries sharing one store) converge through
 * {@link PortRegistry#synchronize}, a late, older store state never undoes a newer change, every active major
 * version is served (the highest under the port id), and a local port shadows a stored one. Real Flight SQL port, real H2.
 */
class StoredPortRegistryTest {

    /**
     * How long publishing may ask the port for its live schemas. Generous: no test here expects a timeout (the gone
     * port is refused at once). With the 2 s this once was, a probe on a loaded machine can time out (seen in
     * DataProductCatalogTest: timed_out, the port left DOWN), and twelve publishers probing one port at once make
     * that likelier: a port left DOWN is not served by its publisher, which the concurrent test counts as lost.
     */
    private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(30);

    private static TestPort port;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private BufferAllocator allocator;
    private TestRegistryDatabase database;
    private RegistryStore store;

    @BeforeAll
    static void startPort() throws Exception {
        port = Gadgets.labPort(Stream.concat(Stream.of("lab"), IntStream.range(0, 12)
                .mapToObj(index -> "lab" + (char) ('a' + index))).toList());
    }

    @AfterAll
    static void stopPort() throws Exception {
        port.close();
    }

    @BeforeEach
    void openStore() {
        allocator = new RootAllocator();
        database = TestRegistryDatabase.h2InMemory().migrate();
        store = database.store();
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
        database.close();
        allocator.close();
    }

    @Test
    void aPublicationReachesAnotherReplicaAtItsNextSynchronizationAndSoDoesARetirement() {
        PortRegistry first = replica();
        PortRegistry second = replica();
        String document = labDocument("lab-gadgets-port", "lab", "1.0.0", port.url(), false);

        PortRegistry.Publication publication = first.publish(parse(document), document, "alice");

        assertThat(publication.status().up()).isTrue();
        assertThat(publication.stored().registryVersion()).isEqualTo(1);
        assertThat(served(first)).containsEntry("lab-gadgets-port", "1.0.0");
        assertThat(first.liveSchema().domains()).contains("lab");
        assertThat(served(second)).isEmpty();

        assertThat(second.synchronize(store.active())).isEqualTo(1);
        assertThat(served(second)).containsEntry("lab-gadgets-port", "1.0.0");
        assertThat(second.liveSchema().domains()).contains("lab");
        assertThat(second.synchronize(store.active())).as("nothing new").isZero();

        assertThat(first.retire("lab-gadgets-port", "alice")).isTrue();
        assertThat(served(first)).isEmpty();
        assertThat(first.retire("lab-gadgets-port", "alice")).as("nothing active any more").isFalse();
        assertThat(second.synchronize(store.active())).isEqualTo(1);
        assertThat(served(second)).isEmpty();
        assertThat(second.liveSchema().domains()).doesNotContain("lab");
    }

    @Test
    void aStoreStateReadBeforeAChangeNeverUndoesIt() {
        PortRegistry registry = replica();
        String document = labDocument("lab-gadgets-port", "lab", "1.0.0", port.url(), false);
        RegistryState beforePublication = store.active();

        registry.publish(parse(document), document, "alice");
        registry.synchronize(beforePublication);

        assertThat(served(registry)).containsEntry("lab-gadgets-port", "1.0.0");

        RegistryState beforeRetirement = store.active();
        registry.retire("lab-gadgets-port", "alice");
        registry.synchronize(beforeRetirement);

        assertThat(served(registry)).isEmpty();
    }

    @Test
    void everyActiveMajorVersionIsServedTheHighestUnderThePortIdUntilItIsRetired() {
        PortRegistry first = replica();
        PortRegistry second = replica();
        String one = labDocument("lab-gadgets-port", "lab", "1.0.0", port.url(), false);
        String two = labDocument("lab-gadgets-port", "lab", "2.0.0", port.url(), true);
        String onePatched = labDocument("lab-gadgets-port", "lab", "1.0.1", port.url(), false);

        first.publish(parse(one), one, "alice");
        first.publish(parse(two), two, "alice");
        first.publish(parse(onePatched), onePatched, "alice");

        Map<String, String> both = Map.of("lab-gadgets-port", "2.0.0", "lab-gadgets-port@v1", "1.0.1");
        assertThat(served(first)).isEqualTo(both);
        second.synchronize(store.active());
        assertThat(served(second)).isEqualTo(both);

        store.retire("lab-gadgets-port", 2, "alice");
        first.synchronize(store.active());
        assertThat(served(first)).isEqualTo(Map.of("lab-gadgets-port", "1.0.1"));
    }

    /**
     * The registry keyed a stored major by the store's major (1234567890) while schema composition read the
     * contract's as 0 (more than nine digits), so the registry routed the port id to 1234567890.0.0 and the schema
     * gave its plain names to 1.0.0. Now both read {@code OutputPortContract.majorVersion()}: the higher major, the
     * number itself, is current in both.
     */
    @Test
    void theRegistryAndTheSchemaAgreeOnTheCurrentMajorOfATenDigitMajor() {
        PortRegistry registry = replica();
        String one = labDocument("lab-gadgets-port", "lab", "1.0.0", port.url(), false);
        String big = labDocument("lab-gadgets-port", "lab", "1234567890.0.0", port.url(), false);

        registry.publish(parse(one), one, "alice");
        registry.publish(parse(big), big, "alice");

        assertThat(served(registry)).isEqualTo(Map.of("lab-gadgets-port", "1234567890.0.0",
                "lab-gadgets-port@v1", "1.0.0"));
        assertThat(registry.liveSchema().dataset("lab", "gadgets").orElseThrow().portId())
                .isEqualTo("lab-gadgets-port");
        assertThat(registry.liveSchema().dataset("lab", "gadgetsV1").orElseThrow().portId())
                .isEqualTo("lab-gadgets-port@v1");
        assertThat(store.history("lab-gadgets-port")).extracting(stored -> stored.majorVersion())
                .containsExactly(1, 1234567890);
    }

    @Test
    void aLocalPortShadowsAStoredOneAndCannotBeChangedThroughTheStore() {
        PortRegistry first = replica();
        PortRegistry second = replica();
        String stored = labDocument("lab-gadgets-port", "lab", "1.0.0", port.url(), false);
        String local = labDocument("lab-gadgets-port", "lab", "3.0.0", port.url(), true);
        assertThat(second.register(parse(local)).up()).isTrue();

        first.publish(parse(stored), stored, "alice");
        second.synchronize(store.active());

        assertThat(served(second)).containsEntry("lab-gadgets-port", "3.0.0");
        assertThatThrownBy(() -> second.publish(parse(stored), stored, "alice"))
                .isInstanceOfSatisfying(PorticoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONTRACT))
                .hasMessageContaining("configured at this gateway");
        assertThatThrownBy(() -> second.retire("lab-gadgets-port", "alice"))
                .isInstanceOfSatisfying(PorticoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_USER_INPUT));
        assertThat(store.history("lab-gadgets-port")).hasSize(1);
    }

    @Test
    void aRestartedReplicaServesEveryActiveRegistrationAndReportsUnreachableOnesDown() {
        PortRegistry first = replica();
        String reachable = labDocument("lab-gadgets-port", "lab", "1.0.0", port.url(), false);
        String unreachable = labDocument("gone-port", "gone", "1.0.0");
        first.publish(parse(reachable), reachable, "alice");
        PortRegistry.Publication down = first.publish(parse(unreachable), unreachable, "bob");
        assertThat(down.status().up()).isFalse();

        PortRegistry restarted = replica();
        restarted.synchronize(store.active());

        assertThat(served(restarted)).containsOnlyKeys("lab-gadgets-port");
        assertThat(restarted.statuses()).extracting(PortStatus::portId, PortStatus::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("gone-port", PortStatus.State.DOWN),
                org.assertj.core.groups.Tuple.tuple("lab-gadgets-port", PortStatus.State.UP));
    }

    @Test
    void concurrentPublicationsOnTwoReplicasWhileTheySynchronizeLoseNothing() throws Exception {
        PortRegistry first = replica();
        PortRegistry second = replica();
        int ports = 12;
        AtomicBoolean publishing = new AtomicBoolean(true);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService threads = Executors.newFixedThreadPool(ports + 2)) {
            List<Future<Object>> synchronizers = Stream.of(first, second)
                    .map(replica -> threads.submit(() -> {
                        while (publishing.get()) {
                            replica.synchronize(store.active());
                        }
                        return null;
                    }))
                    .toList();
            List<Future<Object>> publishers = IntStream.range(0, ports)
                    .mapToObj(index -> threads.submit(() -> {
                        PortRegistry replica = index % 2 == 0 ? first : second;
                        String id = "lab-port-" + index;
                        String domain = "lab" + (char) ('a' + index);
                        for (String version : List.of("1.0.0", "1.1.0")) {
                            String document = labDocument(id, domain, version, port.url(), version.equals("1.1.0"));
                            PortRegistry.Publication publication =
                                    replica.publish(parse(document), document, "publisher-" + index);
                            if (!version.equals(served(replica).get(id))) {
                                failures.add(id + " " + version + " not served by its publisher right after publishing"
                                        + " (" + publication.status() + ")");
                            }
                        }
                        return null;
                    }))
                    .toList();
            for (Future<Object> publisher : publishers) {
                publisher.get();
            }
            publishing.set(false);
            for (Future<Object> synchronizer : synchronizers) {
                synchronizer.get();
            }
        }
        first.synchronize(store.active());
        second.synchronize(store.active());

        assertThat(failures).isEmpty();
        Map<String, String> expected = IntStream.range(0, ports).boxed()
                .collect(Collectors.toMap(index -> "lab-port-" + index, index -> "1.1.0"));
        assertThat(served(first)).isEqualTo(expected);
        assertThat(served(second)).isEqualTo(expected);
        assertThat(store.registryVersion()).isEqualTo(2L * ports);
        assertThat(first.liveSchema().domains()).hasSize(ports);
        assertThat(second.liveSchema().domains()).hasSize(ports);
    }

    @Test
    void aRegistryWithoutAStoreRefusesStoreChanges() {
        PortRegistry memoryOnly = new PortRegistry(clients(), reloader(), Duration.ofSeconds(30), Clock.systemUTC());
        String document = labDocument("lab-gadgets-port", "lab", "1.0.0", port.url(), false);

        assertThatThrownBy(() -> memoryOnly.publish(parse(document), document, "alice"))
                .isInstanceOf(IllegalStateException.class);
    }

    /** The version of each port in the schema, by port id. */
    private static Map<String, String> served(PortRegistry registry) {
        return registry.snapshot().ports().stream()
                .collect(Collectors.toMap(PortSnapshot::portKey,
                        (PortSnapshot snapshot) -> snapshot.contract().version()));
    }

    private PortRegistry replica() {
        return new PortRegistry(clients(), reloader(), Duration.ofSeconds(30), Clock.systemUTC(), store);
    }

    private FlightPortClients clients() {
        FlightPortClients clients = new FlightPortClients(allocator, TestPortCredentials.channels(),
                Duration.ofSeconds(30), SCHEMA_TIMEOUT);
        resources.add(clients);
        return clients;
    }

    private SchemaReloader reloader() {
        SchemaReloader reloader = new SchemaReloader((snapshot, schema) -> { });
        resources.add(reloader);
        return reloader;
    }
}

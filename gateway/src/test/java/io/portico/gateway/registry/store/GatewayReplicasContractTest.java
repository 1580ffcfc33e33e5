package io.portico.gateway.registry.store;

import static io.portico.gateway.testing.Gadgets.labDocument;
import static io.portico.schema.contract.ContractParser.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.testkit.TestPort;
import io.portico.gateway.PorticoApplication;
import io.portico.gateway.registration.RegistrationOutcome;
import io.portico.gateway.registration.RegistrationResult;
import io.portico.gateway.registration.RegistrationService;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.testing.Gadgets;
import io.portico.gateway.testing.GraphQlClient.Response;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.policies.Subject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two gateway replicas (two Spring applications, each with its own HTTP port) sharing one registry database
 * ({@link GatewayReplicasH2ServerTest}, {@link GatewayReplicasPostgresTest}) converge: what one publishes or
 * retires is in the other's GraphQL schema, asked over HTTP, within seconds; a gateway started later serves every
 * stored registration at once. The port is a real Flight SQL port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
abstract class GatewayReplicasContractTest {

    /**
     * How long a change may take to reach the other replica. It polls every 200 ms here, so a change usually
     * arrives within a second; the rest allows for a loaded machine (load 14-17 on 2 cores), where the other
     * replica's first probe of the port alone can take seconds.
     */
    private static final Duration CONVERGENCE = Duration.ofSeconds(60);
    private static final String PORT_ID = "lab-gadgets-port";
    private static final String GADGETS = "{ lab { gadgets(orderBy: [{gadgetId: ASC}]) { nodes { gadgetId name } } } }";
    private static final String PRICES = "{ lab { gadgets(orderBy: [{gadgetId: ASC}]) { nodes { gadgetId price } } } }";

    private final List<ConfigurableApplicationContext> gateways = new ArrayList<>();
    private TestPort port;
    private TestRegistryDatabase database;
    private ConfigurableApplicationContext first;
    private ConfigurableApplicationContext second;

    /** The database both replicas use. */
    abstract TestRegistryDatabase openDatabase() throws Exception;

    /** Stops what {@link #openDatabase()} started, after the database is closed. */
    void closeServer() {
    }

    @BeforeAll
    void startTwoReplicas() throws Exception {
        port = Gadgets.labPort();
        database = openDatabase();
        first = startGateway();
        second = startGateway();
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            gateways.forEach(ConfigurableApplicationContext::close);
        } finally {
            try {
                database.close();
                closeServer();
            } finally {
                port.close();
            }
        }
    }

    @Test
    @Order(1)
    void aPortPublishedThroughOneReplicaIsQueryableThroughTheOther() {
        assertThat(graphQl(second).post(GADGETS).codes()).containsExactly("GRAPHQL_VALIDATION_FAILED");
        String document = labDocument(PORT_ID, "lab", "1.0.0", port.url(), false);

        PortRegistry.Publication publication = registry(first).publish(parse(document), document, "alice");

        assertThat(publication.status().up()).isTrue();
        assertThat(graphQl(first).data(GADGETS).path("lab").path("gadgets").path("nodes").size()).isEqualTo(3);
        JsonNode nodes = awaitData(second, GADGETS, response -> response.errors().isEmpty(), "the publication")
                .path("lab").path("gadgets").path("nodes");
        assertThat(nodes.size()).isEqualTo(3);
        assertThat(nodes.get(0).path("name").asString()).isEqualTo("lamp");
    }

    @Test
    @Order(2)
    void aNewVersionPublishedThroughTheOtherReplicaComesBack() {
        String document = labDocument(PORT_ID, "lab", "1.1.0", port.url(), true);

        registry(second).publish(parse(document), document, "bob");

        JsonNode nodes = awaitData(first, PRICES, response -> response.errors().isEmpty(), "the new version")
                .path("lab").path("gadgets").path("nodes");
        assertThat(nodes.get(1).path("price").asString()).isEqualTo("24.50");
        assertThat(database.store().history(PORT_ID)).extracting(StoredContract::version)
                .containsExactly("1.0.0", "1.1.0");
    }

    @Test
    @Order(3)
    void aRetirementReachesTheOtherReplica() {
        assertThat(registry(first).retire(PORT_ID, "alice")).isTrue();

        assertThat(graphQl(first).post(GADGETS).codes()).containsExactly("GRAPHQL_VALIDATION_FAILED");
        awaitData(second, GADGETS, response -> response.codes().equals(List.of("GRAPHQL_VALIDATION_FAILED")),
                "the retirement");
    }

    @Test
    @Order(4)
    void aReplicaStartedLaterServesEveryStoredRegistrationFromItsFirstRequest() {
        String document = labDocument(PORT_ID, "lab", "1.2.0", port.url(), true);
        registry(first).publish(parse(document), document, "alice");

        ConfigurableApplicationContext third = startGateway();

        assertThat(graphQl(third).data(PRICES).path("lab").path("gadgets").path("nodes").size()).isEqualTo(3);
        assertThat(registry(third).snapshot().ports()).extracting(snapshot -> snapshot.contract().version())
                .containsExactly("1.2.0");
    }

    /**
     * Two replicas publish the same new version of one port at the same instant: both compare it with the live
     * 1.0.0 while the test holds the registry version lock, so both have passed the version check before either
     * writes (before the store's write was conditional, both were stored: revisions 2 and 3 of the same 1.1.0).
     * Exactly one stores it; the other is refused by the store's compare-and-set, compares again with the winner's
     * version and answers UNCHANGED naming it.
     */
    @Test
    @Order(5)
    void twoReplicasPublishingOnePortAtTheSameInstantStoreItOnceAndTheLoserNamesTheWinnersVersion() throws Exception {
        // The replicas' registry pollers lock the registry version too: only the two racing publishers may wait.
        gateways.forEach(ConfigurableApplicationContext::close);
        gateways.clear();
        database.store().retire(PORT_ID, "alice");
        ConfigurableApplicationContext left = startGateway("1h");
        ConfigurableApplicationContext right = startGateway("1h");
        String portId = "lab-race-port";
        Subject publisher = new Subject("lab-team", Set.of(), Set.of(), Set.of("lab"), Map.of());
        String live = labDocument(portId, "lab", "1.0.0", port.url(), false);
        RegistrationResult published = service(left).publish(live, publisher);
        assertThat(published.outcome()).as("%s", published).isEqualTo(RegistrationOutcome.PUBLISHED);
        String next = labDocument(portId, "lab", "1.1.0", port.url(), true);

        List<RegistrationResult> results = new ArrayList<>();
        try (Connection holder = database.connect();
             ExecutorService publishers = Executors.newFixedThreadPool(2)) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.executeQuery("SELECT version FROM registry_version WHERE id = 1 FOR UPDATE").close();
            }
            List<Future<RegistrationResult>> racing = List.of(
                    publishers.submit(() -> service(left).publish(next, publisher)),
                    publishers.submit(() -> service(right).publish(next, publisher)));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (database.lockWaiters(holder) < 2 && System.nanoTime() < deadline) {
                sleep();
            }
            assertThat(database.lockWaiters(holder)).as("both publishers wait to write").isEqualTo(2);
            holder.commit();
            for (Future<RegistrationResult> result : racing) {
                results.add(result.get(60, TimeUnit.SECONDS));
            }
        }

        assertThat(results).as("%s", results).extracting(RegistrationResult::outcome)
                .containsExactlyInAnyOrder(RegistrationOutcome.PUBLISHED, RegistrationOutcome.UNCHANGED);
        assertThat(database.store().history(portId)).extracting(StoredContract::version)
                .containsExactly("1.0.0", "1.1.0");
        RegistrationResult loser = results.stream()
                .filter(result -> result.outcome() == RegistrationOutcome.UNCHANGED).findFirst().orElseThrow();
        assertThat(loser.message()).contains("version 1.1.0 of port '" + portId + "' is live");
    }

    /**
     * No schema build failed on any replica while they started, converged, raced and stopped, and DGS said nothing
     * of schema files: before, its INFO line "No schema files found, but a schema was provided..." came with every
     * build and read as the failure in the output of replica tests that failed for another reason.
     */
    @Test
    @Order(6)
    void noReplicaFailedASchemaBuildOrReportedMissingSchemaFiles(CapturedOutput output) {
        assertThat(output.getOut()).contains("is live:")
                .doesNotContain("No schema files found")
                .doesNotContain("the previous schema keeps serving");
    }

    private ConfigurableApplicationContext startGateway() {
        return startGateway("200ms");
    }

    private ConfigurableApplicationContext startGateway(String pollInterval) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--portico.registry.poll-interval=" + pollInterval,
                // The tests' 500 ms is too short for a cold first channel to the port on a busy machine (seen:
                // "no identity stated: deadline exceeded", the port left DOWN); these tests never expect a refusal.
                "--portico.endpoints.verify-time=5s",
                // Nor do they expect a port to time out: a publication's probe of the port failed once at load
                // 14-17, and a cold first channel under load missed the registry unit tests' 2 s for the live
                // schemas (seen there: timed_out, the port left DOWN); the gateway gives it 10 s by default.
                "--portico.ports.schema-timeout=60s"));
        arguments.addAll(database.springArguments());
        ConfigurableApplicationContext gateway = new SpringApplicationBuilder(PorticoApplication.class)
                .run(arguments.toArray(String[]::new));
        gateways.add(gateway);
        return gateway;
    }

    private static PortRegistry registry(ConfigurableApplicationContext gateway) {
        return gateway.getBean(PortRegistry.class);
    }

    private static RegistrationService service(ConfigurableApplicationContext gateway) {
        return gateway.getBean(RegistrationService.class);
    }

    private static GraphQlClient graphQl(ConfigurableApplicationContext gateway) {
        return new GraphQlClient(((WebServerApplicationContext) gateway).getWebServer().getPort());
    }

    /** Asks {@code gateway} until its answer satisfies {@code converged}, at most {@link #CONVERGENCE}. */
    private static JsonNode awaitData(ConfigurableApplicationContext gateway, String query,
            Predicate<Response> converged, String change) {
        GraphQlClient client = graphQl(gateway);
        long started = System.nanoTime();
        long deadline = started + CONVERGENCE.toNanos();
        Response response = client.post(query);
        while (!converged.test(response) && System.nanoTime() < deadline) {
            sleep();
            response = client.post(query);
        }
        assertThat(converged.test(response)).as("%s did not reach the other replica within %s; last answer %s",
                change, CONVERGENCE, response).isTrue();
        System.out.printf("%s reached the other replica in %d ms%n", change, (System.nanoTime() - started) / 1_000_000);
        return response.data();
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

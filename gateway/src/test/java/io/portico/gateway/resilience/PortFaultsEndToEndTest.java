package io.portico.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.ContractBuilder;
import io.portico.flight.testkit.Poll;
import io.portico.flight.testkit.PortProxy;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.PorticoApplication;
import io.portico.gateway.port.FlightPortClient;
import io.portico.gateway.port.FlightPortClients;
import io.portico.gateway.port.PortCallState;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.PortStatus;
import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.GraphQlClient.Response;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.TestPortCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The gateway against three real Flight SQL ports (DuckDB) that misbehave on demand (each behind the test kit's
 * {@link PortProxy}), one query over all three domains at a time. First the fan-out: with known delays at every port,
 * the query takes about as long as the slowest port, over one pooled connection per port. Then the crm port hangs,
 * fails, drifts from its contract and is killed mid-stream: each time the other domains answer, {@code crm.customers}
 * is null with the right {@code extensions.code} and {@code extensions.port}, the answer comes within the port's
 * timeout plus a margin, no call is left running at the gateway or the port, and no Arrow memory is held. Last, the
 * failures open crm's circuit breaker, which the health and Prometheus endpoints show.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortFaultsEndToEndTest {

    private static final String CRM = "crm-customers-port";
    private static final Duration CRM_TIMEOUT = Duration.ofSeconds(1);
    /** Generous: the machine running the tests is shared; the point is "bounded", not "fast". */
    private static final Duration MARGIN = Duration.ofMillis(2500);
    private static final String ALL_DOMAINS = """
            { sales { orders(first: 3) { nodes { orderId } } }
              crm { customers(first: 3) { nodes { customerId email } } }
              logistics { shipments(first: 3) { nodes { shipmentId } } } }""";
    private static final String SALES_ONLY = "{ sales { orders(first: 3) { nodes { orderId } } } }";

    @TempDir
    static Path contracts;

    private static final Map<DemoDomain, TestPort> PORTS = new EnumMap<>(DemoDomain.class);
    private static final Map<DemoDomain, PortProxy> FAULTY = new EnumMap<>(DemoDomain.class);
    private static ConfigurableApplicationContext gateway;
    private static GraphQlClient graphQl;
    private static int httpPort;

    @BeforeAll
    static void startThePortsAndTheGateway() throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                // Health details are the platform team's (PortAddressVisibilityEndToEndTest); read here without a token.
                "--management.endpoint.health.show-details=always",
                "--portico.resilience.ports." + CRM + ".call-timeout=" + CRM_TIMEOUT.toMillis() + "ms",
                "--portico.resilience.sliding-window=10", "--portico.resilience.minimum-calls=10"));
        int index = 0;
        for (DemoDomain domain : DemoDomain.values()) {
            TestPort port = TestPortCredentials.testPort().database(DemoDatabases.inMemory(domain, 7, 0.002))
                    .contract(ContractBuilder.demo(domain)).start();
            PORTS.put(domain, port);
            PortProxy faulty = PortProxy.inFrontOf(port.location(), TestPortCredentials.credentialOf(domain.domain()));
            FAULTY.put(domain, faulty);
            arguments.add("--portico.ports.contracts[" + index++ + "]=" + contract(domain, faulty.location()));
        }
        gateway = new SpringApplicationBuilder(PorticoApplication.class).run(arguments.toArray(String[]::new));
        httpPort = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        graphQl = new GraphQlClient(httpPort);
        assertThat(gateway.getBean(PortRegistry.class).statuses()).hasSize(3).allMatch(PortStatus::up);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        BufferAllocator gatewayAllocator = gateway.getBean(BufferAllocator.class);
        gateway.close();
        try {
            assertThat(gatewayAllocator.getAllocatedMemory()).as("bytes leaked by the gateway").isZero();
        } finally {
            for (PortProxy faulty : FAULTY.values()) {
                faulty.close();
            }
            for (TestPort port : PORTS.values()) {
                port.close();
            }
        }
    }

    @Test
    @Order(1)
    void aQueryOverThreePortsTakesAboutAsLongAsTheSlowestOverOnePooledConnectionEach() {
        assertThat(graphQl.post(ALL_DOMAINS).errors()).as("warm-up").isEmpty();
        FAULTY.get(DemoDomain.SALES).delay(Duration.ofMillis(200));
        FAULTY.get(DemoDomain.CRM).delay(Duration.ofMillis(300));
        FAULTY.get(DemoDomain.LOGISTICS).delay(Duration.ofMillis(400));
        List<FlightPortClient> clientsBefore = gateway.getBean(FlightPortClients.class).clients();

        long fastest = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long started = System.nanoTime();
            Response response = graphQl.post(ALL_DOMAINS);
            fastest = Math.min(fastest, System.nanoTime() - started);
            assertThat(response.errors()).isEmpty();
            assertThat(response.data().path("logistics").path("shipments").path("nodes").size()).isEqualTo(3);
        }

        assertThat(Duration.ofNanos(fastest)).as("three ports of 200, 300 and 400 ms, called one after another,"
                + " would take 900 ms").isGreaterThanOrEqualTo(Duration.ofMillis(400)).isLessThan(Duration.ofMillis(800));
        List<FlightPortClient> clientsAfter = gateway.getBean(FlightPortClients.class).clients();
        assertThat(clientsAfter).as("one client (one gRPC channel) per port, reused").hasSize(3)
                .containsExactlyInAnyOrderElementsOf(clientsBefore);
        FAULTY.values().forEach(faulty -> faulty.delay(Duration.ZERO));
    }

    @Test
    @Order(2)
    void aHangingPortTimesOutWhileTheOthersKeepAnswering() throws Exception {
        FAULTY.get(DemoDomain.CRM).hang();

        long started = System.nanoTime();
        CompletableFuture<Response> hanging = CompletableFuture.supplyAsync(() -> graphQl.post(ALL_DOMAINS));
        Poll.until("the crm port holds the hanging query's stream", Duration.ofSeconds(5),
                () -> FAULTY.get(DemoDomain.CRM).activeStreams() == 1);
        long salesStarted = System.nanoTime();
        Response salesMeanwhile = graphQl.post(SALES_ONLY);
        Duration salesTook = Duration.ofNanos(System.nanoTime() - salesStarted);
        Response response = hanging.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(salesMeanwhile.errors()).isEmpty();
        assertThat(salesTook).as("sales while crm hangs").isLessThan(CRM_TIMEOUT);
        assertCrmFailedAlone(response, "PORT_TIMEOUT", "did not answer in time", "1 s per call (configuration)");
        assertThat(took).as("timeout + margin").isGreaterThanOrEqualTo(CRM_TIMEOUT)
                .isLessThan(CRM_TIMEOUT.plus(MARGIN));
        assertNothingLeftRunning();
    }

    @Test
    @Order(3)
    void aPortThatAnswersWithAnErrorIsReportedAsPortError() {
        FAULTY.get(DemoDomain.CRM).reset()
                .failNext(Integer.MAX_VALUE, CallStatus.INTERNAL.withDescription("the port's disk is on fire"));

        Response response = graphQl.post(ALL_DOMAINS);

        assertCrmFailedAlone(response, "PORT_ERROR", "the port's disk is on fire");
        assertNothingLeftRunning();
    }

    @Test
    @Order(4)
    void aPortWhoseSchemaChangedUnderItsContractIsReportedAsDrift() throws Exception {
        FAULTY.get(DemoDomain.CRM).reset();
        PORTS.get(DemoDomain.CRM).execute("ALTER TABLE customers DROP COLUMN email",
                "ALTER TABLE customers ADD COLUMN email BIGINT DEFAULT 42");

        Response response = graphQl.post(ALL_DOMAINS);

        assertCrmFailedAlone(response, "PORT_SCHEMA_DRIFT", "re-register");
        assertNothingLeftRunning();
        PORTS.get(DemoDomain.CRM).execute("ALTER TABLE customers DROP COLUMN email",
                "ALTER TABLE customers ADD COLUMN email VARCHAR DEFAULT 'someone@example.com'");
        assertThat(graphQl.post(ALL_DOMAINS).errors()).as("the schema restored").isEmpty();
    }

    @Test
    @Order(5)
    void aPortKilledMidStreamIsUnavailableAndNotRetriedOnceDataArrived() {
        FAULTY.get(DemoDomain.CRM).cutAfter(1);

        long started = System.nanoTime();
        Response response = graphQl.post(ALL_DOMAINS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertCrmFailedAlone(response, "PORT_UNAVAILABLE", "cannot be reached");
        assertThat(took).isLessThan(CRM_TIMEOUT.plus(MARGIN));
        assertNothingLeftRunning();
    }

    @Test
    @Order(6)
    void repeatedFailuresOpenTheBreakerWhichRefusesAtOnceAndHealthAndMetricsShowIt() {
        Response response = graphQl.post(ALL_DOMAINS);
        for (int call = 0; call < 20 && !response.errors().getFirst().path("message").asString().contains("breaker");
                call++) {
            response = graphQl.post(ALL_DOMAINS);
        }
        assertCrmFailedAlone(response, "PORT_UNAVAILABLE", "circuit breaker is open");

        long started = System.nanoTime();
        assertCrmFailedAlone(graphQl.post(ALL_DOMAINS), "PORT_UNAVAILABLE", "circuit breaker is open");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("an open breaker answers at once")
                .isLessThan(Duration.ofMillis(500));

        JsonNode health = get("/actuator/health").path("components").path("ports").path("details");
        assertThat(health.path("down").asInt()).isEqualTo(1);
        JsonNode crm = health.path("ports").path(CRM);
        assertThat(crm.path("state").asString()).as("still registered").isEqualTo("UP");
        assertThat(crm.path("health").asString()).isEqualTo("DOWN");
        assertThat(crm.path("calls").path("breaker").asString()).isEqualTo("OPEN");
        assertThat(crm.path("calls").path("timeoutSource").asString()).isEqualTo("configuration");
        JsonNode sales = health.path("ports").path("sales-orders-port");
        assertThat(sales.path("health").asString()).isEqualTo("UP");
        assertThat(sales.path("calls").path("timeout").asString()).as("the demo contract's SLA: 2 s").isEqualTo("PT2S");
        assertThat(sales.path("calls").path("timeoutSource").asString()).isEqualTo("contract SLA");

        String metrics = getText("/actuator/prometheus");
        assertThat(metrics).contains(
                "portico_port_calls_seconds_count{outcome=\"success\",port=\"sales-orders-port\"}",
                "portico_port_calls_seconds_count{outcome=\"PORT_TIMEOUT\",port=\"" + CRM + "\"}",
                "portico_port_errors_total{code=\"PORT_ERROR\",port=\"" + CRM + "\"}",
                "portico_port_errors_total{code=\"PORT_SCHEMA_DRIFT\",port=\"" + CRM + "\"}",
                "portico_port_errors_total{code=\"PORT_UNAVAILABLE\",port=\"" + CRM + "\"}",
                "portico_port_rows_total{port=\"logistics-shipments-port\"}",
                "portico_port_bytes_total{port=\"logistics-shipments-port\"}",
                "portico_port_bulkhead_saturation{port=\"sales-orders-port\"}",
                "resilience4j_circuitbreaker_state{name=\"" + CRM + "\",state=\"open\"} 1.0",
                "resilience4j_bulkhead_available_concurrent_calls{name=\"sales-orders-port\"}");
    }

    private static void assertCrmFailedAlone(Response response, String code, String... messageParts) {
        assertThat(response.status()).isEqualTo(200);
        JsonNode data = response.data();
        assertThat(data.path("sales").path("orders").path("nodes").size()).as("sales answers").isEqualTo(3);
        assertThat(data.path("logistics").path("shipments").path("nodes").size()).as("logistics answers")
                .isEqualTo(3);
        assertThat(data.path("crm").path("customers").isNull()).as("crm.customers is null: %s", response).isTrue();
        assertThat(response.errors()).as("errors of %s", response).singleElement().satisfies(error -> {
            assertThat(error.path("path").valueStream().map(JsonNode::asString).toList())
                    .containsExactly("crm", "customers");
            assertThat(error.path("extensions").path("code").asString()).isEqualTo(code);
            assertThat(error.path("extensions").path("port").asString()).isEqualTo(CRM);
            assertThat(error.path("message").asString()).contains(CRM).contains(messageParts)
                    .as("the port by its id, never its address")
                    .doesNotContain(FAULTY.get(DemoDomain.CRM).location().toString(), "127.0.0.1");
        });
    }

    /** No call still running at the gateway or at the port, no Arrow memory held by a call. */
    private static void assertNothingLeftRunning() {
        PortResilience guard = gateway.getBean(PortResilience.class);
        Poll.within(Duration.ofSeconds(5), () -> FAULTY.get(DemoDomain.CRM).activeStreams() == 0
                && guard.state(CRM).map(PortCallState::activeCalls).orElse(0) == 0);
        assertThat(guard.state(CRM).orElseThrow().activeCalls()).as("calls running at the gateway").isZero();
        assertThat(FAULTY.get(DemoDomain.CRM).activeStreams()).as("streams the port still serves").isZero();
        for (FlightPortClient client : gateway.getBean(FlightPortClients.class).clients()) {
            ArrowLeaks.assertNoneUnder(client.allocator());
        }
    }

    private static JsonNode get(String path) {
        return graphQl.send(HttpRequest.newBuilder(graphQl.endpoint().resolve(path)).GET().build()).body();
    }

    private static String getText(String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path contract(DemoDomain domain, URI location) throws java.io.IOException {
        Path file = contracts.resolve(domain.domain() + ".odcs.yaml");
        Files.writeString(file, domain.contractDocument()
                .replaceAll("grpc\\+tcp://[a-z-]+:\\d+", location.toString()));
        return file;
    }
}

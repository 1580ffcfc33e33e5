package io.portico.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.ContractBuilder;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.PorticoApplication;
import io.portico.gateway.testing.GraphQlClient.Response;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.TestPortCredentials;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * A gateway configured with two ports, one of which is not running when the gateway starts: it starts anyway,
 * reports the missing port, serves the other, and adds the missing one once it comes up. Also the gateway's own
 * shutdown: its root allocator must end with nothing allocated and no child left open.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortDownAtStartTest {

    private static final String FLIGHT_URL = "grpc\\+tcp://[a-z-]+:\\d+";

    @TempDir
    static Path contracts;

    private static TestPort salesPort;
    private static TestPort crmPort;
    private static int crmPortNumber;
    private static ConfigurableApplicationContext gateway;
    private static GraphQlClient graphQl;

    @BeforeAll
    static void startGatewayWithCrmDown() throws Exception {
        salesPort = TestPortCredentials.testPort().database(DemoDatabases.inMemory(DemoDomain.SALES, 7, 0.002))
                .contract(ContractBuilder.demo(DemoDomain.SALES)).start();
        crmPortNumber = freeTcpPort();
        Path sales = contract(DemoDomain.SALES, salesPort.url());
        Path crm = contract(DemoDomain.CRM, "grpc+tcp://127.0.0.1:" + crmPortNumber);

        gateway = new SpringApplicationBuilder(PorticoApplication.class).run(
                "--server.port=0",
                // Health details are the platform team's (PortAddressVisibilityEndToEndTest); read here without a token.
                "--management.endpoint.health.show-details=always",
                "--portico.ports.contracts[0]=" + sales.toUri(),
                "--portico.ports.contracts[1]=" + crm,
                "--portico.ports.retry-interval=200ms",
                "--portico.ports.schema-timeout=2s");
        graphQl = new GraphQlClient(((WebServerApplicationContext) gateway).getWebServer().getPort());
    }

    @AfterAll
    static void stopEverything() throws Exception {
        BufferAllocator gatewayAllocator = gateway.getBean(BufferAllocator.class);
        gateway.close();
        try {
            assertThat(gatewayAllocator.getChildAllocators()).as("allocators left open by the gateway").isEmpty();
            assertThat(gatewayAllocator.getAllocatedMemory()).as("bytes leaked by the gateway").isZero();
        } finally {
            if (crmPort != null) {
                crmPort.close();
            }
            salesPort.close();
        }
    }

    @Test
    @Order(1)
    void theGatewayStartsReportsTheDownPortAndServesTheOthers() {
        PortRegistry registry = gateway.getBean(PortRegistry.class);
        List<PortStatus> statuses = registry.statuses();

        assertThat(statuses).extracting(PortStatus::domain, PortStatus::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("crm", PortStatus.State.DOWN),
                org.assertj.core.groups.Tuple.tuple("sales", PortStatus.State.UP));
        assertThat(statuses.getFirst().message()).contains("crm-customers-port", "cannot be reached")
                .as("the port by its id, not its address").doesNotContain(String.valueOf(crmPortNumber));
        assertThat(graphQl.data("{ sales { orders(first: 2) { nodes { orderId } } } }")
                .path("sales").path("orders").path("nodes").size()).isEqualTo(2);
        assertThat(graphQl.post("{ crm { customers { nodes { customerId } } } }").codes())
                .containsExactly("GRAPHQL_VALIDATION_FAILED");

        Response health = graphQl.send(java.net.http.HttpRequest.newBuilder(
                graphQl.endpoint().resolve("/actuator/health")).GET().build());
        assertThat(health.status()).isEqualTo(200);
        JsonNode ports = health.body().path("components").path("ports");
        assertThat(ports.path("status").asString()).isEqualTo("UP");
        assertThat(ports.path("details").path("down").asInt()).isEqualTo(1);
        assertThat(ports.path("details").path("ports").path("crm-customers-port").path("state").asString())
                .isEqualTo("DOWN");
    }

    @Test
    @Order(2)
    void theDownPortJoinsTheSchemaWhenItComesUp() throws Exception {
        crmPort = TestPortCredentials.testPort().database(DemoDatabases.inMemory(DemoDomain.CRM, 7, 0.002))
                .contract(ContractBuilder.demo(DemoDomain.CRM)).configure(config -> config.withPort(crmPortNumber))
                .start();

        Response response = awaitNoErrors("{ crm { customers(first: 3) { nodes { customerId email } } } }",
                Duration.ofSeconds(15));
        assertThat(response.data().path("crm").path("customers").path("nodes").size()).isEqualTo(3);
        assertThat(gateway.getBean(PortRegistry.class).statuses()).allMatch(PortStatus::up);
        assertThat(graphQl.post("{ sales { orders(first: 1) { nodes { orderId } } } }").errors()).isEmpty();
    }

    private static Response awaitNoErrors(String query, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Response response = graphQl.post(query);
        while (!response.errors().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = graphQl.post(query);
        }
        assertThat(response.errors()).as("the port did not join the schema within %s", timeout).isEmpty();
        return response;
    }

    private static Path contract(DemoDomain domain, String flightSqlUrl) throws IOException {
        Path file = contracts.resolve(domain.domain() + ".odcs.yaml");
        Files.writeString(file, domain.contractDocument().replaceAll(FLIGHT_URL, flightSqlUrl));
        return file;
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

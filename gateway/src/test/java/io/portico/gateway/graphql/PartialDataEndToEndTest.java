package io.portico.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.ContractBuilder;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.PorticoApplication;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.PortStatus;
import io.portico.gateway.testing.GraphQlClient.Response;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.TestPortCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One request over two domains while one domain's port has stopped: the other domain still answers. The gateway
 * starts with the sales and crm ports up; then the crm port stops. A query of both is HTTP 200 with the sales rows
 * (through the columnar fast path), {@code crm.customers} null and one error at that path with
 * {@code extensions.code} {@code PORT_UNAVAILABLE}, in both GraphQL media types.
 */
class PartialDataEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FLIGHT_URL = "grpc\\+tcp://[a-z-]+:\\d+";
    private static final String BOTH_DOMAINS = """
            { sales { orders(first: 3, orderBy: [{orderId: ASC}]) { nodes { orderId totalAmount } } }
              crm { customers(first: 3) { nodes { customerId email } } } }""";

    @TempDir
    static Path contracts;

    private static TestPort salesPort;
    private static TestPort crmPort;
    private static ConfigurableApplicationContext gateway;
    private static GraphQlClient graphQl;

    @BeforeAll
    static void startBothPortsAndTheGatewayThenStopCrm() throws Exception {
        salesPort = start(DemoDomain.SALES);
        crmPort = start(DemoDomain.CRM);
        gateway = new SpringApplicationBuilder(PorticoApplication.class).run(
                "--server.port=0",
                "--portico.ports.contracts[0]=" + contract(DemoDomain.SALES, salesPort),
                "--portico.ports.contracts[1]=" + contract(DemoDomain.CRM, crmPort));
        graphQl = new GraphQlClient(((WebServerApplicationContext) gateway).getWebServer().getPort());
        assertThat(gateway.getBean(PortRegistry.class).statuses()).allMatch(PortStatus::up);
        assertThat(graphQl.post(BOTH_DOMAINS).errors()).as("both ports answer before crm stops").isEmpty();

        crmPort.close();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        BufferAllocator gatewayAllocator = gateway.getBean(BufferAllocator.class);
        gateway.close();
        try {
            assertThat(gatewayAllocator.getAllocatedMemory()).as("bytes leaked by the gateway").isZero();
        } finally {
            salesPort.close();
        }
    }

    @Test
    void theOtherDomainAnswersAndTheStoppedOneIsNullWithPortUnavailableAtItsPath() {
        ColumnarExecutionStrategy strategy = gateway.getBean(ColumnarExecutionStrategy.class);
        long columnarBefore = strategy.columnarLists();

        for (String accept : new String[] {GraphQlClient.GRAPHQL_RESPONSE, GraphQlClient.JSON}) {
            Response response = graphQl.postRaw(JSON.writeValueAsString(Map.of("query", BOTH_DOMAINS)),
                    GraphQlClient.JSON, accept);

            assertThat(response.status()).as("status (%s)", accept).isEqualTo(200);
            assertThat(response.contentType()).startsWith(accept);
            JsonNode data = response.data();
            JsonNode orders = data.path("sales").path("orders").path("nodes");
            assertThat(orders.size()).isEqualTo(3);
            assertThat(orders.get(0).path("orderId").asLong()).isEqualTo(1);
            assertThat(orders.get(0).path("totalAmount").asString()).matches("-?\\d+\\.\\d{2}");
            assertThat(data.path("crm").has("customers")).isTrue();
            assertThat(data.path("crm").path("customers").isNull()).isTrue();

            assertThat(response.errors()).singleElement().satisfies(error -> {
                assertThat(error.path("path").valueStream().map(JsonNode::asString).toList())
                        .containsExactly("crm", "customers");
                assertThat(error.path("extensions").path("code").asString()).isEqualTo("PORT_UNAVAILABLE");
                assertThat(error.path("message").asString()).contains("crm-customers-port", "cannot be reached");
            });
        }
        assertThat(strategy.columnarLists() - columnarBefore).as("sales pages completed in columnar form")
                .isEqualTo(2);
    }

    private static TestPort start(DemoDomain domain) throws SQLException {
        return TestPortCredentials.testPort().database(DemoDatabases.inMemory(domain, 7, 0.002))
                .contract(ContractBuilder.demo(domain)).start();
    }

    private static Path contract(DemoDomain domain, TestPort port) throws IOException {
        Path file = contracts.resolve(domain.domain() + ".odcs.yaml");
        Files.writeString(file, domain.contractDocument().replaceAll(FLIGHT_URL, port.location().getUri().toString()));
        return file;
    }
}

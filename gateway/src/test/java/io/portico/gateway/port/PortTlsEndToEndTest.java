package io.portico.gateway.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.flight.PortTls;
import io.portico.flight.auth.BearerCredentialMiddleware;
import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.ContractBuilder;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.catalog.EndpointHealth;
import io.portico.gateway.catalog.EndpointHealthMonitor;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.PortStatus;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.TestCertificate;
import io.portico.gateway.testing.TestPortCredentials;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code grpc+tls://} between the gateway and a port: a real port speaking TLS only, with a certificate made at test
 * time, and a gateway trusting it through {@code portico.ports.tls.trusted-certificates}. The gateway registers
 * the port, answers queries over it and checks its health; a client without the certificate's trust, or speaking
 * plain gRPC, gets nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"portico.demo.enabled=false", "portico.ports.retry-interval=500ms"})
class PortTlsEndToEndTest {

    private static Path directory;
    private static TestCertificate certificate;
    private static TestPort port;

    @LocalServerPort
    int httpPort;

    @Autowired
    PortRegistry registry;

    @Autowired
    EndpointHealthMonitor health;

    @DynamicPropertySource
    static void tlsPort(DynamicPropertyRegistry properties) throws Exception {
        directory = Files.createTempDirectory("portico-tls");
        certificate = TestCertificate.create(directory);
        port = TestPortCredentials.testPort().database(DemoDatabases.inMemory(DemoDomain.SALES, 7, 0.001))
                .contract(ContractBuilder.demo(DemoDomain.SALES))
                .tls(new PortTls(certificate.certificate(), certificate.privateKey()))
                .start();
        Path contract = Files.writeString(directory.resolve("sales.odcs.yaml"), DemoDomain.SALES.contractDocument()
                .replace("grpc+tcp://sales-port:31337", url()));
        properties.add("portico.ports.contracts[0]", contract::toString);
        properties.add("portico.ports.tls.trusted-certificates", () -> certificate.certificate().toString());
    }

    @AfterAll
    static void stopPort() throws Exception {
        port.close();
    }

    private static String url() {
        return "grpc+tls://localhost:" + port.location().getUri().getPort();
    }

    @Test
    void theGatewayServesATlsPortItTrusts() {
        assertThat(port.location().getUri().getScheme()).isEqualTo("grpc+tls");
        assertThat(registry.statuses()).extracting(PortStatus::portId, PortStatus::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sales-orders-port", PortStatus.State.UP));

        JsonNode data = new GraphQlClient(httpPort).data("{ sales { orders(first: 2) { totalCount nodes { orderId } } } }");

        assertThat(data.path("sales").path("orders").path("totalCount").asLong()).isEqualTo(DemoDomain.orders(0.001));
        assertThat(data.path("sales").path("orders").path("nodes").size()).isEqualTo(2);
        health.checkNow();
        assertThat(health.health(url()).map(EndpointHealth::state)).contains(EndpointHealth.State.UP);
    }

    @Test
    void clientsWithoutTheTrustOrWithoutTlsGetNothing() throws Exception {
        Location tls = port.location();
        Location plain = Location.forGrpcInsecure("127.0.0.1", tls.getUri().getPort());
        BearerCredentialMiddleware credential = new BearerCredentialMiddleware(TestPortCredentials.credentialOf("sales"));
        try (BufferAllocator clients = new RootAllocator();
             FlightSqlClient untrusting = new FlightSqlClient(FlightClient.builder(clients,
                     Location.forGrpcTls("localhost", tls.getUri().getPort())).intercept(credential).build());
             FlightSqlClient plaintext = new FlightSqlClient(FlightClient.builder(clients, plain).intercept(credential)
                     .build());
             InputStream trust = Files.newInputStream(certificate.certificate());
             FlightSqlClient trusting = new FlightSqlClient(FlightClient.builder(clients,
                     Location.forGrpcTls("localhost", tls.getUri().getPort())).trustedCertificates(trust)
                     .intercept(credential).build())) {
            assertThatThrownBy(() -> untrusting.getTables(null, null, null, null, false)).as("untrusted certificate")
                    .isInstanceOfSatisfying(FlightRuntimeException.class, failure ->
                            assertThat(failure.status().code()).isEqualTo(FlightStatusCode.UNAVAILABLE));
            assertThatThrownBy(() -> plaintext.getTables(null, null, null, null, false)).as("no TLS")
                    .isInstanceOf(FlightRuntimeException.class);
            assertThat(trusting.getTables(null, null, null, null, false).getEndpoints()).isNotEmpty();
        }
    }
}

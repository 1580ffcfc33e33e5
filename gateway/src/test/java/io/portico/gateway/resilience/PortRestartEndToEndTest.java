package io.portico.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.registration.PortSelfRegistration;
import io.portico.flight.registration.PortSelfRegistration.Answer;
import io.portico.flight.testkit.Poll;
import io.portico.flight.testkit.PortProxy;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.catalog.EndpointHealthMonitor;
import io.portico.gateway.security.DemoTokenIssuer;
import io.portico.gateway.security.DemoTokenRequest;
import io.portico.gateway.security.SecurityProperties;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.Gadgets;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.GraphQlClient.Response;
import io.portico.gateway.testing.TestPortCredentials;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A port's lifecycle as its team lives it, against the real gateway: the team publishes its port (a real Flight SQL
 * port behind the test kit's {@link PortProxy}, so it can die and come back on the same address), it is queried,
 * it stops, it is restarted.
 * <ul>
 *   <li>The catalog and {@code /actuator/health} say the same of it, DOWN while it is stopped and UP once it is
 *       back: both read the catalog's endpoint health check.</li>
 *   <li>While it is stopped, queries fail until its circuit breaker opens; once it is back, a publication (even of
 *       the same contract, answered UNCHANGED) or a health check that reaches it closes the breaker and drops the
 *       failed channel: the very next query answers, rather than failing with PORT_UNAVAILABLE for seconds and
 *       then "circuit breaker is open".</li>
 * </ul>
 */
@DemoGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortRestartEndToEndTest {

    private static final String DOMAIN = "atelier";
    private static final String PORT_ID = "atelier-gadgets";
    private static final String PRODUCT = "urn:portico:atelier:gadgets:v1";
    private static final String COUNT = "{ atelier { gadgets { totalCount } } }";
    private static final PortSelfRegistration.Backoff FAST = new PortSelfRegistration.Backoff(Duration.ofMillis(100),
            Duration.ofSeconds(1), Duration.ofSeconds(30));

    @LocalServerPort
    int httpPort;

    @Autowired
    DemoTokenIssuer issuer;

    @Autowired
    SecurityProperties security;

    @Autowired
    EndpointHealthMonitor endpointHealth;

    private TestPort port;
    private PortProxy proxy;
    private GraphQlClient graphQl;
    private String document;

    @BeforeAll
    void publishThePort() throws Exception {
        port = Gadgets.workshopPort(DOMAIN);
        proxy = PortProxy.inFrontOf(port.location(), TestPortCredentials.credentialOf(DOMAIN));
        graphQl = new GraphQlClient(httpPort);
        document = Gadgets.document(PORT_ID, DOMAIN, "1.0.0", proxy.url());
        assertThat(publish().httpStatus()).isEqualTo(201);
        assertThat(count(graphQl.post(COUNT))).isEqualTo(3);
    }

    @AfterAll
    void retireThePort() throws Exception {
        try {
            graphQl.send(HttpRequest.newBuilder(graphQl.endpoint().resolve("/api/ports/" + PORT_ID))
                    .header("Authorization", "Bearer " + token(Set.of())).DELETE().build());
        } finally {
            proxy.close();
            port.close();
        }
    }

    @Test
    @Order(1)
    void theCatalogAndTheHealthEndpointAgreeAsThePortStopsAndComesBack() throws Exception {
        endpointHealth.checkNow();
        assertThat(catalogHealth()).isEqualTo("UP");
        assertThat(actuatorHealth()).isEqualTo("UP");

        proxy.stop();
        endpointHealth.checkNow();

        assertThat(catalogHealth()).as("the catalog").isEqualTo("DOWN");
        assertThat(actuatorHealth()).as("/actuator/health, no query having failed yet").isEqualTo("DOWN");
        assertThat(actuatorPort().path("endpoint").path("state").asString()).isEqualTo("DOWN");

        proxy.start();
        endpointHealth.checkNow();

        assertThat(catalogHealth()).isEqualTo("UP");
        assertThat(actuatorHealth()).isEqualTo("UP");
        assertThat(count(graphQl.post(COUNT))).isEqualTo(3);
    }

    @Test
    @Order(2)
    void afterARestartAPublicationClosesTheBreakerAndTheVeryNextQueryAnswers() throws Exception {
        stopAndQueryUntilTheBreakerOpens();

        proxy.start();
        Answer again = publish();

        assertThat(again.httpStatus()).as("%s", again).isEqualTo(200);
        assertThat(again.outcome()).isEqualTo("UNCHANGED");
        Response next = graphQl.post(COUNT);
        assertThat(next.errors()).as("the very next query").isEmpty();
        assertThat(count(next)).isEqualTo(3);
    }

    @Test
    @Order(3)
    void afterARestartAHealthCheckClosesTheBreakerAndTheVeryNextQueryAnswers() throws Exception {
        stopAndQueryUntilTheBreakerOpens();

        proxy.start();
        endpointHealth.checkNow();

        Response next = graphQl.post(COUNT);
        assertThat(next.errors()).as("the very next query").isEmpty();
        assertThat(count(next)).isEqualTo(3);
        assertThat(actuatorHealth()).isEqualTo("UP");
        assertThat(actuatorPort().path("calls").path("breaker").asString()).isEqualTo("CLOSED");
    }

    private void stopAndQueryUntilTheBreakerOpens() {
        proxy.stop();
        Response failed = Poll.value("queries to the stopped port fail until its breaker opens",
                Duration.ofSeconds(30), () -> graphQl.post(COUNT),
                response -> !response.errors().isEmpty()
                        && response.errors().getFirst().path("message").asString().contains("circuit breaker is open"));
        assertThat(failed.codes()).containsExactly("PORT_UNAVAILABLE");
    }

    private Answer publish() throws Exception {
        try (PortSelfRegistration registration = new PortSelfRegistration(
                URI.create("http://127.0.0.1:" + httpPort), token(Set.of()), FAST)) {
            return registration.register(document);
        }
    }

    private static long count(Response response) {
        assertThat(response.errors()).as("%s", response).isEmpty();
        return response.data().path(DOMAIN).path("gadgets").path("totalCount").asLong();
    }

    private String catalogHealth() {
        Response response = graphQl.post("{ dataProduct(id: \"" + PRODUCT + "\") { endpoint { health { state } } } }");
        assertThat(response.errors()).as("%s", response).isEmpty();
        return response.data().path("dataProduct").path("endpoint").path("health").path("state").asString();
    }

    private String actuatorHealth() {
        return actuatorPort().path("health").asString();
    }

    private JsonNode actuatorPort() {
        Response health = graphQl.send(HttpRequest.newBuilder(graphQl.endpoint().resolve("/actuator/health"))
                .header("Authorization", "Bearer " + token(Set.of("platform"))).GET().build());
        return health.body().path("components").path("ports").path("details").path("ports").path(PORT_ID);
    }

    private String token(Set<String> roles) {
        return issuer.mint(new DemoTokenRequest("atelier-team", roles, Set.of(), Set.of(DOMAIN), Map.of(),
                Duration.ofMinutes(10)), security.claims()).token();
    }
}

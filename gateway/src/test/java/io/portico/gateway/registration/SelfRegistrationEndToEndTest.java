package io.portico.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.flight.auth.AcceptedCredentials;
import io.portico.flight.registration.GatewayCredentials;
import io.portico.flight.registration.PortSelfRegistration.Answer;
import io.portico.flight.registration.PortSelfRegistration;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.security.DemoTokenIssuer;
import io.portico.gateway.security.DemoTokenRequest;
import io.portico.gateway.security.SecurityProperties;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.Gadgets;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.TestPortCredentials;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * flight-server's {@link PortSelfRegistration} against the real gateway over HTTP: a port registers its own
 * contract and is queryable when the answer arrives; a refusal comes back with the gateway's problems. A port
 * without a credential of its own fetches its domain's from the gateway with the same token
 * ({@link GatewayCredentials}, what {@code flight-port --gateway-url} does) and is then served.
 */
@DemoGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfRegistrationEndToEndTest {

    private static final PortSelfRegistration.Backoff FAST = new PortSelfRegistration.Backoff(Duration.ofMillis(100),
            Duration.ofSeconds(1), Duration.ofSeconds(30));

    @LocalServerPort
    int httpPort;

    @Autowired
    DemoTokenIssuer issuer;

    @Autowired
    SecurityProperties security;

    private TestPort port;

    @BeforeAll
    void startPort() throws Exception {
        port = Gadgets.workshopPort("forge");
    }

    @AfterAll
    void stopPort() throws Exception {
        port.close();
    }

    @Test
    void aPortFetchesItsDomainsCredentialFromTheGatewayThenRegistersAndIsServed() throws Exception {
        AcceptedCredentials fetched = GatewayCredentials.fetch(URI.create("http://127.0.0.1:" + httpPort),
                token("smithy"), "smithy", FAST);
        assertThat(fetched).isEqualTo(TestPortCredentials.acceptedBy("smithy"));
        try (TestPort smithy = Gadgets.workshopPort("smithy", TestPort.builder().accepting(fetched));
             PortSelfRegistration registration = new PortSelfRegistration(
                     URI.create("http://127.0.0.1:" + httpPort), token("smithy"), FAST)) {
            Answer answer = registration.register(Gadgets.document("smithy-gadgets", "smithy", "1.0.0", smithy.url()));

            assertThat(answer.httpStatus()).as("%s", answer).isEqualTo(201);
            assertThat(new GraphQlClient(httpPort).data("{ smithy { gadgets { totalCount } } }")
                    .path("smithy").path("gadgets").path("totalCount").asLong()).isEqualTo(3);
        } finally {
            new RegistrationHttp(httpPort).delete("/api/ports/smithy-gadgets", token("smithy"));
        }
        assertThatThrownBy(() -> GatewayCredentials.fetch(URI.create("http://127.0.0.1:" + httpPort), token("forge"),
                "smithy", FAST)).hasMessageContaining("HTTP 403");
    }

    private String token(String domain) {
        return issuer.mint(new DemoTokenRequest("forge-port", Set.of(), Set.of(), Set.of(domain), Map.of(),
                Duration.ofMinutes(10)), security.claims()).token();
    }

    @Test
    void aPortRegistersItselfAndIsQueryableWhenAnswered() throws Exception {
        String document = Gadgets.document("forge-gadgets", "forge", "1.0.0", port.url());
        try (PortSelfRegistration registration = new PortSelfRegistration(
                URI.create("http://127.0.0.1:" + httpPort), token("forge"), FAST)) {
            Answer answer = registration.registerInBackground(document).get(60, TimeUnit.SECONDS);

            assertThat(answer.httpStatus()).as("%s", answer).isEqualTo(201);
            assertThat(answer.outcome()).isEqualTo("PUBLISHED");
            assertThat(new GraphQlClient(httpPort).data("{ forge { gadgets { totalCount } } }")
                    .path("forge").path("gadgets").path("totalCount").asLong()).isEqualTo(3);

            Answer again = registration.register(document);
            assertThat(again.httpStatus()).isEqualTo(200);
            assertThat(again.outcome()).isEqualTo("UNCHANGED");

            try (PortSelfRegistration wrongDomain = new PortSelfRegistration(
                    URI.create("http://127.0.0.1:" + httpPort), token("crm"), FAST)) {
                Answer forbidden = wrongDomain.register(document.replace("1.0.0", "1.0.1"));
                assertThat(forbidden.httpStatus()).isEqualTo(403);
                assertThat(forbidden.outcome()).isEqualTo("FORBIDDEN");
                assertThat(forbidden.problems()).singleElement().asString().startsWith("$.domain: 'forge-port' may"
                        + " not publish, retire or invalidate ports of domain 'forge'");
            }
        } finally {
            new RegistrationHttp(httpPort).delete("/api/ports/forge-gadgets", token("forge"));
        }
    }
}

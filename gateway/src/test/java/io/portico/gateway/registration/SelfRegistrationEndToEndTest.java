package io.portico.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.registration.PortSelfRegistration;
import io.portico.flight.registration.PortSelfRegistration.Answer;
import io.portico.gateway.config.PorticoProperties;
import io.portico.gateway.security.DemoTokenIssuer;
import io.portico.gateway.security.DemoTokenRequest;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient;
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
 * contract and is queryable when the answer arrives; a refusal comes back with the gateway's problems.
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
    PorticoProperties properties;

    private WorkshopPort port;

    @BeforeAll
    void startPort() throws Exception {
        port = WorkshopPort.start("forge");
    }

    @AfterAll
    void stopPort() throws Exception {
        port.close();
    }

    private String token(String domain) {
        return issuer.mint(new DemoTokenRequest("forge-port", Set.of(), Set.of(), Set.of(domain), Map.of(),
                Duration.ofMinutes(10)), properties.security().claims()).token();
    }

    @Test
    void aPortRegistersItselfAndIsQueryableWhenAnswered() throws Exception {
        String document = Contracts.gadgets("forge-gadgets", "forge", "1.0.0", port.url());
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
                        + " not publish or retire ports of domain 'forge'");
            }
        } finally {
            new RegistrationHttp(httpPort).delete("/api/ports/forge-gadgets", token("forge"));
        }
    }
}

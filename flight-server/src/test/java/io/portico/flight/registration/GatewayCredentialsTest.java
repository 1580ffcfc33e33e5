package io.portico.flight.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.flight.auth.AcceptedCredentials;
import io.portico.flight.registration.FakeGateway.Reply;
import io.portico.flight.registration.FakeGateway.Request;
import io.portico.flight.registration.PortSelfRegistration.Backoff;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A port without a credential of its own fetches its domain's from the gateway with the gateway token, waiting while
 * the gateway is not up; a refusal is final and says why.
 */
class GatewayCredentialsTest {

    private static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5));
    private static final String CREDENTIAL = "the-lab-port-credential-from-the-gateway";

    @Test
    void fetchesTheDomainsCredentialRetryingWhileTheGatewayIsNotReady() throws Exception {
        try (FakeGateway gateway = FakeGateway.start(0, new Reply(503, "{}"),
                new Reply(200, "{\"domain\":\"lab ops\",\"credential\":\"" + CREDENTIAL + "\"}"))) {
            AcceptedCredentials credentials = GatewayCredentials.fetch(gateway.url(), "lab-token", "lab ops", FAST);

            assertThat(credentials).isEqualTo(AcceptedCredentials.of(CREDENTIAL));
            Request first = gateway.next();
            assertThat(first.method()).isEqualTo("GET");
            assertThat(first.path()).isEqualTo("/api/port-credentials/lab ops");
            assertThat(first.header("Authorization")).isEqualTo("Bearer lab-token");
            assertThat(gateway.next().path()).as("asked again").isEqualTo("/api/port-credentials/lab ops");
        }
    }

    @Test
    void aRefusalIsFinal() {
        try (FakeGateway gateway = FakeGateway.start(0, new Reply(403,
                "{\"code\":\"FORBIDDEN\",\"message\":\"'ci' may not read the port credential of domain 'lab'\"}"))) {
            assertThatThrownBy(() -> GatewayCredentials.fetch(gateway.url(), "sales-token", "lab", FAST))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("refused the port credential of domain 'lab': HTTP 403")
                    .hasMessageContaining("may not read the port credential");
            assertThat(gateway.pending()).isEqualTo(1);
        }
    }
}

package io.portico.gateway.port;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.gateway.policy.DeploymentSecret;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The credential the gateway presents to each domain's ports: derived per domain and generation, or configured. */
class PortCredentialsTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(UTF_8);

    @Test
    void aDomainsCredentialIsTheDocumentedHmacOfItsName() throws Exception {
        PortCredentials credentials = new PortCredentials(KEY, 1, Map.of());

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal("portico-port:v1:sales".getBytes(UTF_8)));
        assertThat(credentials.credentialOf("sales")).isEqualTo(expected).hasSize(43);
        assertThat(credentials.credentialOf("crm")).isNotEqualTo(expected);
        assertThat(credentials.credentialOf("Sales")).as("domains are names, compared exactly").isNotEqualTo(expected);
        assertThat(new PortCredentials(KEY, 1, Map.of()).credentialOf("sales")).as("every replica alike")
                .isEqualTo(expected);
    }

    @Test
    void theNextGenerationIsAnotherCredentialAndAConfiguredOneWins() {
        PortCredentials first = new PortCredentials(KEY, 1, Map.of("inventory", "a-random-inventory-credential"));
        PortCredentials second = first.next();

        assertThat(second.generation()).isEqualTo(2);
        assertThat(second.credentialOf("sales")).isNotEqualTo(first.credentialOf("sales"))
                .isEqualTo(new PortCredentials(KEY, 2, Map.of()).credentialOf("sales"));
        assertThat(first.credentialOf("inventory")).isEqualTo("a-random-inventory-credential");
        assertThat(second.credentialOf("inventory")).isEqualTo("a-random-inventory-credential");
        assertThat(first.isConfigured("inventory")).isTrue();
        assertThat(first.isConfigured("sales")).isFalse();
        assertThat(first.toString()).doesNotContain("a-random-inventory-credential", first.credentialOf("sales"));
    }

    @Test
    void theDeploymentSecretGivesAKeyOfItsOwnAndBadSettingsAreRefused() {
        DeploymentSecret secret = DeploymentSecret.fromBase64(Base64.getEncoder().encodeToString(KEY));
        assertThat(secret.portCredentialKey()).hasSize(32).isNotEqualTo(secret.cursorKey()).isNotEqualTo(KEY);

        assertThatThrownBy(() -> new PortCredentials("short".getBytes(UTF_8), 1, Map.of()))
                .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> PortCredentials.fromSecret("not base64!", 1, Map.of()))
                .hasMessageContaining("portico.ports.credentials.secret is not base64");
        assertThatThrownBy(() -> new PortCredentials(KEY, 1, Map.of("sales", "short")))
                .hasMessageContaining("portico.ports.credentials.domains.sales").hasMessageContaining("16");
        assertThatThrownBy(() -> new PortCredentials(KEY, 0, Map.of())).hasMessageContaining("at least 1");
    }
}

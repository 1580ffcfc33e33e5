package io.portico.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.auth.AcceptedCredentials;
import io.portico.flight.testkit.PorticoCommand;
import io.portico.flight.testkit.PorticoCommand.Run;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.security.DemoTokenIssuer;
import io.portico.gateway.security.DemoTokenRequest;
import io.portico.gateway.security.SecurityProperties;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.Gadgets;
import io.portico.gateway.testing.TestPortCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./portico port check|publish|retire|credential} (the command line of io.portico.flight.cli, run in this JVM
 * as the launcher runs it, with PORTICO_URL and PORTICO_TOKEN in its environment) against the real gateway over
 * HTTP with real demo tokens: the answer as JSON on stdout, a summary on stderr, exit 0 when accepted, 1 when
 * refused, 2 when the gateway cannot be asked. The messages are those the launcher's bash printed.
 */
@DemoGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PorticoPortCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int httpPort;

    @Autowired
    DemoTokenIssuer issuer;

    @Autowired
    SecurityProperties security;

    private TestPort port;

    @BeforeAll
    void startPort() throws Exception {
        port = Gadgets.workshopPort("kiln");
    }

    @AfterAll
    void stopPort() throws Exception {
        if (port != null) {
            port.close();
        }
    }

    private String token(String domain) {
        return issuer.mint(new DemoTokenRequest("cli", Set.of(), Set.of(), Set.of(domain), Map.of(),
                Duration.ofMinutes(10)), security.claims()).token();
    }

    private static JsonNode json(Run run) {
        return JSON.readTree(run.stdout());
    }

    private Run portico(Map<String, String> environment, String... arguments) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putIfAbsent("PORTICO_URL", "http://127.0.0.1:" + httpPort);
        List<String> command = new ArrayList<>(List.of("port"));
        command.addAll(List.of(arguments));
        return PorticoCommand.run(merged, command.toArray(String[]::new));
    }

    @Test
    void checkPublishAndRetireAContractFile(@TempDir Path directory) throws Exception {
        Path contract = directory.resolve("kiln.odcs.yaml");
        Files.writeString(contract, Gadgets.document("kiln-gadgets", "kiln", "1.0.0", port.url()));
        Map<String, String> withToken = Map.of("PORTICO_TOKEN", token("kiln"));

        Run check = portico(withToken, "check", contract.toString());
        Run publish = portico(Map.of(), "publish", contract.toString(), "--token", token("kiln"));
        Run retire = portico(withToken, "retire", "kiln-gadgets");

        assertThat(check.exitCode()).as("%s", check).isZero();
        assertThat(json(check).path("outcome").asString()).isEqualTo("CHECKED");
        assertThat(check.stdout()).as("printed readably").contains("\n  \"status\"");
        assertThat(check.stderr()).startsWith("portico: port check: CHECKED (HTTP 200): the contract of port"
                + " 'kiln-gadgets' can be published: first publication, as version 1.0.0");
        assertThat(publish.exitCode()).as("%s", publish).isZero();
        assertThat(json(publish).path("outcome").asString()).isEqualTo("PUBLISHED");
        assertThat(publish.stderr()).startsWith("portico: port publish: PUBLISHED (HTTP 201): port 'kiln-gadgets'"
                + " version 1.0.0 is published");
        assertThat(retire.exitCode()).as("%s", retire).isZero();
        assertThat(json(retire).path("outcome").asString()).isEqualTo("RETIRED");
    }

    @Test
    void aRefusalExitsWithOneAndSaysWhy(@TempDir Path directory) throws Exception {
        Path contract = directory.resolve("kiln.odcs.yaml");
        Files.writeString(contract, Gadgets.document("kiln-invalid", "kiln", "1.0.0", port.url())
                .replace("physicalName: gadgets", "physicalName: gizmos"));

        Run invalid = portico(Map.of("PORTICO_TOKEN", token("kiln")), "publish", contract.toString());
        Run forbidden = portico(Map.of("PORTICO_TOKEN", token("crm")), "check", contract.toString());
        Run unknown = portico(Map.of("PORTICO_TOKEN", token("kiln")), "retire", "no such port");

        assertThat(invalid.exitCode()).as("%s", invalid).isEqualTo(1);
        assertThat(json(invalid).path("problems").get(0).path("kind").asString()).isEqualTo("DATASET_MISSING");
        assertThat(invalid.stderr()).startsWith("portico: port publish: refused, INVALID (HTTP 422): the contract of"
                + " port 'kiln-invalid' has 1 problem: dataset 'gadgets': the port serves no table 'gizmos'");
        assertThat(forbidden.exitCode()).isEqualTo(1);
        assertThat(forbidden.stderr()).contains("refused, FORBIDDEN (HTTP 403)");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderr()).contains("refused, NOT_FOUND (HTTP 404): no port 'no such port' is registered");
    }

    @Test
    void printsTheDomainsPortCredentialForItsPublishersOnly(@TempDir Path directory) throws Exception {
        Run own = portico(Map.of("PORTICO_TOKEN", token("kiln")), "credential", "--domain", "kiln");
        Run other = portico(Map.of("PORTICO_TOKEN", token("crm")), "credential", "--domain", "kiln");

        assertThat(own.exitCode()).as("%s", own).isZero();
        assertThat(own.stdout()).isEqualTo(TestPortCredentials.credentialOf("kiln") + "\n");
        Path file = Files.writeString(directory.resolve("kiln.credential"), own.stdout());
        assertThat(AcceptedCredentials.read(file).accepts(TestPortCredentials.credentialOf("kiln")))
                .as("what the port's --credential-file reads").isTrue();
        assertThat(other.exitCode()).isEqualTo(1);
        assertThat(other.stdout()).isEmpty();
        assertThat(other.stderr()).contains("refused (HTTP 403)", "may not read the port credential of domain 'kiln'");
    }

    @Test
    void withoutATokenOrAGatewayNothingIsAsked(@TempDir Path directory) throws Exception {
        Path contract = directory.resolve("kiln.odcs.yaml");
        Files.writeString(contract, Gadgets.document("kiln-nowhere", "kiln", "1.0.0", port.url()));

        Run noToken = portico(Map.of(), "publish", contract.toString());
        Run badToken = portico(Map.of("PORTICO_TOKEN", "not-a-token"), "publish", contract.toString());
        Run noGateway = portico(Map.of("PORTICO_TOKEN", token("kiln"), "PORTICO_URL", "http://127.0.0.1:1"),
                "publish", contract.toString());

        assertThat(noToken.exitCode()).isEqualTo(2);
        assertThat(noToken.stderr()).contains("needs a bearer token");
        assertThat(badToken.exitCode()).isEqualTo(1);
        assertThat(badToken.stderr()).contains("refused, HTTP 401 (HTTP 401): the bearer token is malformed");
        assertThat(noGateway.exitCode()).isEqualTo(2);
        assertThat(noGateway.stderr()).contains("no gateway answers at http://127.0.0.1:1");
    }
}

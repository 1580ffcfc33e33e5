package io.portico.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.GraphQlClient.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The probes the Kubernetes manifests and the compose health checks call ({@code deploy/kubernetes},
 * {@code docker-compose.yml}) exist outside Kubernetes too, answer without a token, and say UP on a started
 * gateway without the details (ports, addresses) that only the platform team sees. The compose file's own health
 * check commands are run here, with bash, against this gateway and a listening port, and fail against nothing.
 */
@DemoGatewayTest
class ActuatorProbesEndToEndTest {

    private static final JsonNode SERVICES = new YAMLMapper()
            .readTree(DockerComposeTest.repositoryRoot().resolve("docker-compose.yml")).path("services");

    @LocalServerPort
    int httpPort;

    @Test
    void livenessAndReadinessAnswerUpWithoutAToken() {
        GraphQlClient client = new GraphQlClient(httpPort);
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            Response response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + probe))
                    .timeout(Duration.ofSeconds(10)).GET().build());

            assertThat(response.status()).as(probe).isEqualTo(200);
            assertThat(response.body().path("status").asString()).as(probe).isEqualTo("UP");
            assertThat(response.body().has("components")).as(probe).isFalse();
            assertThat(response.body().has("details")).as(probe).isFalse();
        }
    }

    @Test
    void theComposeHealthCheckOfTheGatewayPassesOnAReadyGatewayAndFailsWithoutOne() throws Exception {
        String check = DockerComposeTest.healthCheckCommand(SERVICES.path("gateway"));

        assertThat(run(check.replace("/8080", "/" + httpPort))).as(check).isZero();
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int nothing = closed.getLocalPort();
            closed.close();
            assertThat(run(check.replace("/8080", "/" + nothing))).isNotZero();
        }
    }

    @Test
    void theComposeHealthCheckOfAPortPassesWhileItListens() throws Exception {
        String check = DockerComposeTest.healthCheckCommand(SERVICES.path("sales-port"));
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(run(check.replace("/31337", "/" + listening.getLocalPort()))).as(check).isZero();
            listening.close();
            assertThat(run(check.replace("/31337", "/" + listening.getLocalPort()))).isNotZero();
        }
    }

    private static int run(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        boolean ended = process.waitFor(20, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("health check ended: %s", output).isTrue();
        return process.exitValue();
    }
}

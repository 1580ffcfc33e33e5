package io.portico.benchmarks.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The port credential of a demo domain, as the demo gateway gives it to the domain's publishers: a demo token naming
 * the domain ({@code POST /demo/token}), then {@code GET /api/port-credentials/<domain>}. What a harness pulling
 * from a demo port directly presents: ports answer only their domain's credential.
 */
final class DemoPortCredential {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DemoPortCredential() {
    }

    /**
     * @param gateway the demo gateway's base URL, e.g. {@code http://localhost:18080}
     * @throws IllegalStateException when the gateway is not the demo gateway or refuses
     */
    static String of(URI gateway, String domain) throws IOException, InterruptedException {
        String token = DemoTokens.mint(gateway, java.util.Map.of("subject", "portico-bench", "domains",
                java.util.List.of(domain), "lifetime", "1h"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> credential = http.send(HttpRequest.newBuilder(
                        gateway.resolve("/api/port-credentials/" + domain))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        if (credential.statusCode() != 200) {
            throw new IllegalStateException("GET /api/port-credentials/" + domain + " answered HTTP "
                    + credential.statusCode() + ": " + credential.body());
        }
        return JSON.readTree(credential.body()).path("credential").asString();
    }
}

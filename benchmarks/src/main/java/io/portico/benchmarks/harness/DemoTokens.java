package io.portico.benchmarks.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Bearer tokens of the demo gateway's own issuer ({@code POST /demo/token}) for a harness's subjects. */
final class DemoTokens {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DemoTokens() {
    }

    /**
     * A one-hour token of subject {@code portico-bench-<role>} with one role.
     *
     * @param gateway the demo gateway's base URL, e.g. {@code http://localhost:18080}
     * @throws IllegalStateException when the gateway has no demo issuer or refuses
     */
    static String withRole(URI gateway, String role) throws IOException, InterruptedException {
        return mint(gateway, Map.of("subject", "portico-bench-" + role, "roles", List.of(role), "lifetime", "1h"));
    }

    /**
     * A token for the demo issuer's request {@code body} (subject, roles, domains, claims, lifetime).
     *
     * @throws IllegalStateException when the gateway has no demo issuer or refuses
     */
    static String mint(URI gateway, Map<String, Object> body) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(gateway.resolve("/demo/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 200) {
            throw new IllegalStateException("POST /demo/token answered HTTP " + token.statusCode()
                    + " (is it the demo gateway? else pass the token or credential yourself)");
        }
        return token.body().strip();
    }
}

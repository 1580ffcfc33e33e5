package io.portico.benchmarks.scale;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the harness asks the gateway over HTTP: tokens, publications, GraphQL. */
final class GatewayClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One answered publication.
     *
     * @param status   the HTTP status
     * @param nanos    from sending the request to having read the whole answer
     * @param answer   the parsed body (a RegistrationResult)
     */
    record Publication(int status, long nanos, JsonNode answer) {

        boolean published() {
            return status == 201;
        }

        /** {@code schemaVersion} of the answer, or -1 when it has none. */
        long schemaVersion() {
            JsonNode version = answer.path("schemaVersion");
            return version.isNumber() ? version.asLong() : -1;
        }

        String message() {
            return answer.path("message").asString(answer.toString());
        }
    }

    /**
     * One GraphQL answer.
     *
     * @param status the HTTP status
     * @param nanos  from sending the request to having read the whole answer
     * @param body   the answer's bytes
     */
    record GraphqlAnswer(int status, long nanos, byte[] body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        /** HTTP 200 and no top-level {@code errors}. */
        boolean ok() {
            return status == 200 && !json().has("errors");
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;

    /** @param base the gateway, e.g. {@code http://localhost:18090} */
    GatewayClient(URI base) {
        String text = requireNonNull(base, "base is null").toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    URI base() {
        return base;
    }

    /** Waits until the gateway answers {@code { schemaVersion }}, or fails after the timeout. */
    long awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String lastProblem = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                GraphqlAnswer answer = graphql("{ schemaVersion }");
                if (answer.ok()) {
                    return answer.json().path("data").path("schemaVersion").asLong();
                }
                lastProblem = "HTTP " + answer.status() + ": " + new String(answer.body(), StandardCharsets.UTF_8);
            } catch (IOException notYet) {
                lastProblem = notYet.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the gateway at " + base + " did not answer within " + timeout + " ("
                + lastProblem + ")");
    }

    /** A demo token ({@code POST /demo/token}) for {@code subject} that may publish {@code domains}. */
    String mintToken(String subject, List<String> domains) throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(Map.of("subject", subject, "domains", domains, "lifetime", "8h"));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/demo/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /demo/token answered HTTP " + response.statusCode() + ": "
                    + response.body() + " (is it the demo gateway? else pass --token)");
        }
        return response.body().strip();
    }

    /** {@code GET /api/port-credentials/{domain}}: the credential the gateway presents to the domain's ports. */
    String portCredential(String domain, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/port-credentials/" + domain))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/port-credentials/" + domain + " answered HTTP "
                    + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("credential").asString();
    }

    /** {@code POST /api/ports} with the contract document as YAML. */
    Publication publish(String document, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/ports"))
                .timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/yaml")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(document, StandardCharsets.UTF_8))
                .build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long nanos = System.nanoTime() - start;
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (RuntimeException notJson) {
            answer = JSON.createObjectNode().put("message", new String(response.body(), StandardCharsets.UTF_8));
        }
        return new Publication(response.statusCode(), nanos, answer);
    }

    /** {@code GET /api/ports}: how many ports are active in the registry. */
    int activePorts(String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/ports"))
                .timeout(Duration.ofMinutes(2))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/ports answered HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body()).size();
    }

    /** Sends a GraphQL query (no variables) to {@code /graphql}. */
    GraphqlAnswer graphql(String query) throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(Map.of("query", query));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/graphql"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json, application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new GraphqlAnswer(response.statusCode(), System.nanoTime() - start, response.body());
    }
}

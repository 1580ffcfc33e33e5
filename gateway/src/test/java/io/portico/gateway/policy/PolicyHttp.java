package io.portico.gateway.policy;

import io.portico.gateway.testing.GraphQlClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GraphQL over HTTP with a demo token of given roles and claims, for the policy tests. */
final class PolicyHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();
    private final int port;

    PolicyHttp(int port) {
        this.port = port;
    }

    /** A demo token for a subject with one role (none when null) and attribute claims. */
    String token(String subject, String role, Map<String, String> claims) {
        Map<String, Object> request = role == null
                ? Map.of("subject", subject, "claims", claims)
                : Map.of("subject", subject, "roles", java.util.List.of(role), "claims", claims);
        JsonNode minted = send(HttpRequest.newBuilder(uri("/demo/token"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))).build());
        return minted.path("token").asString();
    }

    /** A demo token that may publish ports of {@code domain}. */
    String publisherToken(String domain) {
        JsonNode minted = send(HttpRequest.newBuilder(uri("/demo/token"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "subject", "ci-" + domain, "roles", java.util.List.of("publisher"),
                        "domains", java.util.List.of(domain))))).build());
        return minted.path("token").asString();
    }

    /** The answer of publishing a contract document (YAML). */
    JsonNode publish(String contract, String token) {
        return send(HttpRequest.newBuilder(uri("/api/ports"))
                .header("Content-Type", "application/yaml").header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(contract)).build());
    }

    /** Retires every version of a port. */
    void retire(String portId, String token) {
        send(HttpRequest.newBuilder(uri("/api/ports/" + portId)).header("Authorization", "Bearer " + token)
                .DELETE().build());
    }

    /** The response body of a GraphQL query (token null: anonymous). */
    JsonNode graphQl(String query, Map<String, Object> variables, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/graphql"))
                .header("Content-Type", "application/json").header("Accept", GraphQlClient.JSON)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("query", query, "variables", variables))));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    JsonNode graphQl(String query, String token) {
        return graphQl(query, Map.of(), token);
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body().isEmpty() ? "null" : response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

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
            return JSON.readTree(response.body());
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

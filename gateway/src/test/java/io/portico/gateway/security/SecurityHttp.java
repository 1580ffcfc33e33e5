package io.portico.gateway.security;

import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.GraphQlClient.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP calls to a running gateway, with or without a bearer token. */
final class SecurityHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final GraphQlClient client;

    SecurityHttp(int port) {
        this.port = port;
        this.client = new GraphQlClient(port);
    }

    Response get(String path, String token) {
        return client.send(withToken(HttpRequest.newBuilder(uri(path)).GET(), token).build());
    }

    Response getWithAuthorization(String path, String authorization) {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).GET().build());
    }

    Response graphQl(String query, String token) {
        String body = JSON.writeValueAsString(Map.of("query", query));
        return client.send(withToken(HttpRequest.newBuilder(uri("/graphql"))
                .header("Content-Type", "application/json")
                .header("Accept", GraphQlClient.GRAPHQL_RESPONSE)
                .POST(HttpRequest.BodyPublishers.ofString(body)), token).build());
    }

    Response graphQlGet(String query, String token) {
        String encoded = java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8);
        return client.send(withToken(HttpRequest.newBuilder(uri("/graphql?query=" + encoded))
                .header("Accept", GraphQlClient.GRAPHQL_RESPONSE).GET(), token).build());
    }

    Response post(String path, String json, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.build());
    }

    /** POST returning the raw body text (for text/plain answers). */
    String postForText(String path, String json) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path))
                            .header("Content-Type", "application/json").header("Accept", "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String header(Response response, String name) {
        return response.headers().entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .flatMap(entry -> entry.getValue().stream())
                .findFirst().orElse(null);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpRequest.Builder withToken(HttpRequest.Builder request, String token) {
        request.timeout(Duration.ofSeconds(60));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }
}

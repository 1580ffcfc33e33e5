package io.portico.gateway.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway over HTTP for the cache tests: demo tokens, GraphQL, the invalidation and admin endpoints. */
final class CacheHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();
    private final int port;

    CacheHttp(int port) {
        this.port = port;
    }

    /** A demo token with roles (may be empty), attribute claims and the domains it may publish. */
    String token(String subject, List<String> roles, Map<String, String> claims, List<String> domains) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("subject", subject);
        request.put("roles", roles);
        request.put("claims", claims);
        request.put("domains", domains);
        return send(HttpRequest.newBuilder(uri("/demo/token")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))).build(), null)
                .body().path("token").asString();
    }

    /** The response body of a GraphQL query; token null: anonymous. */
    JsonNode graphQl(String query, String token) {
        return send(HttpRequest.newBuilder(uri("/graphql")).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build(),
                token).body();
    }

    /** A GraphQL query sent with GET (the answer's headers matter: Cache-Control, ETag); token null: anonymous. */
    Answer getGraphQl(String query, String token) {
        return send(HttpRequest.newBuilder(uri("/graphql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .header("Accept", "application/json").GET().build(), token);
    }

    Answer post(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(), token);
    }

    Answer get(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build(), token);
    }

    Answer delete(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().build(), token);
    }

    /** The text of {@code /actuator/prometheus}. */
    String prometheus() {
        try {
            return client.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Answer send(HttpRequest request, String token) {
        HttpRequest withToken = token == null ? request
                : HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", "Bearer " + token)
                        .build();
        try {
            HttpResponse<String> response = client.send(withToken, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body().isEmpty() ? "null"
                    : response.body()), response.headers());
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

    record Answer(int status, JsonNode body, HttpHeaders headers) {

        /** The first value of header {@code name}, or null. */
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }
}

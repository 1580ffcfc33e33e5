package io.portico.gateway.registration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP calls to the registration API of a running gateway. */
final class RegistrationHttp {

    static final String YAML = "application/yaml";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    RegistrationHttp(int port) {
        this.port = port;
    }

    Answer publish(String document, String token) {
        return post("/api/ports", document, YAML, token);
    }

    Answer check(String document, String token) {
        return post("/api/ports/check", document, YAML, token);
    }

    Answer post(String path, String body, String contentType, String token) {
        return post(path, HttpRequest.BodyPublishers.ofString(body), contentType, token);
    }

    Answer post(String path, HttpRequest.BodyPublisher body, String contentType, String token) {
        HttpRequest.Builder request = request(path, token).POST(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    Answer get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    Answer delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    /** A GraphQL request with a bearer token (or none). */
    Answer graphQl(String query, String variablesJson, String token) {
        String body = "{\"query\": " + JSON.writeValueAsString(query)
                + (variablesJson == null ? "" : ", \"variables\": " + variablesJson) + "}";
        HttpRequest.Builder request = request("/graphql", token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(request.build());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One HTTP answer: status, JSON body, and the body as it was sent. */
    record Answer(int status, JsonNode body, String raw) {

        String text(String field) {
            return body.path(field).asString();
        }

        List<String> problemPaths() {
            return body.path("problems").valueStream().map(problem -> problem.path("path").asString()).toList();
        }

        List<String> problemKinds() {
            return body.path("problems").valueStream().map(problem -> problem.path("kind").asString()).toList();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}

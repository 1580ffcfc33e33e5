package io.portico.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the gateway's GraphQL endpoint, as tests use it. */
public final class GraphQlClient {

    public static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    public static final String JSON = "application/json";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;

    public GraphQlClient(int httpPort) {
        this.endpoint = URI.create("http://127.0.0.1:" + httpPort + "/graphql");
    }

    public URI endpoint() {
        return endpoint;
    }

    /** POST a query, accepting application/graphql-response+json. */
    public Response post(String query) {
        return post(query, Map.of());
    }

    public Response post(String query, Map<String, Object> variables) {
        return post(query, variables, null);
    }

    /** POST a query as the subject of a bearer token (null: anonymously). */
    public Response post(String query, Map<String, Object> variables, String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        if (!variables.isEmpty()) {
            body.put("variables", variables);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", JSON)
                .header("Accept", GRAPHQL_RESPONSE)
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** POST a query and fail the test unless it answered 200 without errors. */
    public JsonNode data(String query) {
        return data(query, null);
    }

    /** POST a query as the subject of a bearer token and fail the test unless it answered 200 without errors. */
    public JsonNode data(String query, String token) {
        Response response = post(query, Map.of(), token);
        assertThat(response.errors()).as("errors of %s", query).isEmpty();
        assertThat(response.status()).isEqualTo(200);
        return response.body().get("data");
    }

    public Response postRaw(String body, String contentType, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(request.build());
    }

    /** GET with the given query parameters (URL-encoded here). */
    public Response get(Map<String, String> parameters, String accept) {
        return get(parameters, accept == null ? Map.of() : Map.of("Accept", accept));
    }

    /** GET with the given query parameters (URL-encoded here) and request headers. */
    public Response get(Map<String, String> parameters, Map<String, String> headers) {
        StringBuilder uri = new StringBuilder(endpoint.toString());
        String separator = "?";
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            uri.append(separator).append(parameter.getKey()).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = "&";
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(60)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    /** POST a JSON body (any fields: query, extensions, ...) with request headers. */
    public Response post(Map<String, Object> body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)));
        headers.forEach(request::header);
        return send(request.build());
    }

    /**
     * A token of the demo gateway's own issuer ({@code /demo/token}) for a subject with one role (none when null) and
     * attribute claims.
     */
    public String demoToken(String subject, String role, Map<String, String> claims) {
        Map<String, Object> mint = new LinkedHashMap<>();
        mint.put("subject", subject);
        if (role != null) {
            mint.put("roles", List.of(role));
        }
        mint.put("claims", claims);
        Response minted = send(HttpRequest.newBuilder(endpoint.resolve("/demo/token"))
                .header("Content-Type", JSON).header("Accept", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(mint))).build());
        assertThat(minted.status()).as("minting a demo token: %s", minted).isEqualTo(200);
        return minted.body().path("token").asString();
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body().isEmpty() ? null : MAPPER.readTree(response.body());
            return new Response(response.statusCode(), contentType, body, response.headers().map());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One HTTP answer of the endpoint. */
    public record Response(int status, String contentType, JsonNode body, Map<String, List<String>> headers) {

        public List<JsonNode> errors() {
            if (body == null || body.get("errors") == null) {
                return List.of();
            }
            return body.get("errors").valueStream().toList();
        }

        /** The extensions.code of every error, in order. */
        public List<String> codes() {
            return errors().stream().map(error -> error.path("extensions").path("code").asString()).toList();
        }

        /** The first value of a response header (any case), or null. */
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(header -> header.getKey().equalsIgnoreCase(name))
                    .flatMap(header -> header.getValue().stream())
                    .findFirst().orElse(null);
        }

        public JsonNode data() {
            return body == null ? null : body.get("data");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}

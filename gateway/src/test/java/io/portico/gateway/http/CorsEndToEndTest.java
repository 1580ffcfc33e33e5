package io.portico.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * CORS over real HTTP against a gateway that allows one browser application's origin with credentials. Written as
 * the attacks too: a page on another origin gets no preflight and no answer it could read, and no answer to an
 * allowed origin can be replayed by a shared cache to another (every one varies by {@code Origin}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:cors-end-to-end;DB_CLOSE_DELAY=-1",
        "portico.http.cors.allowed-origins=" + CorsEndToEndTest.APP,
        "portico.http.cors.allowed-headers=Authorization,Content-Type,Accept",
        "portico.http.cors.exposed-headers=ETag",
        "portico.http.cors.allow-credentials=true",
        "portico.http.cors.max-age=10m"})
class CorsEndToEndTest {

    static final String APP = "https://app.example.com";
    private static final String ELSEWHERE = "https://evil.example.net";
    private static final String QUERY = "{ schemaVersion }";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int httpPort;

    @Test
    void aPreflightFromTheAllowedOriginIsAnswered() {
        HttpResponse<String> preflight = preflight("/graphql", APP, "POST", "authorization,content-type");

        assertThat(preflight.statusCode()).as(preflight.body()).isEqualTo(200);
        assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(header(preflight, "Access-Control-Allow-Methods")).contains("POST");
        assertThat(header(preflight, "Access-Control-Allow-Headers").toLowerCase())
                .contains("authorization").contains("content-type");
        assertThat(header(preflight, "Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(header(preflight, "Access-Control-Max-Age")).isEqualTo("600");
    }

    @Test
    void aPreflightNeedsNoTokenEvenWhereTheRequestWill() {
        HttpResponse<String> preflight = preflight("/api/whoami", APP, "GET", "authorization");

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo(APP);
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        HttpResponse<String> preflight = preflight("/graphql", ELSEWHERE, "POST", "authorization,content-type");

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(accessControlHeaders(preflight)).isEmpty();
    }

    @Test
    void aPreflightAskingForAMethodOrHeaderNotAllowedIsRefused() {
        assertThat(preflight("/graphql", APP, "DELETE", "content-type").statusCode()).isEqualTo(403);
        assertThat(preflight("/graphql", APP, "POST", "x-forwarded-for").statusCode()).isEqualTo(403);
    }

    @Test
    void anAnswerToTheAllowedOriginIsReadableAndVariesByOrigin() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/graphql?query=%7B%20schemaVersion%20%7D"))
                .header("Origin", APP).header("Accept", "application/json").GET());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("schemaVersion");
        assertThat(header(answer, "Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(header(answer, "Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(header(answer, "Access-Control-Expose-Headers")).isEqualTo("ETag");
        assertThat(answer.headers().allValues("Vary"))
                .as("a shared cache must key on the origin, and still on who asks")
                .anySatisfy(vary -> assertThat(vary).contains("Origin"))
                .anySatisfy(vary -> assertThat(vary).contains("Authorization"));
    }

    @Test
    void aRefusalOfAMissingTokenIsReadableByTheAllowedOrigin() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/api/whoami")).header("Origin", APP).GET());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(header(answer, "Access-Control-Allow-Origin")).isEqualTo(APP);
    }

    @Test
    void aRequestFromAnotherOriginIsRefusedBeforeItRuns() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/graphql"))
                .header("Origin", ELSEWHERE).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + QUERY + "\"}")));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).doesNotContain("schemaVersion");
        assertThat(accessControlHeaders(answer)).isEmpty();
    }

    @Test
    void aSameOriginRequestWithoutOriginIsServedAsBefore() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/graphql"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + QUERY + "\"}")));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(accessControlHeaders(answer)).isEmpty();
    }

    @Test
    void theSchemaDownloadIsReadableByTheAllowedOriginWithItsTag() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/graphql/schema.graphql"))
                .header("Origin", APP).GET());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("type Query");
        assertThat(header(answer, "Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(header(answer, "ETag")).isNotNull();
    }

    private HttpResponse<String> preflight(String path, String origin, String method, String headers) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static List<String> accessControlHeaders(HttpResponse<?> response) {
        return response.headers().map().entrySet().stream()
                .filter(header -> header.getKey().toLowerCase().startsWith("access-control-"))
                .map(Map.Entry::getKey)
                .toList();
    }
}

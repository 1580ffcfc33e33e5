package io.portico.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.testing.DemoGatewayTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * CORS off (the default, here on the demo gateway): a page on another origin is sent no {@code Access-Control-*}
 * header, neither for a preflight nor for a request, so its browser lets it read nothing.
 */
@DemoGatewayTest
class CorsOffEndToEndTest {

    private static final String ORIGIN = "https://app.example.com";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int httpPort;

    @Test
    void aPreflightGetsNoAccessControlHeader() {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/graphql"))
                .header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(preflight.headers().map().keySet())
                .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void aCrossOriginRequestGetsNoAccessControlHeader() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/graphql?query=%7B%20schemaVersion%20%7D"))
                .header("Origin", ORIGIN).header("Accept", "application/json").GET());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().map().keySet())
                .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.portico.flight.registration;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One HTTP exchange at a time with a Portico gateway's REST API: the base URL, the bearer token (optional) and a
 * timeout, no retries and no logging. {@link PortSelfRegistration} posts its contracts through it (and retries
 * around it); the {@code ./portico} command line ({@code io.portico.flight.cli}) makes its single calls through it.
 */
public final class GatewayClient {

    private final String base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param gatewayUrl the gateway's base URL, e.g. {@code http://localhost:8080} (a trailing slash is ignored)
     * @param token      the bearer token sent with every request, or null to send none
     * @param timeout    how long connecting and each request may take
     * @throws IllegalArgumentException when the URL is not http:// or https:// with a host
     */
    public GatewayClient(URI gatewayUrl, String token, Duration timeout) {
        requireNonNull(gatewayUrl, "gatewayUrl is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.token = token;
        String url = gatewayUrl.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!"http".equals(gatewayUrl.getScheme()) && !"https".equals(gatewayUrl.getScheme())
                || gatewayUrl.getHost() == null) {
            throw new IllegalArgumentException("the gateway URL must be http:// or https://, was " + gatewayUrl);
        }
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The gateway's base URL, without a trailing slash. */
    public String base() {
        return base;
    }

    /** The absolute URI of {@code path} (which starts with a slash, its segments already encoded) on the gateway. */
    public URI uri(String path) {
        return URI.create(base + path);
    }

    /** One path segment percent-encoded (a space as {@code %20}, a slash as {@code %2F}). */
    public static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code GET path} accepting {@code accept}. */
    public Reply get(String path, String accept) throws IOException, InterruptedException {
        return send(request(path, accept).GET());
    }

    /** {@code DELETE path} accepting {@code accept}. */
    public Reply delete(String path, String accept) throws IOException, InterruptedException {
        return send(request(path, accept).DELETE());
    }

    /** {@code POST path} with {@code body} of {@code contentType}, accepting {@code accept}. */
    public Reply post(String path, String contentType, byte[] body, String accept)
            throws IOException, InterruptedException {
        return send(request(path, accept).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private HttpRequest.Builder request(String path, String accept) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(timeout).header("Accept", accept);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.body() == null ? "" : response.body());
    }

    /** What the gateway answered: the HTTP status and the body as text. */
    public record Reply(int status, String body) {

        public Reply {
            requireNonNull(body, "body is null");
        }

        /** True for a 2xx status. */
        public boolean successful() {
            return status >= 200 && status < 300;
        }
    }
}

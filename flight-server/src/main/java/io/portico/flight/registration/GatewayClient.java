package io.portico.flight.registration;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
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
        return send("GET", path, accept, null, null);
    }

    /** {@code DELETE path} accepting {@code accept}. */
    public Reply delete(String path, String accept) throws IOException, InterruptedException {
        return send("DELETE", path, accept, null, null);
    }

    /** {@code POST path} with {@code body} of {@code contentType}, accepting {@code accept}. */
    public Reply post(String path, String contentType, byte[] body, String accept)
            throws IOException, InterruptedException {
        return send("POST", path, accept, contentType, requireNonNull(body, "body is null"));
    }

    /**
     * One exchange over {@link HttpURLConnection}: a JVM that makes one call (the command line) starts it in a tenth
     * of the time {@code java.net.http.HttpClient} takes to build (its selector thread and default TLS context).
     */
    private Reply send(String method, String path, String accept, String contentType, byte[] body)
            throws IOException, InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("interrupted before calling " + base + path);
        }
        HttpURLConnection connection = (HttpURLConnection) uri(path).toURL().openConnection();
        try {
            connection.setRequestMethod(method);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(millis(timeout));
            connection.setReadTimeout(millis(timeout));
            connection.setRequestProperty("Accept", accept);
            if (token != null) {
                connection.setRequestProperty("Authorization", "Bearer " + token);
            }
            if (body != null) {
                connection.setRequestProperty("Content-Type", contentType);
                connection.setDoOutput(true);
                // Not in streaming mode: there a 401 answer's body is lost (the connection cannot retry with
                // credentials, so it drops the error stream); a contract is small enough to buffer.
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text = "";
            if (answer != null) {
                try (answer) {
                    text = new String(answer.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return new Reply(status, text);
        } finally {
            connection.disconnect();
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
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

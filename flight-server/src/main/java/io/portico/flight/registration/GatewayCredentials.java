package io.portico.flight.registration;

import static java.util.Objects.requireNonNull;

import io.portico.flight.auth.AcceptedCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches the port credential of a domain from the gateway: {@code GET <gateway>/api/port-credentials/<domain>}
 * with a bearer token whose {@code domains} claim names the domain (the token that publishes the domain's ports).
 * For a port started with {@code --gateway-url} and no credential of its own: it accepts what the gateway will
 * present to it.
 *
 * <p>While the gateway cannot be reached (no connection, a timeout, a 5xx answer) the request is retried with the
 * {@link PortSelfRegistration.Backoff}; any other answer than 200 is final and fails with the gateway's message.
 */
public final class GatewayCredentials {

    /** The path of the credential API on the gateway; the domain follows. */
    public static final String PATH = "/api/port-credentials/";

    private static final Logger LOG = LoggerFactory.getLogger(GatewayCredentials.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GatewayCredentials() {
    }

    /**
     * The credential of {@code domain}, as the gateway presents it to the domain's ports.
     *
     * @throws IllegalStateException when the gateway refuses (the message says why), or the thread is interrupted
     */
    public static AcceptedCredentials fetch(URI gatewayUrl, String token, String domain,
            PortSelfRegistration.Backoff backoff) {
        requireNonNull(gatewayUrl, "gatewayUrl is null");
        requireNonNull(token, "token is null");
        requireNonNull(domain, "domain is null");
        String base = gatewayUrl.toString().endsWith("/")
                ? gatewayUrl.toString().substring(0, gatewayUrl.toString().length() - 1) : gatewayUrl.toString();
        URI endpoint = URI.create(base + PATH + URLEncoder.encode(domain, StandardCharsets.UTF_8).replace("+", "%20"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(backoff.requestTimeout()).build();
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(backoff.requestTimeout())
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        Duration wait = backoff.initial();
        for (int attempt = 1; ; attempt++) {
            String failure;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    AcceptedCredentials credentials = credentialOf(response.body(), endpoint);
                    LOG.info("fetched the port credential of domain {} from {}", domain, endpoint);
                    return credentials;
                }
                if (response.statusCode() < 500) {
                    throw new IllegalStateException("the gateway at " + endpoint + " refused the port credential of"
                            + " domain '" + domain + "': HTTP " + response.statusCode() + " " + message(response.body()));
                }
                failure = "the gateway answered " + response.statusCode();
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while fetching the port credential from " + endpoint, e);
            }
            LOG.warn("cannot fetch the port credential of domain {} from {} (attempt {}): {}; retrying in {} ms",
                    domain, endpoint, attempt, failure, wait.toMillis());
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while fetching the port credential from " + endpoint, e);
            }
            wait = backoff.next(wait);
        }
    }

    private static AcceptedCredentials credentialOf(String body, URI endpoint) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.path("credential").isString()) {
                return AcceptedCredentials.of(json.path("credential").asString());
            }
        } catch (JacksonException | IllegalArgumentException e) {
            // answered below
        }
        throw new IllegalStateException("the gateway at " + endpoint + " answered no usable port credential");
    }

    private static String message(String body) {
        try {
            JsonNode json = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            String message = json.path("message").asString(json.path("errors").path(0).path("message").asString(""));
            if (!message.isBlank()) {
                return message;
            }
        } catch (JacksonException e) {
            // not JSON: shown as it is
        }
        return body == null ? "" : body.strip();
    }
}

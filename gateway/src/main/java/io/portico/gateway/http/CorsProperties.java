package io.portico.gateway.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cross-origin requests from browser applications, under {@code portico.http.cors} ({@link CrossOriginRequests}).
 * Off while {@code allowed-origins} is empty (the default): the gateway then sends no {@code Access-Control-*}
 * header and answers no preflight. Every setting is checked at start-up; a mistake stops the gateway with the key,
 * the value and what to write instead.
 *
 * @param allowedOrigins   the origins ({@code scheme://host[:port]}, no path, no trailing slash) whose pages may call
 *                         the gateway, or {@code *} for any page (only without credentials); empty: CORS off
 * @param allowedMethods   the methods a page may use ({@code GET}, {@code POST} by default; {@code *}: any)
 * @param allowedHeaders   the request headers a page may send ({@code Authorization}, {@code Content-Type},
 *                         {@code Accept} by default; {@code *}: any)
 * @param exposedHeaders   the response headers a page may read beyond the CORS-safelisted ones ({@code ETag} by
 *                         default)
 * @param allowCredentials whether a page may send cookies or HTTP authentication with its requests and read the
 *                         answers (false by default; never with {@code allowed-origins: *})
 * @param maxAge           how long a browser may reuse a preflight's answer (30 minutes by default)
 */
@ConfigurationProperties("portico.http.cors")
public record CorsProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue({"GET", "POST"}) List<String> allowedMethods,
        @DefaultValue({"Authorization", "Content-Type", "Accept"}) List<String> allowedHeaders,
        @DefaultValue("ETag") List<String> exposedHeaders,
        @DefaultValue("false") boolean allowCredentials,
        @DefaultValue("30m") Duration maxAge) {

    private static final String PREFIX = "portico.http.cors.";
    private static final String ANY = "*";
    /** An HTTP token (RFC 9110 section 5.6.2): a method or header name. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public CorsProperties {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedMethods = List.copyOf(allowedMethods);
        allowedHeaders = List.copyOf(allowedHeaders);
        exposedHeaders = List.copyOf(exposedHeaders);
        allowedOrigins.forEach(CorsProperties::requireOrigin);
        allowedMethods.forEach(method -> requireToken(method, "allowed-methods"));
        allowedHeaders.forEach(header -> requireToken(header, "allowed-headers"));
        exposedHeaders.forEach(header -> requireToken(header, "exposed-headers"));
        if (allowCredentials && allowedOrigins.contains(ANY)) {
            throw new IllegalArgumentException(PREFIX + "allow-credentials=true cannot go with " + PREFIX
                    + "allowed-origins '*': every site on the web could then send its visitors' credentials and read"
                    + " the answers (browsers and Spring refuse the pair too). List the origins of your applications"
                    + " instead, e.g. " + PREFIX + "allowed-origins=https://app.example.com");
        }
        if (allowCredentials && exposedHeaders.contains(ANY)) {
            throw new IllegalArgumentException(PREFIX + "allow-credentials=true cannot go with " + PREFIX
                    + "exposed-headers '*' (browsers ignore the wildcard on credentialed requests): name the headers");
        }
        if (maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException(PREFIX + "max-age must not be negative, was " + maxAge);
        }
    }

    /** Whether cross-origin requests are answered at all: some origin is allowed. */
    public boolean enabled() {
        return !allowedOrigins.isEmpty();
    }

    private static void requireOrigin(String origin) {
        if (ANY.equals(origin)) {
            return;
        }
        String problem = originProblem(origin);
        if (problem != null) {
            throw new IllegalArgumentException(PREFIX + "allowed-origins: '" + origin + "' " + problem + "; an origin"
                    + " is scheme://host[:port] exactly as the browser sends it, e.g. https://app.example.com or"
                    + " http://localhost:3000 (or * for any origin, without credentials)");
        }
    }

    private static String originProblem(String origin) {
        if (origin == null || origin.isBlank() || !origin.strip().equals(origin)) {
            return "is blank or has spaces around it";
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return "is not a URI (" + e.getReason() + ")";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "is not an http or https origin";
        }
        if (uri.getHost() == null) {
            return "names no host";
        }
        if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            return "has more than scheme, host and port (a path, even a trailing '/', never matches)";
        }
        return null;
    }

    private static void requireToken(String value, String key) {
        if (value == null || !TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(PREFIX + key + ": '" + value + "' is not a method or header name");
        }
    }
}

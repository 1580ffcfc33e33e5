package io.portico.gateway.registration;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The network address of a port endpoint as ownership compares it: the host, lower-cased (an IPv6 literal without
 * its brackets), and the TCP port, whatever the scheme ({@code grpc+tcp://Sales-Port:31337} and
 * {@code grpc+tls://sales-port:31337} are one address). Names are compared as written, not resolved: the gateway
 * asks no resolver and no port to decide ownership.
 *
 * @param host the host, lower-case
 * @param port the TCP port
 */
public record EndpointAddress(String host, int port) {

    /** The schemes of a TCP Flight endpoint. */
    static final Set<String> SCHEMES = Set.of("grpc", "grpc+tcp", "grpc+tls");

    public EndpointAddress {
        requireNonNull(host, "host is null");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
        }
    }

    /** The address of a Flight SQL URL; empty when it is not a TCP Flight URL with a host and a port. */
    public static Optional<EndpointAddress> of(String flightSqlUrl) {
        if (flightSqlUrl == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(flightSqlUrl.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!SCHEMES.contains(scheme) || host == null || uri.getPort() < 1 || uri.getPort() > 65_535) {
            return Optional.empty();
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return Optional.of(new EndpointAddress(host.toLowerCase(Locale.ROOT), uri.getPort()));
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}

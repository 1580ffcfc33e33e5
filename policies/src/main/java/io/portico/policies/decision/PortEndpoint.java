package io.portico.policies.decision;

import static java.util.Objects.requireNonNull;

import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.ServerContract;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a port's datasets are read: its Flight SQL endpoint and the SQL dialect it is spoken to in. Two datasets
 * whose ports have the same endpoint can be joined in one statement; this is the one rule for "same port" of
 * relationship-scoped row filters, at load time and when rendering SQL.
 *
 * @param location the Flight SQL URL, scheme and host lower-cased
 * @param dialect  the declared SQL dialect, upper-cased; empty when the contract declares none
 */
public record PortEndpoint(URI location, String dialect) {

    public PortEndpoint {
        requireNonNull(location, "location is null");
        requireNonNull(dialect, "dialect is null");
    }

    /** The endpoint of a contract's Flight SQL server; empty when it has none or its URL is not a URI. */
    public static Optional<PortEndpoint> of(OutputPortContract contract) {
        Optional<ServerContract> server = contract.flightServer();
        if (server.isEmpty() || server.get().flightSqlUrl().isEmpty()) {
            return Optional.empty();
        }
        try {
            URI url = new URI(server.get().flightSqlUrl().get().strip());
            URI normalized = new URI(lower(url.getScheme()), url.getUserInfo(), lower(url.getHost()), url.getPort(),
                    null, null, null);
            return Optional.of(new PortEndpoint(normalized,
                    server.get().sqlDialect().map(dialect -> dialect.strip().toUpperCase(Locale.ROOT)).orElse("")));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}

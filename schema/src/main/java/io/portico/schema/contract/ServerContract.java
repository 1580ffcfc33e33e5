package io.portico.schema.contract;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * One ODCS {@code servers[]} entry. ODCS has no Flight type yet, so a Flight SQL output port is a server of
 * {@code type: custom} whose {@code customProperties} carry {@value #FLIGHT_SQL_URL} (e.g.
 * {@code grpc+tcp://sales-port:31337}) and {@value #SQL_DIALECT} (a jOOQ {@code SQLDialect} name such as
 * {@code DUCKDB} or {@code POSTGRES}).
 *
 * @param server           the server's identifier
 * @param type             the ODCS server type
 * @param description      may be null
 * @param environment      may be null
 * @param customProperties the server's custom properties, values as strings, in document order
 */
public record ServerContract(
        String server,
        String type,
        String description,
        String environment,
        Map<String, String> customProperties) {

    public static final String FLIGHT_SQL_URL = "flightSqlUrl";
    public static final String SQL_DIALECT = "sqlDialect";

    public ServerContract {
        requireNonNull(server, "server is null");
        requireNonNull(type, "type is null");
        customProperties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(customProperties));
    }

    public boolean isFlightSql() {
        return "custom".equals(type) && customProperties.containsKey(FLIGHT_SQL_URL);
    }

    public Optional<String> flightSqlUrl() {
        return Optional.ofNullable(customProperties.get(FLIGHT_SQL_URL));
    }

    public Optional<String> sqlDialect() {
        return Optional.ofNullable(customProperties.get(SQL_DIALECT));
    }
}

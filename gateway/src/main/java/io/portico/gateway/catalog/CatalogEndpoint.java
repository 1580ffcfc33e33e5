package io.portico.gateway.catalog;

import static java.util.Objects.requireNonNull;

/**
 * The Flight SQL endpoint that serves a data product.
 *
 * @param url     its Flight SQL URL
 * @param dialect the SQL dialect the gateway renders for it (a jOOQ dialect name)
 * @param health  whether it answers
 */
public record CatalogEndpoint(String url, String dialect, EndpointHealth health) {

    public CatalogEndpoint {
        requireNonNull(url, "url is null");
        requireNonNull(dialect, "dialect is null");
        requireNonNull(health, "health is null");
    }
}

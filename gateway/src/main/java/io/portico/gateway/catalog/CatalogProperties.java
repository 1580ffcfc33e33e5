package io.portico.gateway.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The catalog's settings, under {@code portico.catalog}.
 *
 * @param healthInterval the pause between two rounds of endpoint health checks
 * @param healthTimeout  the most one endpoint's health check may take; an endpoint slower than that is DOWN
 */
@ConfigurationProperties("portico.catalog")
public record CatalogProperties(
        @DefaultValue("10s") Duration healthInterval,
        @DefaultValue("2s") Duration healthTimeout) {

    public CatalogProperties {
        requirePositive(healthInterval, "portico.catalog.health-interval");
        requirePositive(healthTimeout, "portico.catalog.health-timeout");
    }

    private static void requirePositive(Duration duration, String property) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(property + " must be positive, was " + duration);
        }
    }
}

package io.portico.gateway.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Portico's own meters ({@link RequestMeters}), under {@code portico.metrics}. The histograms' buckets and SLO
 * boundaries are Spring Boot's {@code management.metrics.distribution.*} keys (docs/operations.md#metrics).
 *
 * @param maxOperationNames the most distinct GraphQL operation names that get a series of their own; operations
 *                          named otherwise once that many were seen are measured as {@code other}, so a client
 *                          sending a new name with every request cannot grow the scrape without bound
 * @param portsPollInterval how often the registered ports are read for {@code portico_port_up} and for the series of
 *                          retired ports to remove
 */
@ConfigurationProperties("portico.metrics")
public record MetricsProperties(
        @DefaultValue("100") int maxOperationNames,
        @DefaultValue("1s") Duration portsPollInterval) {

    public MetricsProperties {
        if (maxOperationNames < 0) {
            throw new IllegalArgumentException("portico.metrics.max-operation-names must not be negative, was "
                    + maxOperationNames);
        }
        if (portsPollInterval.isNegative() || portsPollInterval.isZero()) {
            throw new IllegalArgumentException("portico.metrics.ports-poll-interval must be above 0, was "
                    + portsPollInterval);
        }
    }
}

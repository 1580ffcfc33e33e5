package io.portico.gateway.registry;

import static io.portico.gateway.config.PropertyChecks.requirePositive;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The durable registry shared by replicas, under {@code portico.registry} (its database is
 * {@code spring.datasource.*}).
 *
 * @param pollInterval how often the gateway asks the registry database whether another replica changed the
 *                     registry (one small query); a change is in this gateway's schema within about this
 *                     interval plus the time to ask the changed ports for their schemas
 */
@ConfigurationProperties("portico.registry")
public record RegistryProperties(
        @DefaultValue("500ms") Duration pollInterval) {

    public RegistryProperties {
        requirePositive(pollInterval, "portico.registry.poll-interval");
    }
}

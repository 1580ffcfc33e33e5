package io.portico.gateway.registry;

import io.portico.gateway.config.PorticoProperties;
import io.portico.gateway.port.FlightPortClients;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** The port registry, the schema reloader it feeds, and the start-up registration of configured ports. */
@Configuration(proxyBeanMethods = false)
public class RegistryConfiguration {

    /** How long a registration waits for its schema to go live. */
    static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(60);

    @Bean(destroyMethod = "close")
    public SchemaReloader schemaReloader(SchemaInstaller installer) {
        return new SchemaReloader(installer);
    }

    @Bean
    public PortRegistry portRegistry(FlightPortClients clients, SchemaReloader reloader) {
        return new PortRegistry(clients, reloader, INSTALL_TIMEOUT, Clock.systemUTC());
    }

    /** The {@code ports} component of {@code /actuator/health}. */
    @Bean
    public PortsHealthIndicator portsHealthIndicator(PortRegistry registry) {
        return new PortsHealthIndicator(registry);
    }

    @Bean
    public ConfiguredContracts configuredContracts(PorticoProperties properties, ResourceLoader resources) {
        return new ConfiguredContracts(properties.ports().contracts(), resources);
    }

    @Bean
    public RegistryLifecycle registryLifecycle(PortRegistry registry, List<PortContractSource> sources,
            PorticoProperties properties) {
        return new RegistryLifecycle(registry, sources, properties.ports().retryInterval());
    }
}

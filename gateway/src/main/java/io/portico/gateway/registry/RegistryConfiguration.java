package io.portico.gateway.registry;

import io.portico.gateway.catalog.EndpointHealthMonitor;
import io.portico.gateway.graphql.RelationshipsProperties;
import io.portico.gateway.port.FlightPortClients;
import io.portico.gateway.port.PortsProperties;
import io.portico.gateway.registry.store.RegistryStore;
import io.portico.gateway.registry.store.RegistrySynchronizer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * The port registry, the schema reloader it feeds, the start-up registration of configured ports, and the durable
 * registry behind it: the store (over the auto-configured {@code spring.datasource}, migrated by Flyway, through
 * the auto-configured jOOQ context) and its synchronizer.
 */
@Configuration(proxyBeanMethods = false)
public class RegistryConfiguration {

    /** How long a registration waits for its schema to go live. */
    static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(60);

    @Bean(destroyMethod = "close")
    public SchemaReloader schemaReloader(SchemaInstaller installer, RelationshipsProperties relationships) {
        return new SchemaReloader(installer, relationships.keyRule());
    }

    @Bean
    public RegistryStore registryStore(DSLContext dsl) {
        return new RegistryStore(dsl, Clock.systemUTC());
    }

    /** The registry; the stored ports it serves are admitted by endpoint ownership (a {@link PortAdmission} bean). */
    @Bean
    public PortRegistry portRegistry(FlightPortClients clients, SchemaReloader reloader, RegistryStore store,
            PortAdmission admission) {
        return new PortRegistry(clients, reloader, INSTALL_TIMEOUT, Clock.systemUTC(), store, admission);
    }

    /** Loads the stored registrations at start (after the configured ports) and follows other replicas' changes. */
    @Bean
    public RegistrySynchronizer registrySynchronizer(PortRegistry registry, RegistryStore store,
            RegistryProperties properties) {
        return new RegistrySynchronizer(registry, store, properties.pollInterval());
    }

    /** The {@code ports} component of {@code /actuator/health}: whether a port answers is what the catalog says. */
    @Bean
    public PortsHealthIndicator portsHealthIndicator(PortRegistry registry, FlightPortClients clients,
            ObjectProvider<EndpointHealthMonitor> endpoints) {
        return new PortsHealthIndicator(registry, clients.guard(), url -> {
            EndpointHealthMonitor monitor = endpoints.getIfAvailable();
            return monitor == null ? Optional.empty() : monitor.health(url);
        });
    }

    @Bean
    public ConfiguredContracts configuredContracts(PortsProperties ports, ResourceLoader resources) {
        return new ConfiguredContracts(ports.contracts(), resources);
    }

    @Bean
    public RegistryLifecycle registryLifecycle(PortRegistry registry, List<PortContractSource> sources,
            PortsProperties ports) {
        return new RegistryLifecycle(registry, sources, ports.retryInterval());
    }
}

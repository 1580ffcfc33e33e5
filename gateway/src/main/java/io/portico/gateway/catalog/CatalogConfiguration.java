package io.portico.gateway.catalog;

import io.portico.gateway.port.FlightPortClients;
import io.portico.gateway.port.PortChannels;
import io.portico.gateway.registry.PortContractSource;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.store.RegistryStore;
import io.portico.schema.contract.OutputPortContract;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The data product catalog and the endpoint health checks behind it. */
@Configuration(proxyBeanMethods = false)
public class CatalogConfiguration {

    @Bean
    public DataProductCatalog dataProductCatalog(PortRegistry registry, RegistryStore store,
            List<PortContractSource> sources, ObjectProvider<EndpointHealthMonitor> monitor) {
        return new DataProductCatalog(registry, store, startupContracts(sources),
                url -> monitor.getObject().health(url), Clock.systemUTC());
    }

    /**
     * Checks every endpoint of the catalog every {@code portico.catalog.health-interval}; an endpoint that answers
     * has its port's circuit breaker closed and its failed channel dropped.
     */
    @Bean(destroyMethod = "close")
    public EndpointHealthMonitor endpointHealthMonitor(DataProductCatalog catalog, BufferAllocator rootAllocator,
            PortChannels channels, FlightPortClients clients, CatalogProperties properties) {
        return new EndpointHealthMonitor(catalog::endpoints, new FlightSqlPing(rootAllocator, channels),
                properties.healthInterval(), properties.healthTimeout(), Clock.systemUTC(), clients::portAnswered);
    }

    /** The start-up contracts, read once: what the registry registered when the gateway started. */
    private static Supplier<List<OutputPortContract>> startupContracts(List<PortContractSource> sources) {
        return new Supplier<>() {
            private volatile List<OutputPortContract> contracts;

            @Override
            public List<OutputPortContract> get() {
                List<OutputPortContract> read = contracts;
                if (read == null) {
                    List<OutputPortContract> all = new ArrayList<>();
                    sources.forEach(source -> all.addAll(source.contracts()));
                    read = List.copyOf(all);
                    contracts = read;
                }
                return read;
            }
        };
    }
}

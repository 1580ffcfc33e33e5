package io.portico.gateway.port;

import io.portico.gateway.config.PorticoProperties;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The process's one Arrow {@link RootAllocator} and the port clients that allocate under it, their statements
 * guarded by the {@link PortCallGuard} bean (timeouts, breakers, bulkheads, retries per port). Both are closed with
 * the application context: the clients first, then the allocator, which throws when memory leaked.
 */
@Configuration(proxyBeanMethods = false)
public class PortAccessConfiguration {

    static {
        FlightReadPath.useCopyingReads();
    }

    @Bean(destroyMethod = "close")
    public BufferAllocator rootAllocator() {
        return new RootAllocator();
    }

    @Bean(destroyMethod = "close")
    public FlightPortClients flightPortClients(BufferAllocator rootAllocator, PorticoProperties properties,
            PortCallGuard guard) {
        return new FlightPortClients(rootAllocator, properties.ports().schemaTimeout(), guard);
    }
}

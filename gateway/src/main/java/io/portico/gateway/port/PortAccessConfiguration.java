package io.portico.gateway.port;

import io.portico.gateway.policy.DeploymentSecret;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The process's one Arrow {@link RootAllocator} and the port clients that allocate under it, their statements
 * guarded by the {@link PortCallGuard} bean (timeouts, breakers, bulkheads, retries per port), their channels
 * presenting each domain's {@link PortCredentials}. Both are closed with the application context: the clients
 * first, then the allocator, which throws when memory leaked.
 */
@Configuration(proxyBeanMethods = false)
public class PortAccessConfiguration {

    static {
        FlightReadPath.useCopyingReads();
    }

    /** The gateway's Arrow memory for port reads, bounded by {@code portico.ports.max-memory} (0: unbounded). */
    @Bean(destroyMethod = "close")
    public BufferAllocator rootAllocator(PortsProperties ports) {
        long limit = ports.maxMemory().toBytes();
        return new RootAllocator(limit == 0 ? Long.MAX_VALUE : limit);
    }

    /** {@code portico.ports.credentials}: its secret, else a key derived from the deployment secret. */
    @Bean
    public PortCredentials portCredentials(PortsProperties ports, DeploymentSecret deploymentSecret) {
        PortsProperties.Credentials settings = ports.credentials();
        if (settings.secret() != null) {
            return PortCredentials.fromSecret(settings.secret(), settings.generation(), settings.domains());
        }
        return new PortCredentials(deploymentSecret.portCredentialKey(), settings.generation(), settings.domains());
    }

    @Bean
    public PortChannels portChannels(PortCredentials credentials, PortsProperties ports) {
        return PortChannels.of(credentials, ports.tls().trustedCertificates());
    }

    @Bean(destroyMethod = "close")
    public FlightPortClients flightPortClients(BufferAllocator rootAllocator, PortChannels channels,
            PortsProperties ports, PortCallGuard guard) {
        return new FlightPortClients(rootAllocator, channels, ports.schemaTimeout(), guard);
    }
}

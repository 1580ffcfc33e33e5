package io.portico.gateway.demo;

import io.portico.gateway.port.PortCredentials;
import io.portico.gateway.tracing.GatewayTracing;
import org.apache.arrow.memory.BufferAllocator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded demo mesh, when {@code portico.demo.enabled=true} (the {@code demo} profile sets it). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portico.demo.enabled", havingValue = "true")
public class DemoConfiguration {

    @Bean(destroyMethod = "close")
    public DemoMesh demoMesh(BufferAllocator rootAllocator, DemoProperties demo, PortCredentials credentials,
            GatewayTracing tracing) {
        return DemoMesh.start(rootAllocator, demo.seed(), demo.scale(), credentials, tracing.ports());
    }
}

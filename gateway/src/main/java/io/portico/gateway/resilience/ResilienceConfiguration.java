package io.portico.gateway.resilience;

import io.micrometer.core.instrument.MeterRegistry;
import io.portico.gateway.port.PortsProperties;
import io.portico.gateway.registry.PortRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The guard of every port call ({@link PortResilience}), which the port clients run their statements under. */
@Configuration(proxyBeanMethods = false)
public class ResilienceConfiguration {

    @Bean
    public PortResilience portResilience(ResilienceProperties resilience, PortsProperties ports, MeterRegistry meters,
            ObjectProvider<PortRegistry> registry) {
        return new PortResilience(resilience, ports.callTimeout(),
                new RegisteredContracts(registry::getObject), meters, Clock.systemUTC());
    }
}

package io.portico.gateway.resilience;

import io.micrometer.core.instrument.MeterRegistry;
import io.portico.gateway.config.PorticoProperties;
import io.portico.gateway.registry.PortRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The guard of every port call ({@link PortResilience}), which the port clients run their statements under. */
@Configuration(proxyBeanMethods = false)
public class ResilienceConfiguration {

    @Bean
    public PortResilience portResilience(ResilienceProperties resilience, PorticoProperties properties,
            MeterRegistry meters, ObjectProvider<PortRegistry> registry) {
        return new PortResilience(resilience, properties.ports().callTimeout(),
                new RegisteredContracts(registry::getObject), meters, Clock.systemUTC());
    }
}

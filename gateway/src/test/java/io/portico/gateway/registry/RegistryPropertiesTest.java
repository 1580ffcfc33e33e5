package io.portico.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class RegistryPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsConfigured() {
        context.run(started -> assertThat(started.getBean(RegistryProperties.class))
                .isEqualTo(new RegistryProperties(Duration.ofMillis(500))));
    }

    @Test
    void mapsEveryProperty() {
        context.withPropertyValues("portico.registry.poll-interval=2s")
                .run(started -> assertThat(started.getBean(RegistryProperties.class))
                        .isEqualTo(new RegistryProperties(Duration.ofSeconds(2))));
    }

    @Test
    void refusesANonPositivePollInterval() {
        context.withPropertyValues("portico.registry.poll-interval=0ms")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.registry.poll-interval must be a positive duration, was PT0S"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RegistryProperties.class)
    static class PropertiesOnly {
    }
}

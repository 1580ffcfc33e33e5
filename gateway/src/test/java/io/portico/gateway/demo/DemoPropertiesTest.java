package io.portico.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class DemoPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsConfigured() {
        context.run(started -> assertThat(started.getBean(DemoProperties.class))
                .isEqualTo(new DemoProperties(false, 42, 1.0, Path.of(".portico/demo"))));
    }

    @Test
    void mapsEveryProperty() {
        context.withPropertyValues(
                        "portico.demo.enabled=true",
                        "portico.demo.seed=7",
                        "portico.demo.scale=0.01",
                        "portico.demo.data-dir=/var/lib/portico/demo")
                .run(started -> assertThat(started.getBean(DemoProperties.class))
                        .isEqualTo(new DemoProperties(true, 7, 0.01, Path.of("/var/lib/portico/demo"))));
    }

    @Test
    void refusesANonPositiveScale() {
        context.withPropertyValues("portico.demo.scale=0")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.demo.scale must be positive, was 0.0"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DemoProperties.class)
    static class PropertiesOnly {
    }
}

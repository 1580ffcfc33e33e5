package io.portico.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class CatalogPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsConfigured() {
        context.run(started -> assertThat(started.getBean(CatalogProperties.class))
                .isEqualTo(new CatalogProperties(Duration.ofSeconds(10), Duration.ofSeconds(2))));
    }

    @Test
    void mapsEveryProperty() {
        context.withPropertyValues("portico.catalog.health-interval=30s", "portico.catalog.health-timeout=500ms")
                .run(started -> assertThat(started.getBean(CatalogProperties.class))
                        .isEqualTo(new CatalogProperties(Duration.ofSeconds(30), Duration.ofMillis(500))));
    }

    @Test
    void refusesADurationThatIsNotPositive() {
        context.withPropertyValues("portico.catalog.health-timeout=0s")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("portico.catalog.health-timeout must be positive"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CatalogProperties.class)
    static class PropertiesOnly {
    }
}

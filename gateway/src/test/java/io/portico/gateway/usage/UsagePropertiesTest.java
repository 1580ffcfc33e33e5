package io.portico.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class UsagePropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsConfigured() {
        context.run(started -> assertThat(started.getBean(UsageProperties.class))
                .isEqualTo(new UsageProperties(true, Duration.ofSeconds(5), 90, 100_000, 10_000, 30)));
    }

    @Test
    void mapsEveryProperty() {
        context.withPropertyValues("portico.usage.enabled=false", "portico.usage.flush-interval=1s",
                        "portico.usage.retention-days=30", "portico.usage.max-pending-keys=500",
                        "portico.usage.max-queued-events=200", "portico.usage.change-check-days=7")
                .run(started -> assertThat(started.getBean(UsageProperties.class))
                        .isEqualTo(new UsageProperties(false, Duration.ofSeconds(1), 30, 500, 200, 7)));
    }

    @Test
    void refusesAnEmptyIntervalAndBounds() {
        context.withPropertyValues("portico.usage.flush-interval=0s")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("portico.usage.flush-interval must be above 0"));
        context.withPropertyValues("portico.usage.retention-days=0")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("portico.usage.retention-days must be above 0"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(UsageProperties.class)
    static class PropertiesOnly {
    }
}

package io.portico.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class LimitsPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsConfigured() {
        context.run(started -> assertThat(started.getBean(LimitsProperties.class)).isEqualTo(new LimitsProperties(15,
                100, 1000, 1_000_000, 10, 15_000, 200_000, DataSize.ofMegabytes(2), Duration.ofSeconds(30))));
    }

    @Test
    void mapsEveryProperty() {
        context.withPropertyValues(
                        "portico.limits.max-depth=8",
                        "portico.limits.max-aliases=0",
                        "portico.limits.max-fields=300",
                        "portico.limits.max-cost=50000",
                        "portico.limits.list-size-estimate=4",
                        "portico.limits.max-tokens=4000",
                        "portico.limits.max-whitespace-tokens=9000",
                        "portico.limits.max-body-size=256KB",
                        "portico.limits.request-timeout=1500ms")
                .run(started -> assertThat(started.getBean(LimitsProperties.class)).isEqualTo(new LimitsProperties(8,
                        0, 300, 50_000, 4, 4000, 9000, DataSize.ofKilobytes(256), Duration.ofMillis(1500))));
    }

    @Test
    void refusesLimitsThatAdmitNothing() {
        context.withPropertyValues("portico.limits.max-depth=0")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.limits.max-depth must be at least 1, was 0"));
        context.withPropertyValues("portico.limits.max-aliases=-1")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.limits.max-aliases must not be negative, was -1"));
        context.withPropertyValues("portico.limits.max-body-size=0B")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.limits.max-body-size must be between 1B and 2GB, was 0B"));
        context.withPropertyValues("portico.limits.request-timeout=0s")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.limits.request-timeout must be a positive duration, was PT0S"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LimitsProperties.class)
    static class PropertiesOnly {
    }
}

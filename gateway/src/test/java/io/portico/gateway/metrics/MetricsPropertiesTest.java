package io.portico.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class MetricsPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsConfigured() {
        context.run(started -> assertThat(started.getBean(MetricsProperties.class))
                .isEqualTo(new MetricsProperties(100, Duration.ofSeconds(1))));
    }

    @Test
    void mapsEveryProperty() {
        context.withPropertyValues("portico.metrics.max-operation-names=20",
                        "portico.metrics.ports-poll-interval=250ms")
                .run(started -> assertThat(started.getBean(MetricsProperties.class))
                        .isEqualTo(new MetricsProperties(20, Duration.ofMillis(250))));
    }

    @Test
    void refusesANegativeCapAndAnEmptyInterval() {
        context.withPropertyValues("portico.metrics.max-operation-names=-1")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("portico.metrics.max-operation-names must not be negative"));
        context.withPropertyValues("portico.metrics.ports-poll-interval=0s")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("portico.metrics.ports-poll-interval must be above 0"));
    }

    @Test
    void operationNamesBeyondTheCapAreOther() {
        OperationNames names = new OperationNames(2);

        assertThat(names.tagOf("First")).isEqualTo("First");
        assertThat(names.tagOf("Second")).isEqualTo("Second");
        assertThat(names.tagOf("Third")).isEqualTo(OperationNames.OTHER);
        assertThat(names.tagOf("First")).isEqualTo("First");
        assertThat(names.tagOf(null)).isEqualTo(OperationNames.ANONYMOUS);
        assertThat(names.tagOf("x".repeat(500))).isEqualTo(OperationNames.OTHER);
        assertThat(new OperationNames(5).tagOf("y".repeat(500))).hasSize(OperationNames.MAX_LENGTH);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MetricsProperties.class)
    static class PropertiesOnly {
    }
}

package io.portico.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ResiliencePropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsConfigured() {
        context.run(started -> {
            ResilienceProperties resilience = started.getBean(ResilienceProperties.class);
            assertThat(resilience).isEqualTo(new ResilienceProperties(32, Duration.ofMillis(100), 2,
                    Duration.ofMillis(100), 50, 20, 10, Duration.ofSeconds(10), 3, true, Map.of()));
            assertThat(resilience.port("sales-orders-port")).isEqualTo(new ResilienceProperties.Port(null, null));
        });
    }

    @Test
    void mapsEveryProperty() {
        context.withPropertyValues(
                        "portico.resilience.max-concurrent-calls=8",
                        "portico.resilience.max-wait=0s",
                        "portico.resilience.retry-attempts=3",
                        "portico.resilience.retry-wait=50ms",
                        "portico.resilience.failure-rate-threshold=25.5",
                        "portico.resilience.sliding-window=40",
                        "portico.resilience.minimum-calls=5",
                        "portico.resilience.open-duration=30s",
                        "portico.resilience.half-open-calls=1",
                        "portico.resilience.sla-timeouts=false",
                        "portico.resilience.ports.sales-orders-port.call-timeout=4s",
                        "portico.resilience.ports.sales-orders-port.max-concurrent-calls=2",
                        "portico.resilience.ports[crm-customers-port@v1].call-timeout=1500ms")
                .run(started -> {
                    ResilienceProperties resilience = started.getBean(ResilienceProperties.class);
                    assertThat(resilience).isEqualTo(new ResilienceProperties(8, Duration.ZERO, 3,
                            Duration.ofMillis(50), 25.5f, 40, 5, Duration.ofSeconds(30), 1, false, Map.of(
                                    "sales-orders-port",
                                    new ResilienceProperties.Port(Duration.ofSeconds(4), 2),
                                    "crm-customers-port@v1",
                                    new ResilienceProperties.Port(Duration.ofMillis(1500), null))));
                    assertThat(resilience.port("crm-customers-port@v1").callTimeout())
                            .isEqualTo(Duration.ofMillis(1500));
                });
    }

    @Test
    void refusesAResilienceSettingOutOfRange() {
        context.withPropertyValues("portico.resilience.max-concurrent-calls=0")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.resilience.max-concurrent-calls must be at least 1, was 0"));
        context.withPropertyValues("portico.resilience.max-wait=-1s")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.resilience.max-wait must not be negative, was PT-1S"));
        context.withPropertyValues("portico.resilience.failure-rate-threshold=150")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.resilience.failure-rate-threshold must be a percentage above 0 and at"
                                + " most 100, was 150.0"));
        context.withPropertyValues("portico.resilience.ports.sales-orders-port.call-timeout=0s")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.resilience.ports.<id>.call-timeout must be a positive duration, was PT0S"));
        context.withPropertyValues("portico.resilience.ports.sales-orders-port.max-concurrent-calls=0")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.resilience.ports.<id>.max-concurrent-calls must be at least 1, was 0"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ResilienceProperties.class)
    static class PropertiesOnly {
    }
}

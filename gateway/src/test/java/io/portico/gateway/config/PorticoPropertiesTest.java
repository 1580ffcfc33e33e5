package io.portico.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class PorticoPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsConfigured() {
        context.run(started -> {
            PorticoProperties properties = started.getBean(PorticoProperties.class);
            assertThat(properties.ports().contracts()).isEmpty();
            assertThat(properties.ports().callTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.ports().schemaTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.ports().retryInterval()).isEqualTo(Duration.ofSeconds(3));
            assertThat(properties.demo().enabled()).isFalse();
            assertThat(properties.demo().seed()).isEqualTo(42);
            assertThat(properties.demo().scale()).isEqualTo(1.0);
            assertThat(properties.query().maxPageSize()).isEqualTo(100_000);
            assertThat(properties.query().defaultPageSize()).isEqualTo(100);
            assertThat(properties.query().columnarFastPath()).isTrue();
            assertThat(properties.registry().pollInterval()).isEqualTo(Duration.ofMillis(500));
        });
    }

    @Test
    void mapsEveryProperty() {
        context.withPropertyValues(
                        "portico.ports.contracts[0]=classpath:demo/contracts/sales.odcs.yaml",
                        "portico.ports.contracts[1]=/etc/portico/crm.odcs.yaml",
                        "portico.ports.call-timeout=2m",
                        "portico.ports.schema-timeout=750ms",
                        "portico.ports.retry-interval=10s",
                        "portico.demo.enabled=true",
                        "portico.demo.seed=7",
                        "portico.demo.scale=0.01",
                        "portico.query.max-page-size=5000",
                        "portico.query.default-page-size=25",
                        "portico.query.columnar-fast-path=false",
                        "portico.registry.poll-interval=2s")
                .run(started -> {
                    PorticoProperties properties = started.getBean(PorticoProperties.class);
                    assertThat(properties).isEqualTo(new PorticoProperties(
                            new PorticoProperties.Ports(
                                    List.of("classpath:demo/contracts/sales.odcs.yaml", "/etc/portico/crm.odcs.yaml"),
                                    Duration.ofMinutes(2), Duration.ofMillis(750), Duration.ofSeconds(10)),
                            new PorticoProperties.Demo(true, 7, 0.01),
                            new PorticoProperties.Query(5000, 25, false),
                            new PorticoProperties.Registry(Duration.ofSeconds(2))));
                });
    }

    @Test
    void refusesADefaultPageSizeAboveTheMaximum() {
        context.withPropertyValues("portico.query.max-page-size=10", "portico.query.default-page-size=11")
                .run(started -> assertThat(started).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("portico.query.default-page-size"));
    }

    @Test
    void refusesANonPositiveTimeout() {
        context.withPropertyValues("portico.ports.call-timeout=0s")
                .run(started -> assertThat(started).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("portico.ports.call-timeout"));
    }

    @Test
    void refusesANonPositivePollInterval() {
        context.withPropertyValues("portico.registry.poll-interval=0ms")
                .run(started -> assertThat(started).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("portico.registry.poll-interval"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PorticoProperties.class)
    static class PropertiesOnly {
    }
}

package io.portico.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
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
            assertThat(properties.ports().credentials())
                    .isEqualTo(new PorticoProperties.Ports.Credentials(null, 1, Map.of()));
            assertThat(properties.ports().tls()).isEqualTo(new PorticoProperties.Ports.Tls(null));
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
                        "portico.ports.credentials.secret=cG9ydGljby10ZXN0LXBvcnQtY3JlZGVudGlhbC1rZXk=",
                        "portico.ports.credentials.generation=2",
                        "portico.ports.credentials.domains.inventory=a-random-inventory-credential",
                        "portico.ports.tls.trusted-certificates=/etc/portico/ports-ca.pem",
                        "portico.ports.max-memory=512MB")
                .run(started -> {
                    PorticoProperties properties = started.getBean(PorticoProperties.class);
                    assertThat(properties).isEqualTo(new PorticoProperties(
                            new PorticoProperties.Ports(
                                    List.of("classpath:demo/contracts/sales.odcs.yaml", "/etc/portico/crm.odcs.yaml"),
                                    Duration.ofMinutes(2), Duration.ofMillis(750), Duration.ofSeconds(10),
                                    new PorticoProperties.Ports.Credentials(
                                            "cG9ydGljby10ZXN0LXBvcnQtY3JlZGVudGlhbC1rZXk=", 2,
                                            Map.of("inventory", "a-random-inventory-credential")),
                                    new PorticoProperties.Ports.Tls(Path.of("/etc/portico/ports-ca.pem")),
                                    org.springframework.util.unit.DataSize.ofMegabytes(512))));
                });
    }

    @Test
    void refusesANonPositiveTimeout() {
        context.withPropertyValues("portico.ports.call-timeout=0s")
                .run(started -> assertThat(started).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("portico.ports.call-timeout"));
    }

    @Test
    void refusesACredentialGenerationBelowOneAndNeverPrintsTheSecret() {
        context.withPropertyValues("portico.ports.credentials.generation=0")
                .run(started -> assertThat(started).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("portico.ports.credentials.generation"));
        assertThat(new PorticoProperties.Ports.Credentials("c2VjcmV0", 1, Map.of("sales", "the-sales-credential")))
                .hasToString("Credentials[secret=***, generation=1, domains=[sales]]");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PorticoProperties.class)
    static class PropertiesOnly {
    }
}

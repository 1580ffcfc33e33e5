package io.portico.gateway.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class PortsPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsConfigured() {
        context.run(started -> assertThat(started.getBean(PortsProperties.class)).isEqualTo(new PortsProperties(
                List.of(), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(3),
                new PortsProperties.Credentials(null, 1, Map.of()), new PortsProperties.Tls(null), DataSize.ofBytes(0))));
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
                .run(started -> assertThat(started.getBean(PortsProperties.class)).isEqualTo(new PortsProperties(
                        List.of("classpath:demo/contracts/sales.odcs.yaml", "/etc/portico/crm.odcs.yaml"),
                        Duration.ofMinutes(2), Duration.ofMillis(750), Duration.ofSeconds(10),
                        new PortsProperties.Credentials("cG9ydGljby10ZXN0LXBvcnQtY3JlZGVudGlhbC1rZXk=", 2,
                                Map.of("inventory", "a-random-inventory-credential")),
                        new PortsProperties.Tls(Path.of("/etc/portico/ports-ca.pem")),
                        DataSize.ofMegabytes(512))));
    }

    @Test
    void refusesANonPositiveTimeout() {
        context.withPropertyValues("portico.ports.call-timeout=0s")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.ports.call-timeout must be a positive duration, was PT0S"));
        context.withPropertyValues("portico.ports.retry-interval=-1s")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.ports.retry-interval must be a positive duration, was PT-1S"));
    }

    @Test
    void refusesANegativeMemoryBound() {
        context.withPropertyValues("portico.ports.max-memory=-1MB")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.ports.max-memory must not be negative, was -1048576B"));
    }

    @Test
    void refusesACredentialGenerationBelowOneAndNeverPrintsTheSecret() {
        context.withPropertyValues("portico.ports.credentials.generation=0")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.ports.credentials.generation must be at least 1, was 0"));
        assertThat(new PortsProperties.Credentials("c2VjcmV0", 1, Map.of("sales", "the-sales-credential")))
                .hasToString("Credentials[secret=***, generation=1, domains=[sales]]");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PortsProperties.class)
    static class PropertiesOnly {
    }
}

package io.portico.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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
            assertThat(properties.security()).isEqualTo(new PorticoProperties.Security(null, null, null, List.of(),
                    Duration.ofSeconds(60), Duration.ofHours(24), new PorticoProperties.Security.Claims("sub", "roles",
                            "groups", "domains", List.of()), List.of("platform")));
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
                        "portico.ports.max-memory=512MB",
                        "portico.security.platform-roles=platform,operator",
                        "portico.security.issuer=https://idp.example.com/realms/mesh",
                        "portico.security.jwk-set-uri=https://idp.example.com/realms/mesh/certs",
                        "portico.security.audiences[0]=portico",
                        "portico.security.clock-skew=5s",
                        "portico.security.claims.id=preferred_username",
                        "portico.security.claims.roles=realm_access.roles",
                        "portico.security.claims.groups=memberOf",
                        "portico.security.claims.domains=mesh_domains",
                        "portico.security.claims.attributes[0]=region",
                        "portico.security.claims.attributes[1]=purpose",
                        "portico.security.max-token-lifetime=90m")
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
                                    org.springframework.util.unit.DataSize.ofMegabytes(512)),
                            new PorticoProperties.Security("https://idp.example.com/realms/mesh",
                                    URI.create("https://idp.example.com/realms/mesh/certs"), null, List.of("portico"),
                                    Duration.ofSeconds(5), Duration.ofMinutes(90),
                                    new PorticoProperties.Security.Claims("preferred_username",
                                            "realm_access.roles", "memberOf", "mesh_domains",
                                            List.of("region", "purpose")), List.of("platform", "operator"))));
                });
    }

    @Test
    void refusesANonPositiveTimeout() {
        context.withPropertyValues("portico.ports.call-timeout=0s")
                .run(started -> assertThat(started).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("portico.ports.call-timeout"));
    }

    @Test
    void mapsAPublicKeyLocationAndTreatsABlankIssuerAsUnset() {
        context.withPropertyValues("portico.security.issuer=https://idp.example.com",
                        "portico.security.public-key-location=classpath:keys/issuer.pem")
                .run(started -> assertThat(started.getBean(PorticoProperties.class).security().publicKeyLocation())
                        .isEqualTo("classpath:keys/issuer.pem"));
        context.withPropertyValues("portico.security.issuer= ")
                .run(started -> assertThat(started.getBean(PorticoProperties.class).security().issuer()).isNull());
    }

    @Test
    void refusesKeysWithoutAnIssuer() {
        context.withPropertyValues("portico.security.jwk-set-uri=https://idp.example.com/certs")
                .run(started -> assertThat(started).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("portico.security.issuer is required"));
    }

    @Test
    void refusesBothAJwkSetAndAPublicKey() {
        context.withPropertyValues("portico.security.issuer=https://idp.example.com",
                        "portico.security.jwk-set-uri=https://idp.example.com/certs",
                        "portico.security.public-key-location=/etc/portico/issuer.pem")
                .run(started -> assertThat(started).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("not both"));
    }

    @Test
    void refusesTheDemoIssuerAsConfiguredIssuer() {
        context.withPropertyValues("portico.security.issuer=portico-demo")
                .run(started -> assertThat(started).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("reserved for the demo issuer"));
    }

    @Test
    void refusesACredentialGenerationBelowOneAndNeverPrintsTheSecret() {
        context.withPropertyValues("portico.ports.credentials.generation=0")
                .run(started -> assertThat(started).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("portico.ports.credentials.generation"));
        assertThat(new PorticoProperties.Ports.Credentials("c2VjcmV0", 1, Map.of("sales", "the-sales-credential")))
                .hasToString("Credentials[secret=***, generation=1, domains=[sales]]");
    }

    @Test
    void refusesABlankClaimName() {
        context.withPropertyValues("portico.security.claims.domains= ")
                .run(started -> assertThat(started).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("portico.security.claims.domains"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PorticoProperties.class)
    static class PropertiesOnly {
    }
}

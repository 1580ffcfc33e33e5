package io.portico.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
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
            assertThat(properties.demo().dataDir()).isEqualTo(Path.of(".portico/demo"));
            assertThat(properties.query().maxPageSize()).isEqualTo(100_000);
            assertThat(properties.query().defaultPageSize()).isEqualTo(100);
            assertThat(properties.query().columnarFastPath()).isTrue();
            assertThat(properties.registry().pollInterval()).isEqualTo(Duration.ofMillis(500));
            assertThat(properties.relationships().keysPerStatement()).isEqualTo(1000);
            assertThat(properties.security()).isEqualTo(new PorticoProperties.Security(null, null, null, List.of(),
                    Duration.ofSeconds(60), new PorticoProperties.Security.Claims("sub", "roles", "groups", "domains",
                            List.of())));
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
                        "portico.demo.data-dir=/var/lib/portico/demo",
                        "portico.query.max-page-size=5000",
                        "portico.query.default-page-size=25",
                        "portico.query.columnar-fast-path=false",
                        "portico.registry.poll-interval=2s",
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
                        "portico.policies.directory=/etc/portico/policies",
                        "portico.policies.reload-interval=5s",
                        "portico.policies.decision-cache-size=500",
                        "portico.policies.secret=c2VjcmV0",
                        "portico.policies.audit-log=/var/log/portico/audit.jsonl",
                        "portico.relationships.keys-per-statement=250")
                .run(started -> {
                    PorticoProperties properties = started.getBean(PorticoProperties.class);
                    assertThat(properties).isEqualTo(new PorticoProperties(
                            new PorticoProperties.Ports(
                                    List.of("classpath:demo/contracts/sales.odcs.yaml", "/etc/portico/crm.odcs.yaml"),
                                    Duration.ofMinutes(2), Duration.ofMillis(750), Duration.ofSeconds(10)),
                            new PorticoProperties.Demo(true, 7, 0.01, Path.of("/var/lib/portico/demo")),
                            new PorticoProperties.Query(5000, 25, false),
                            new PorticoProperties.Registry(Duration.ofSeconds(2)),
                            new PorticoProperties.Security("https://idp.example.com/realms/mesh",
                                    URI.create("https://idp.example.com/realms/mesh/certs"), null, List.of("portico"),
                                    Duration.ofSeconds(5), new PorticoProperties.Security.Claims("preferred_username",
                                            "realm_access.roles", "memberOf", "mesh_domains",
                                            List.of("region", "purpose"))),
                            new PorticoProperties.Policies(Path.of("/etc/portico/policies"), Duration.ofSeconds(5),
                                    500, "c2VjcmV0", Path.of("/var/log/portico/audit.jsonl")),
                            new PorticoProperties.Relationships(250)));
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

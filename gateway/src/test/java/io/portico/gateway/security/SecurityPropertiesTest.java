package io.portico.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class SecurityPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsConfigured() {
        context.run(started -> assertThat(started.getBean(SecurityProperties.class)).isEqualTo(
                new SecurityProperties(null, null, null, List.of(), Duration.ofSeconds(60), Duration.ofHours(24),
                        new SecurityProperties.Claims("sub", "roles", "groups", "domains", List.of()),
                        List.of("platform"))));
    }

    @Test
    void mapsEveryProperty() {
        context.withPropertyValues(
                        "portico.security.issuer=https://idp.example.com/realms/mesh",
                        "portico.security.jwk-set-uri=https://idp.example.com/realms/mesh/certs",
                        "portico.security.audiences[0]=portico",
                        "portico.security.clock-skew=5s",
                        "portico.security.max-token-lifetime=90m",
                        "portico.security.claims.id=preferred_username",
                        "portico.security.claims.roles=realm_access.roles",
                        "portico.security.claims.groups=memberOf",
                        "portico.security.claims.domains=mesh_domains",
                        "portico.security.claims.attributes[0]=region",
                        "portico.security.claims.attributes[1]=purpose",
                        "portico.security.platform-roles=platform,operator")
                .run(started -> assertThat(started.getBean(SecurityProperties.class)).isEqualTo(
                        new SecurityProperties("https://idp.example.com/realms/mesh",
                                URI.create("https://idp.example.com/realms/mesh/certs"), null, List.of("portico"),
                                Duration.ofSeconds(5), Duration.ofMinutes(90),
                                new SecurityProperties.Claims("preferred_username", "realm_access.roles", "memberOf",
                                        "mesh_domains", List.of("region", "purpose")),
                                List.of("platform", "operator"))));
    }

    @Test
    void mapsAPublicKeyLocationAndTreatsABlankIssuerAsUnset() {
        context.withPropertyValues("portico.security.issuer=https://idp.example.com",
                        "portico.security.public-key-location=classpath:keys/issuer.pem")
                .run(started -> assertThat(started.getBean(SecurityProperties.class).publicKeyLocation())
                        .isEqualTo("classpath:keys/issuer.pem"));
        context.withPropertyValues("portico.security.issuer= ")
                .run(started -> assertThat(started.getBean(SecurityProperties.class).issuer()).isNull());
    }

    @Test
    void refusesKeysWithoutAnIssuer() {
        context.withPropertyValues("portico.security.jwk-set-uri=https://idp.example.com/certs")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.security.issuer is required with portico.security.jwk-set-uri or"
                                + " portico.security.public-key-location: it is the 'iss' a token signed with those"
                                + " keys must carry"));
    }

    @Test
    void refusesBothAJwkSetAndAPublicKey() {
        context.withPropertyValues("portico.security.issuer=https://idp.example.com",
                        "portico.security.jwk-set-uri=https://idp.example.com/certs",
                        "portico.security.public-key-location=/etc/portico/issuer.pem")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("set either portico.security.jwk-set-uri or portico.security.public-key-location,"
                                + " not both"));
    }

    @Test
    void refusesTheDemoIssuerAsConfiguredIssuer() {
        context.withPropertyValues("portico.security.issuer=portico-demo")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.security.issuer 'portico-demo' is reserved for the demo issuer, which"
                                + " portico.demo.enabled=true turns on; name your identity provider's issuer"));
    }

    @Test
    void refusesANegativeClockSkewOrANonPositiveLifetime() {
        context.withPropertyValues("portico.security.clock-skew=-1s")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.security.clock-skew must not be negative, was PT-1S"));
        context.withPropertyValues("portico.security.max-token-lifetime=0s")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.security.max-token-lifetime must be positive, was PT0S"));
    }

    @Test
    void refusesABlankClaimName() {
        context.withPropertyValues("portico.security.claims.domains= ")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.security.claims.domains must name a claim"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SecurityProperties.class)
    static class PropertiesOnly {
    }
}

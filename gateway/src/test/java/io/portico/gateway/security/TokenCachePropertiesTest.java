package io.portico.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class TokenCachePropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsConfigured() {
        context.run(started -> assertThat(started.getBean(TokenCacheProperties.class))
                .isEqualTo(new TokenCacheProperties(10_000)));
    }

    @Test
    void mapsEveryProperty() {
        context.withPropertyValues("portico.security.token-cache.max-tokens=0")
                .run(started -> assertThat(started.getBean(TokenCacheProperties.class))
                        .isEqualTo(new TokenCacheProperties(0)));
    }

    @Test
    void refusesANegativeBound() {
        context.withPropertyValues("portico.security.token-cache.max-tokens=-5")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("portico.security.token-cache.max-tokens must not be negative"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TokenCacheProperties.class)
    static class PropertiesOnly {
    }
}

package io.portico.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class DocumentCachePropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsConfigured() {
        context.run(started -> assertThat(started.getBean(DocumentCacheProperties.class))
                .isEqualTo(new DocumentCacheProperties(1000, 1_048_576)));
    }

    @Test
    void mapsEveryProperty() {
        context.withPropertyValues("portico.query.document-cache.max-documents=0",
                        "portico.query.document-cache.max-characters=65536")
                .run(started -> assertThat(started.getBean(DocumentCacheProperties.class))
                        .isEqualTo(new DocumentCacheProperties(0, 65_536)));
    }

    @Test
    void refusesNegativeBounds() {
        context.withPropertyValues("portico.query.document-cache.max-documents=-1")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("portico.query.document-cache.max-documents must not be negative"));
        context.withPropertyValues("portico.query.document-cache.max-characters=0")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("portico.query.document-cache.max-characters must be at least 1"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DocumentCacheProperties.class)
    static class PropertiesOnly {
    }
}

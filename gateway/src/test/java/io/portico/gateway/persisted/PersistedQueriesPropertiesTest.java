package io.portico.gateway.persisted;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.http.HttpCachingProperties;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class PersistedQueriesPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsConfigured() {
        context.run(started -> {
            assertThat(started.getBean(PersistedQueriesProperties.class))
                    .isEqualTo(new PersistedQueriesProperties(PersistedQueryMode.APQ, 10_000, 16_777_216, null));
            assertThat(started.getBean(HttpCachingProperties.class))
                    .isEqualTo(new HttpCachingProperties(Duration.ZERO));
        });
    }

    @Test
    void mapsEveryProperty() {
        context.withPropertyValues("portico.graphql.persisted-queries.mode=allow-list",
                        "portico.graphql.persisted-queries.max-documents=50",
                        "portico.graphql.persisted-queries.max-characters=65536",
                        "portico.graphql.persisted-queries.manifest=/etc/portico/manifest.json",
                        "portico.http.caching.default-max-age=30s")
                .run(started -> {
                    assertThat(started.getBean(PersistedQueriesProperties.class)).isEqualTo(
                            new PersistedQueriesProperties(PersistedQueryMode.ALLOW_LIST, 50, 65_536,
                                    Path.of("/etc/portico/manifest.json")));
                    assertThat(started.getBean(HttpCachingProperties.class))
                            .isEqualTo(new HttpCachingProperties(Duration.ofSeconds(30)));
                });
        context.withPropertyValues("portico.graphql.persisted-queries.mode=off")
                .run(started -> assertThat(started.getBean(PersistedQueriesProperties.class).mode())
                        .isEqualTo(PersistedQueryMode.OFF));
    }

    @Test
    void refusesAnAllowListWithoutManifestAndBadBounds() {
        context.withPropertyValues("portico.graphql.persisted-queries.mode=allow-list")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("portico.graphql.persisted-queries.manifest is not set"));
        context.withPropertyValues("portico.graphql.persisted-queries.max-documents=0")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("max-documents must be at least 1"));
        context.withPropertyValues("portico.http.caching.default-max-age=-1s")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("default-max-age must not be negative"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({PersistedQueriesProperties.class, HttpCachingProperties.class})
    static class PropertiesOnly {
    }
}

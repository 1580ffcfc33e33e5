package io.portico.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class QueryPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsConfigured() {
        context.run(started -> assertThat(started.getBean(QueryProperties.class))
                .isEqualTo(new QueryProperties(100_000, 100, true)));
    }

    @Test
    void mapsEveryProperty() {
        context.withPropertyValues(
                        "portico.query.max-page-size=5000",
                        "portico.query.default-page-size=25",
                        "portico.query.columnar-fast-path=false")
                .run(started -> assertThat(started.getBean(QueryProperties.class))
                        .isEqualTo(new QueryProperties(5000, 25, false)));
    }

    @Test
    void refusesADefaultPageSizeAboveTheMaximum() {
        context.withPropertyValues("portico.query.max-page-size=10", "portico.query.default-page-size=11")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.query.default-page-size must be between 1 and"
                                + " portico.query.max-page-size (10), was 11"));
        context.withPropertyValues("portico.query.max-page-size=0")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.query.max-page-size must be at least 1, was 0"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(QueryProperties.class)
    static class PropertiesOnly {
    }
}

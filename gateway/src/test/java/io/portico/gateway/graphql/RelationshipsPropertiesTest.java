package io.portico.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class RelationshipsPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsConfigured() {
        context.run(started -> {
            RelationshipsProperties relationships = started.getBean(RelationshipsProperties.class);
            assertThat(relationships).isEqualTo(new RelationshipsProperties(1000, List.of("public")));
            assertThat(relationships.keyRule().openClassifications()).containsExactly("public");
        });
    }

    @Test
    void mapsEveryProperty() {
        context.withPropertyValues(
                        "portico.relationships.keys-per-statement=250",
                        "portico.relationships.open-classifications=public,Internal")
                .run(started -> {
                    RelationshipsProperties relationships = started.getBean(RelationshipsProperties.class);
                    assertThat(relationships).isEqualTo(new RelationshipsProperties(250, List.of("public", "Internal")));
                    assertThat(relationships.keyRule().openClassifications())
                            .containsExactlyInAnyOrder("public", "internal");
                });
    }

    @Test
    void refusesKeysPerStatementOutOfRange() {
        context.withPropertyValues("portico.relationships.keys-per-statement=0")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.relationships.keys-per-statement must be between 1 and 30000, was 0"));
        context.withPropertyValues("portico.relationships.keys-per-statement=30001")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.relationships.keys-per-statement must be between 1 and 30000, was 30001"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RelationshipsProperties.class)
    static class PropertiesOnly {
    }
}

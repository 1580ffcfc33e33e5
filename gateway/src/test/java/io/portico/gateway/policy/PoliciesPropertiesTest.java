package io.portico.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class PoliciesPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsConfigured() {
        context.run(started -> {
            PoliciesProperties policies = started.getBean(PoliciesProperties.class);
            assertThat(policies).isEqualTo(new PoliciesProperties(null, Duration.ofSeconds(2), 10_000, null, null,
                    new PoliciesProperties.RelatedFilter(10_000, Duration.ofSeconds(30), 1_000_000)));
            assertThat(policies.relatedFilter().crossPort()).isTrue();
        });
    }

    @Test
    void mapsEveryProperty() {
        context.withPropertyValues(
                        "portico.policies.directory=/etc/portico/policies",
                        "portico.policies.reload-interval=5s",
                        "portico.policies.decision-cache-size=500",
                        "portico.policies.secret= c2VjcmV0 ",
                        "portico.policies.audit-log=/var/log/portico/audit.jsonl",
                        "portico.policies.related-filter.max-keys=0",
                        "portico.policies.related-filter.cache-ttl=0s",
                        "portico.policies.related-filter.cache-max-keys=5000")
                .run(started -> {
                    PoliciesProperties policies = started.getBean(PoliciesProperties.class);
                    assertThat(policies).isEqualTo(new PoliciesProperties(Path.of("/etc/portico/policies"),
                            Duration.ofSeconds(5), 500, "c2VjcmV0", Path.of("/var/log/portico/audit.jsonl"),
                            new PoliciesProperties.RelatedFilter(0, Duration.ZERO, 5000)));
                    assertThat(policies.relatedFilter().crossPort()).isFalse();
                });
    }

    @Test
    void treatsABlankSecretAsUnset() {
        context.withPropertyValues("portico.policies.secret= ")
                .run(started -> assertThat(started.getBean(PoliciesProperties.class).secret()).isNull());
    }

    @Test
    void refusesANegativeRelatedFilterSetting() {
        context.withPropertyValues("portico.policies.related-filter.max-keys=-1")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.policies.related-filter.max-keys must be 0 (off) or positive, was -1"));
        context.withPropertyValues("portico.policies.related-filter.cache-ttl=-1s")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.policies.related-filter.cache-ttl must not be negative, was PT-1S"));
        context.withPropertyValues("portico.policies.related-filter.cache-max-keys=-1")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.policies.related-filter.cache-max-keys must not be negative, was -1"));
    }

    @Test
    void refusesANonPositiveReloadIntervalOrDecisionCache() {
        context.withPropertyValues("portico.policies.reload-interval=0s")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.policies.reload-interval must be a positive duration, was PT0S"));
        context.withPropertyValues("portico.policies.decision-cache-size=0")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.policies.decision-cache-size must be positive, was 0"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PoliciesProperties.class)
    static class PropertiesOnly {
    }
}

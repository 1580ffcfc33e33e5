package io.portico.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class ResultCachePropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsConfigured() {
        context.run(started -> assertThat(started.getBean(ResultCacheProperties.class))
                .isEqualTo(new ResultCacheProperties(false, DataSize.ofMegabytes(256), DataSize.ofMegabytes(8),
                        Duration.ofSeconds(30), Map.of(), Duration.ofMillis(250))));
    }

    @Test
    void mapsEveryProperty() {
        context.withPropertyValues("portico.cache.enabled=true", "portico.cache.max-bytes=1GB",
                        "portico.cache.max-entry-bytes=512KB", "portico.cache.default-ttl=2m",
                        "portico.cache.ttl.sales-orders-port=5s", "portico.cache.ttl.crm-customers-port=0s",
                        "portico.cache.invalidation-poll-interval=1s")
                .run(started -> assertThat(started.getBean(ResultCacheProperties.class))
                        .isEqualTo(new ResultCacheProperties(true, DataSize.ofGigabytes(1), DataSize.ofKilobytes(512),
                                Duration.ofMinutes(2), Map.of("sales-orders-port", Duration.ofSeconds(5),
                                        "crm-customers-port", Duration.ZERO), Duration.ofSeconds(1))));
    }

    @Test
    void refusesAPollSlowerThanOneSecondAndNegativeDurations() {
        context.withPropertyValues("portico.cache.invalidation-poll-interval=2s")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("portico.cache.invalidation-poll-interval must be above 0 and at most"));
        context.withPropertyValues("portico.cache.ttl.sales-orders-port=-1s")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("portico.cache.ttl.sales-orders-port must not be negative"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ResultCacheProperties.class)
    static class PropertiesOnly {
    }
}

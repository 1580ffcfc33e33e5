package io.portico.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class EndpointsPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsWhenNothingIsConfigured() {
        context.run(started -> assertThat(started.getBean(EndpointsProperties.class)).isEqualTo(
                new EndpointsProperties(Map.of(), EndpointsProperties.Unbound.VERIFY, Duration.ofSeconds(3))));
    }

    @Test
    void mapsEveryProperty() {
        context.withPropertyValues(
                        "portico.endpoints.bindings.finance[0]=*.finance.internal",
                        "portico.endpoints.bindings.finance[1]=10.0.7.*:32010",
                        "portico.endpoints.unbound=refuse",
                        "portico.endpoints.verify-time=1s")
                .run(started -> assertThat(started.getBean(EndpointsProperties.class)).isEqualTo(
                        new EndpointsProperties(Map.of("finance", List.of("*.finance.internal", "10.0.7.*:32010")),
                                EndpointsProperties.Unbound.REFUSE, Duration.ofSeconds(1))));
    }

    @Test
    void refusesANonPositiveVerifyTime() {
        context.withPropertyValues("portico.endpoints.verify-time=0s")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessage("portico.endpoints.verify-time must be a positive duration, was PT0S"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(EndpointsProperties.class)
    static class PropertiesOnly {
    }
}

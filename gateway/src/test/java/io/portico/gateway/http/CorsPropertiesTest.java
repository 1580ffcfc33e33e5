package io.portico.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.gateway.PorticoApplication;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class CorsPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void offByDefault() {
        context.run(started -> {
            CorsProperties cors = started.getBean(CorsProperties.class);
            assertThat(cors).isEqualTo(new CorsProperties(List.of(), List.of("GET", "POST"),
                    List.of("Authorization", "Content-Type", "Accept"), List.of("ETag"), false,
                    Duration.ofMinutes(30)));
            assertThat(cors.enabled()).isFalse();
        });
    }

    @Test
    void mapsEveryProperty() {
        context.withPropertyValues(
                        "portico.http.cors.allowed-origins=https://app.example.com,http://localhost:3000",
                        "portico.http.cors.allowed-methods=GET",
                        "portico.http.cors.allowed-headers=Authorization,traceparent",
                        "portico.http.cors.exposed-headers=ETag,X-Request-Id",
                        "portico.http.cors.allow-credentials=true",
                        "portico.http.cors.max-age=10m")
                .run(started -> {
                    CorsProperties cors = started.getBean(CorsProperties.class);
                    assertThat(cors).isEqualTo(new CorsProperties(
                            List.of("https://app.example.com", "http://localhost:3000"), List.of("GET"),
                            List.of("Authorization", "traceparent"), List.of("ETag", "X-Request-Id"), true,
                            Duration.ofMinutes(10)));
                    assertThat(cors.enabled()).isTrue();
                });
    }

    @Test
    void anyOriginWithoutCredentialsIsAccepted() {
        context.withPropertyValues("portico.http.cors.allowed-origins=*")
                .run(started -> assertThat(started.getBean(CorsProperties.class).enabled()).isTrue());
    }

    @Test
    void refusesAnyOriginWithCredentials() {
        context.withPropertyValues("portico.http.cors.allowed-origins=*", "portico.http.cors.allow-credentials=true")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("portico.http.cors.allow-credentials=true cannot go with"
                                + " portico.http.cors.allowed-origins '*'")
                        .hasMessageContaining("List the origins"));
    }

    @Test
    void refusesAnOriginWithAPathOrATrailingSlash() {
        for (String origin : List.of("https://app.example.com/", "https://app.example.com/app")) {
            context.withPropertyValues("portico.http.cors.allowed-origins=" + origin)
                    .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                            .hasMessageContaining("'" + origin + "' has more than scheme, host and port"));
        }
    }

    @Test
    void refusesWhatIsNoOrigin() {
        context.withPropertyValues("portico.http.cors.allowed-origins=app.example.com")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("'app.example.com' is not an http or https origin"));
        context.withPropertyValues("portico.http.cors.allowed-origins=ftp://files.example.com")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("is not an http or https origin"));
    }

    @Test
    void refusesAHeaderThatIsNoHeaderName() {
        context.withPropertyValues("portico.http.cors.allowed-headers=Authorization,X Bad")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("portico.http.cors.allowed-headers: 'X Bad' is not a method or header"));
    }

    @Test
    void refusesExposingEveryHeaderWithCredentials() {
        context.withPropertyValues("portico.http.cors.allowed-origins=https://app.example.com",
                        "portico.http.cors.exposed-headers=*", "portico.http.cors.allow-credentials=true")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("exposed-headers '*'"));
    }

    @Test
    void refusesANegativeMaxAge() {
        context.withPropertyValues("portico.http.cors.max-age=-1s")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("portico.http.cors.max-age must not be negative"));
    }

    /** The whole gateway refuses to start with a credentialed wildcard, naming the keys, before it serves anything. */
    @Test
    void theGatewayDoesNotStartWithACredentialedWildcard() {
        SpringApplicationBuilder gateway = new SpringApplicationBuilder(PorticoApplication.class)
                .web(WebApplicationType.SERVLET);

        assertThatThrownBy(() -> gateway.run("--server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:cors-refusal;DB_CLOSE_DELAY=-1",
                        "--portico.http.cors.allowed-origins=*",
                        "--portico.http.cors.allow-credentials=true").close())
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("portico.http.cors.allow-credentials=true cannot go with"
                        + " portico.http.cors.allowed-origins '*'");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CorsProperties.class)
    static class PropertiesOnly {
    }
}

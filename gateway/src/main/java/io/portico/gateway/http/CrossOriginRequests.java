package io.portico.gateway.http;

import static java.util.Objects.requireNonNull;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.CorsConfigurer;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * CORS as {@link CorsProperties} configure it, applied by Spring Security's CORS filter ahead of authentication, so
 * a preflight needs no token: an allowed origin's preflight is answered with the configured methods, headers and
 * max age; another origin's preflight and requests are refused 403 without reaching the gateway; every answer to a
 * cross-origin request varies by {@code Origin}. When CORS is off the filter is not installed at all: no
 * {@code Access-Control-*} header is sent and preflights are not answered.
 */
public final class CrossOriginRequests {

    private final CorsProperties properties;

    public CrossOriginRequests(CorsProperties properties) {
        this.properties = requireNonNull(properties, "properties is null");
    }

    /** Installs Spring Security's CORS filter over every path when an origin is allowed, else removes it. */
    public void configure(CorsConfigurer<HttpSecurity> cors) {
        if (!properties.enabled()) {
            cors.disable();
            return;
        }
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration());
        cors.configurationSource(source);
    }

    /** Spring's form of the configured policy. */
    CorsConfiguration configuration() {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(properties.allowedOrigins());
        configuration.setAllowedMethods(properties.allowedMethods());
        configuration.setAllowedHeaders(properties.allowedHeaders());
        configuration.setExposedHeaders(properties.exposedHeaders());
        configuration.setAllowCredentials(properties.allowCredentials());
        configuration.setMaxAge(properties.maxAge());
        configuration.validateAllowCredentials();
        return configuration;
    }
}

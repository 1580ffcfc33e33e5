package io.portico.gateway.http;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * HTTP caching of GraphQL answers to GET, under {@code portico.http.caching} ({@link AnswerCacheControl}).
 *
 * @param defaultMaxAge how long an answer may be reused when a port it read states no freshness (SLA property
 *                      {@code freshness} or {@code latency}); 0 (the default): such answers are {@code no-store}
 */
@ConfigurationProperties("portico.http.caching")
public record HttpCachingProperties(@DefaultValue("0s") Duration defaultMaxAge) {

    public HttpCachingProperties {
        if (defaultMaxAge == null || defaultMaxAge.isNegative()) {
            throw new IllegalArgumentException("portico.http.caching.default-max-age must not be negative, was "
                    + defaultMaxAge);
        }
    }
}

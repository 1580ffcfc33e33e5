package io.portico.gateway.answers;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portico.gateway.http.GraphQlJsonWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.GraphQlSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cache of whole answers ({@code portico.cache.answers.*}), when both it and the result cache are on: without
 * the result cache no answer would ever be kept.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portico.cache.enabled", havingValue = "true")
public class AnswerCacheConfiguration {

    private static final String ANSWERS_ENABLED = "portico.cache.answers.enabled";

    @Bean
    @ConditionalOnProperty(name = ANSWERS_ENABLED, havingValue = "true", matchIfMissing = true)
    public AnswerCache answerCache(AnswerCacheProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new AnswerCache(properties, meters.getIfUnique(SimpleMeterRegistry::new), Ticker.systemTicker());
    }

    /** Right after the policy interceptor (which is right after the subject's). */
    @Bean
    @ConditionalOnProperty(name = ANSWERS_ENABLED, havingValue = "true", matchIfMissing = true)
    @Order(Ordered.HIGHEST_PRECEDENCE + 2)
    public AnswerCacheInterceptor answerCacheInterceptor(AnswerCache cache,
            ObjectProvider<GraphQlSource> graphQlSource, JsonMapper json) {
        return new AnswerCacheInterceptor(cache, graphQlSource, new GraphQlJsonWriter(json));
    }
}

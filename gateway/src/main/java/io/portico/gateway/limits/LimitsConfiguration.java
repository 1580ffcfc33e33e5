package io.portico.gateway.limits;

import io.portico.gateway.graphql.QueryProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query limits of {@code portico.limits} (and the page sizes of {@code portico.query}), and the graphql-java
 * instrumentation that holds every request to them; DGS chains every {@code Instrumentation} bean into the GraphQL
 * engine. The HTTP endpoint takes the body size limit and the deadline from the {@link QueryLimits} bean.
 */
@Configuration(proxyBeanMethods = false)
public class LimitsConfiguration {

    @Bean
    public QueryLimits queryLimits(LimitsProperties limits, QueryProperties query) {
        return new QueryLimits(limits.maxDepth(), limits.maxAliases(), limits.maxFields(), limits.maxCost(),
                limits.listSizeEstimate(), query.maxPageSize(), query.defaultPageSize(),
                limits.maxTokens(), limits.maxWhitespaceTokens(), limits.maxBodySize().toBytes(),
                limits.requestTimeout());
    }

    @Bean
    public QueryLimitsInstrumentation queryLimitsInstrumentation(QueryLimits limits) {
        return new QueryLimitsInstrumentation(limits);
    }
}

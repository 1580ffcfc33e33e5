package io.portico.gateway.http;

import io.portico.gateway.limits.QueryLimits;
import io.portico.gateway.persisted.PersistedQueries;
import io.portico.gateway.tracing.GatewayTracing;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routes the GraphQL path to {@link GraphQlHttpEndpoint}, ahead of spring-graphql's own route (order 0), which
 * answers only POST and has no GET, and the path followed by {@code /schema.graphql} to
 * {@link SchemaDownloadEndpoint}; CORS as {@link CorsProperties} say ({@link CrossOriginRequests}, applied by the
 * security filter chain).
 */
@Configuration(proxyBeanMethods = false)
public class HttpConfiguration {

    /**
     * Right after Spring Boot's HTTP observation filter (which starts the request's span), before Spring Security's
     * filters: a refused request gets its id too.
     */
    @Bean
    public FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    public ErrorCodeInterceptor errorCodeInterceptor() {
        return new ErrorCodeInterceptor();
    }

    @Bean
    public GraphQlHttpEndpoint graphQlHttpEndpoint(WebGraphQlHandler handler, JsonMapper json, QueryLimits limits,
            PersistedQueries persistedQueries, HttpCachingProperties caching, GatewayTracing tracing) {
        return new GraphQlHttpEndpoint(handler, json, limits, persistedQueries, caching, tracing);
    }

    @Bean
    public CrossOriginRequests crossOriginRequests(CorsProperties cors) {
        return new CrossOriginRequests(cors);
    }

    @Bean
    public SchemaDownloadEndpoint schemaDownloadEndpoint(ObjectProvider<GraphQlSource> graphQlSource,
            PersistedQueries persistedQueries) {
        return new SchemaDownloadEndpoint(graphQlSource, persistedQueries);
    }

    @Bean
    @Order(-1)
    public RouterFunction<ServerResponse> porticoGraphQlRoutes(GraphQlHttpEndpoint endpoint,
            SchemaDownloadEndpoint schemaDownload, @Value("${spring.graphql.http.path:/graphql}") String path) {
        return RouterFunctions.route()
                .GET(path + SchemaDownloadEndpoint.SUFFIX, schemaDownload::get)
                .POST(path, endpoint::post)
                .GET(path, endpoint::get)
                .route(RequestPredicates.path(path).and(RequestPredicates.methods(HttpMethod.PUT, HttpMethod.DELETE,
                        HttpMethod.PATCH)), endpoint::methodNotAllowed)
                .build();
    }
}

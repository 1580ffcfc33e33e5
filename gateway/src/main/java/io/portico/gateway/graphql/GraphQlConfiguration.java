package io.portico.gateway.graphql;

import com.github.benmanes.caffeine.cache.Ticker;
import com.netflix.graphql.dgs.springgraphql.autoconfig.ExceptionHandlerResolverAdapter;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionStrategy;
import io.portico.gateway.config.PlatformThreads;
import io.portico.gateway.plan.CursorSeal;
import io.portico.gateway.plan.QueryPlanner;
import io.portico.gateway.read.ServedDatasets;
import io.portico.gateway.policy.AllowedKeys;
import io.portico.gateway.policy.DeploymentSecret;
import io.portico.gateway.policy.PoliciesProperties;
import io.portico.gateway.policy.QueryPolicies;
import io.portico.gateway.port.FlightPortClients;
import io.portico.gateway.port.PortReaders;
import io.portico.gateway.tracing.GatewayTracing;
import io.portico.policies.audit.AuditSink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * The dynamic GraphQL schema: its installer (DGS's reload indicator), its fetchers, their error mapping and the
 * query execution strategy.
 */
@Configuration(proxyBeanMethods = false)
public class GraphQlConfiguration {

    /**
     * Where port calls run: blocking Flight I/O on reused platform threads ({@link PlatformThreads} says why not
     * virtual ones); each port's bulkhead bounds how many wait on one port.
     */
    @Bean(destroyMethod = "close")
    @Qualifier("portCalls")
    public ExecutorService portCalls(GatewayTracing tracing) {
        return tracing.propagating(Executors.newCachedThreadPool(PlatformThreads.named("port-call-")));
    }

    @Bean
    public QueryPlanner queryPlanner(QueryProperties query, DeploymentSecret secret) {
        return new QueryPlanner(query.maxPageSize(), CursorSeal.withKey(secret.cursorKey()),
                secret.keyOrderKey());
    }

    @Bean
    public SchemaWiring schemaWiring(FlightPortClients clients, QueryPlanner planner, QueryPolicies policies,
            @Qualifier("portCalls") ExecutorService portCalls, QueryProperties query,
            RelationshipsProperties relationships, AllowedKeys allowedKeys, PortReaders readers, ServedDatasets served,
            GatewayTracing tracing) {
        return new SchemaWiring(clients, planner, policies, portCalls, query.defaultPageSize(),
                relationships.keysPerStatement(), allowedKeys, readers, served, tracing);
    }

    /** The datasets of the schema being served, for the front doors that do not go through GraphQL. */
    @Bean
    public ServedDatasets servedDatasets() {
        return new ServedDatasets();
    }

    /** Reads (and caches for a while) the related keys of row filters that follow a relationship to another port. */
    @Bean
    public AllowedKeys allowedKeys(QueryPlanner planner, @Qualifier("portCalls") ExecutorService portCalls,
            PoliciesProperties policies) {
        PoliciesProperties.RelatedFilter related = policies.relatedFilter();
        return new AllowedKeys(planner, portCalls, related.maxKeys(), related.cacheTtl(), related.cacheMaxKeys(),
                Ticker.systemTicker());
    }

    /** The static schema files merged into every composed schema ({@code portico-graphql/*.graphqls}). */
    @Bean
    public StaticSchemaFiles staticSchemaFiles(ResourcePatternResolver resources) {
        return StaticSchemaFiles.load(resources);
    }

    /** Also DGS's {@code ReloadSchemaIndicator}, replacing its default. */
    @Bean
    public DgsSchemaInstaller dgsSchemaInstaller(ObjectProvider<GraphQlSource> graphQlSource) {
        return new DgsSchemaInstaller(graphQlSource);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public PorticoExceptionResolver porticoExceptionResolver() {
        return new PorticoExceptionResolver();
    }

    /**
     * The strategy of query operations, which DGS hands to graphql-java (it takes the {@code ExecutionStrategy}
     * bean qualified {@code "query"}): the {@link ColumnarExecutionStrategy}, or with
     * {@code portico.query.columnar-fast-path=false} graphql-java's plain {@link AsyncExecutionStrategy}. graphql-java
     * gives a strategy set this way no exception handler of its own, so this one gets the handler spring-graphql
     * would have built: every {@link DataFetcherExceptionResolver} bean in order, then DGS's default handler.
     */
    @Bean
    @Qualifier("query")
    public ExecutionStrategy queryExecutionStrategy(QueryProperties query,
            ObjectProvider<DataFetcherExceptionResolver> exceptionResolvers,
            DataFetcherExceptionHandler dgsExceptionHandler) {
        List<DataFetcherExceptionResolver> resolvers = new ArrayList<>(exceptionResolvers.orderedStream().toList());
        resolvers.add(new ExceptionHandlerResolverAdapter(dgsExceptionHandler));
        DataFetcherExceptionHandler handler = DataFetcherExceptionResolver.createExceptionHandler(resolvers);
        return query.columnarFastPath()
                ? new ColumnarExecutionStrategy(handler)
                : new AsyncExecutionStrategy(handler);
    }

    /** Right after the subject is known (the subject interceptor is first). */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    public PolicyGraphQlInterceptor policyGraphQlInterceptor(QueryPolicies policies,
            ObjectProvider<AuditSink> audit) {
        return new PolicyGraphQlInterceptor(policies, audit.getObject(), Clock.systemUTC());
    }

    /** Names each request's operation for its audit event from the document graphql-java parsed. */
    @Bean
    public AuditOperationInstrumentation auditOperationInstrumentation() {
        return new AuditOperationInstrumentation();
    }
}

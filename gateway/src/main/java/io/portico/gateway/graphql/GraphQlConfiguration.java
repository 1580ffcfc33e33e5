package io.portico.gateway.graphql;

import io.portico.gateway.config.PorticoProperties;
import io.portico.gateway.plan.QueryPlanner;
import io.portico.gateway.port.FlightPortClients;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.GraphQlSource;

/** The dynamic GraphQL schema: its installer (DGS's reload indicator), its fetchers and their error mapping. */
@Configuration(proxyBeanMethods = false)
public class GraphQlConfiguration {

    /** Where port calls run: blocking Flight I/O, one virtual thread per call. */
    @Bean(destroyMethod = "close")
    @Qualifier("portCalls")
    public ExecutorService portCalls() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("port-call-", 0).factory());
    }

    @Bean
    public QueryPlanner queryPlanner(PorticoProperties properties) {
        return new QueryPlanner(properties.query().maxPageSize());
    }

    @Bean
    public SchemaWiring schemaWiring(FlightPortClients clients, QueryPlanner planner,
            @Qualifier("portCalls") ExecutorService portCalls, PorticoProperties properties) {
        return new SchemaWiring(clients, planner, portCalls, properties.query().defaultPageSize());
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
}

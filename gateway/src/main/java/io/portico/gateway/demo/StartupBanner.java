package io.portico.gateway.demo;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.flightsql.FlightSqlEndpoint;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.PortStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Tells whoever started the gateway where to go: the GraphQL and GraphiQL addresses, every port and its state,
 * and with the demo mesh a query to paste into GraphiQL.
 */
@Component
public class StartupBanner implements ApplicationListener<ApplicationReadyEvent> {

    /** A query that answers against the demo mesh. */
    public static final String EXAMPLE_QUERY = """
            {
              sales {
                orders(first: 5, where: {status: {eq: "PAID"}}, orderBy: [{totalAmount: DESC}]) {
                  totalCount
                  nodes { orderId customerId status currency totalAmount createdAt }
                  pageInfo { hasNextPage endCursor }
                }
              }
            }""";

    private static final Logger LOG = LoggerFactory.getLogger(StartupBanner.class);

    private final PortRegistry registry;
    private final ObjectProvider<DemoMesh> demo;
    private final ObjectProvider<FlightSqlEndpoint> flightSql;
    private final String graphQlPath;

    public StartupBanner(PortRegistry registry, ObjectProvider<DemoMesh> demo,
            ObjectProvider<FlightSqlEndpoint> flightSql,
            @Value("${spring.graphql.http.path:/graphql}") String graphQlPath) {
        this.registry = requireNonNull(registry, "registry is null");
        this.demo = requireNonNull(demo, "demo is null");
        this.flightSql = requireNonNull(flightSql, "flightSql is null");
        this.graphQlPath = graphQlPath;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return;
        }
        LOG.info("{}", banner(web.getWebServer().getPort()));
    }

    String banner(int httpPort) {
        String base = "http://localhost:" + httpPort;
        StringBuilder text = new StringBuilder("\n\n  Portico is ready\n")
                .append("    GraphQL   ").append(base).append(graphQlPath).append("   (POST or GET)\n")
                .append("    GraphiQL  ").append(base).append("/graphiql\n")
                .append("    Catalog   ").append(base).append("/\n");
        FlightSqlEndpoint endpoint = flightSql.getIfAvailable();
        if (endpoint != null && endpoint.port() > 0) {
            text.append("    Flight SQL ").append(endpoint.tls() ? "grpc+tls" : "grpc+tcp").append("://localhost:")
                    .append(endpoint.port()).append("   (JDBC: jdbc:arrow-flight-sql://localhost:")
                    .append(endpoint.port()).append(endpoint.tls() ? "" : "/?useEncryption=false").append(")\n");
        }
        text.append("  Output ports\n");
        if (registry.statuses().isEmpty()) {
            text.append("    none configured (portico.ports.contracts)\n");
        }
        for (PortStatus port : registry.statuses()) {
            text.append("    ").append(port.domain()).append(": ").append(port.portId()).append(" at ")
                    .append(port.location()).append(" is ").append(port.state())
                    .append(port.up() ? ", datasets " + port.datasets() : " (" + port.message() + ")").append('\n');
        }
        if (demo.getIfAvailable() != null) {
            text.append("  Try this query in GraphiQL:\n");
            EXAMPLE_QUERY.lines().forEach(line -> text.append("    ").append(line).append('\n'));
            text.append("  or with curl:\n    curl -s ").append(base).append(graphQlPath)
                    .append(" -H 'Content-Type: application/json' -d '{\"query\":\"{ sales { orders(first: 3) {")
                    .append(" nodes { orderId status totalAmount } } } }\"}'\n");
        }
        return text.toString();
    }
}

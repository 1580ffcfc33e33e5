package io.portico.gateway.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything the gateway is configured with, under the prefix {@code portico}.
 *
 * @param ports    the output ports the gateway starts with and how it talks to them
 * @param demo     the embedded demo mesh
 * @param query    limits of GraphQL queries
 * @param registry the durable registry shared by replicas (its database is {@code spring.datasource.*})
 */
@ConfigurationProperties("portico")
public record PorticoProperties(
        @DefaultValue Ports ports,
        @DefaultValue Demo demo,
        @DefaultValue Query query,
        @DefaultValue Registry registry) {

    /**
     * @param contracts       ODCS contract documents to register at start: file paths, {@code file:} URLs or
     *                        {@code classpath:} resources, in order
     * @param callTimeout     how long one statement at a port may take, from the call to the last batch
     * @param schemaTimeout   how long asking a port for its live schemas may take
     * @param retryInterval   how often ports that could not be reached are tried again
     */
    public record Ports(
            @DefaultValue List<String> contracts,
            @DefaultValue("30s") Duration callTimeout,
            @DefaultValue("10s") Duration schemaTimeout,
            @DefaultValue("3s") Duration retryInterval) {

        public Ports {
            contracts = List.copyOf(contracts);
            requirePositive(callTimeout, "portico.ports.call-timeout");
            requirePositive(schemaTimeout, "portico.ports.schema-timeout");
            requirePositive(retryInterval, "portico.ports.retry-interval");
        }
    }

    /**
     * @param enabled start the three demo ports (sales, crm, logistics) in this JVM and register them
     * @param seed    seed of the generated demo data; the same seed gives the same rows
     * @param scale   size of the demo data: 1.0 is 200,000 orders, 20,000 customers and their shipments
     */
    public record Demo(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("42") long seed,
            @DefaultValue("1.0") double scale) {

        public Demo {
            if (!(scale > 0)) {
                throw new IllegalArgumentException("portico.demo.scale must be positive, was " + scale);
            }
        }
    }

    /**
     * @param maxPageSize      the largest {@code first} a connection field accepts
     * @param defaultPageSize  the page size when a request passes {@code first: null}
     * @param columnarFastPath complete {@code nodes}/{@code edges} lists whose selection is leaf fields only column
     *                         by column instead of field by field (same response, much faster for large pages; see
     *                         {@code io.portico.gateway.graphql.ColumnarExecutionStrategy}); off only to compare
     */
    public record Query(
            @DefaultValue("100000") int maxPageSize,
            @DefaultValue("100") int defaultPageSize,
            @DefaultValue("true") boolean columnarFastPath) {

        public Query {
            if (maxPageSize < 1) {
                throw new IllegalArgumentException("portico.query.max-page-size must be at least 1, was " + maxPageSize);
            }
            if (defaultPageSize < 1 || defaultPageSize > maxPageSize) {
                throw new IllegalArgumentException("portico.query.default-page-size must be between 1 and "
                        + "portico.query.max-page-size (" + maxPageSize + "), was " + defaultPageSize);
            }
        }
    }

    /**
     * @param pollInterval how often the gateway asks the registry database whether another replica changed the
     *                     registry (one small query); a change is in this gateway's schema within about this
     *                     interval plus the time to ask the changed ports for their schemas
     */
    public record Registry(
            @DefaultValue("500ms") Duration pollInterval) {

        public Registry {
            requirePositive(pollInterval, "portico.registry.poll-interval");
        }
    }

    private static void requirePositive(Duration duration, String property) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, was " + duration);
        }
    }
}

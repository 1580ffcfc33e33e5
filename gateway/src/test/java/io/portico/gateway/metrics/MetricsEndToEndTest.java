package io.portico.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.testkit.Poll;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.flightsql.FlightSqlEndpoint;
import io.portico.gateway.flightsql.GatewaySqlClient;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.Gadgets;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.PrometheusScrape;
import io.portico.gateway.tracing.GatewayTracing;
import io.portico.schema.contract.ContractParser;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The gateway's meters as Prometheus scrapes them from {@code /actuator/prometheus} of the demo gateway: latency
 * histograms (buckets with the configured SLO boundaries) of HTTP requests, GraphQL operations by name, port calls
 * and Flight SQL statements; requests by outcome and error code; operation names capped however many a client
 * sends; a retired port's series gone; and tracing off (the default) wrapping nothing.
 */
@DemoGatewayTest
class MetricsEndToEndTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @LocalServerPort
    int httpPort;

    @Autowired
    BufferAllocator rootAllocator;

    @Autowired
    FlightSqlEndpoint flightSql;

    @Autowired
    PortRegistry registry;

    @Autowired
    GatewayTracing tracing;

    @Autowired
    @Qualifier("portCalls")
    ExecutorService portCalls;

    private GraphQlClient http;

    @BeforeEach
    void connect() {
        http = new GraphQlClient(httpPort);
    }

    @AfterEach
    void noArrowMemoryLeft() {
        ArrowLeaks.assertNoneUnder(rootAllocator);
    }

    @Test
    void aGraphQlOperationIsMeasuredInHistogramsAtEveryLevel() {
        String token = http.demoToken("stella", "steward", Map.of());
        http.data("query StewardsOrders { sales { orders(first: 5) { nodes { orderId } } } }", token);

        PrometheusScrape scrape = PrometheusScrape.of(httpPort);
        Map<String, String> operation = Map.of("operation", "StewardsOrders", "outcome", "ok");
        assertThat(scrape.sum("portico_graphql_operations_seconds_count", operation)).isGreaterThanOrEqualTo(1);
        assertThat(scrape.samples("portico_graphql_operations_seconds_bucket", operation))
                .extracting(sample -> sample.label("le"))
                .contains("0.001", "0.1", "0.25", "0.5", "1.0", "+Inf");
        assertThat(scrape.samples("portico_port_calls_seconds_bucket",
                Map.of("port", "sales-orders-port", "outcome", "success")))
                .extracting(sample -> sample.label("le")).contains("0.05", "0.1", "+Inf");
        assertThat(scrape.samples("http_server_requests_seconds_bucket", Map.of("uri", "/graphql")))
                .extracting(sample -> sample.label("le")).contains("0.1", "1.0", "+Inf");
        assertThat(scrape.sum("portico_requests_total", Map.of("path", "graphql", "outcome", "ok", "code", "none")))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.sum("portico_port_rows_total", Map.of("port", "sales-orders-port")))
                .isGreaterThanOrEqualTo(5);
        assertThat(scrape.samples("portico_port_up", Map.of("port", "sales-orders-port")))
                .extracting(PrometheusScrape.Sample::value).containsExactly(1.0);
    }

    @Test
    void refusedRequestsAreCountedByTheirErrorCode() {
        Map<String, String> refused = Map.of("path", "graphql", "outcome", "refused",
                "code", "GRAPHQL_VALIDATION_FAILED");
        double before = PrometheusScrape.of(httpPort).sum("portico_requests_total", refused);

        GraphQlClient.Response response = http.post("{ sales { noSuchField } }");

        assertThat(response.codes()).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(PrometheusScrape.of(httpPort).sum("portico_requests_total", refused)).isEqualTo(before + 1);
    }

    /** The attack: a new operation name with every request, to grow the scrape (and Prometheus) without bound. */
    @Test
    void operationNamesAreCappedHoweverManyAClientInvents() {
        for (int request = 0; request < 150; request++) {
            http.post("query Invented" + request + " { __typename }");
        }

        PrometheusScrape scrape = PrometheusScrape.of(httpPort);
        Set<String> operations = scrape.samples("portico_graphql_operations_seconds_count", Map.of()).stream()
                .map(sample -> sample.label("operation")).collect(Collectors.toSet());
        assertThat(operations).hasSizeLessThanOrEqualTo(100 + 2).contains("other");
        assertThat(scrape.sum("portico_graphql_operations_seconds_count", Map.of("operation", "other")))
                .isGreaterThanOrEqualTo(50);
    }

    @Test
    void flightSqlStatementsAreMeasured() throws Exception {
        String token = http.demoToken("stella", "steward", Map.of());
        try (GatewaySqlClient client = new GatewaySqlClient(flightSql.port(), token)) {
            assertThat(client.query("SELECT customer_id FROM crm.customers LIMIT 3").rows()).hasSize(3);
        }

        PrometheusScrape scrape = PrometheusScrape.of(httpPort);
        assertThat(scrape.samples("portico_flightsql_statements_seconds_bucket", Map.of("outcome", "ok")))
                .extracting(sample -> sample.label("le")).contains("1.0", "5.0", "30.0", "+Inf");
        assertThat(scrape.sum("portico_requests_total", Map.of("path", "flight-sql", "outcome", "ok")))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRetiredPortLeavesNoSeriesBehind() throws Exception {
        try (TestPort port = Gadgets.workshopPort("observatory")) {
            assertThat(registry.register(ContractParser.parse(port.contract())).up()).isTrue();
            http.data("{ observatory { gadgets { nodes { name } } } }");
            Poll.until("portico_port_up of workshop-port", DEADLINE, () -> PrometheusScrape.of(httpPort)
                    .sum("portico_port_up", Map.of("port", "workshop-port")) == 1.0);
            PrometheusScrape registered = PrometheusScrape.of(httpPort);
            assertThat(registered.labelled("port", "workshop-port")).extracting(PrometheusScrape.Sample::name)
                    .contains("portico_port_calls_seconds_count", "portico_port_rows_total", "portico_port_up");
            assertThat(registered.labelled("name", "workshop-port")).isNotEmpty();

            assertThat(registry.retire("workshop-port")).isTrue();

            Poll.until("no series of the retired workshop-port", DEADLINE, () -> {
                PrometheusScrape scrape = PrometheusScrape.of(httpPort);
                return scrape.labelled("port", "workshop-port").isEmpty()
                        && scrape.labelled("name", "workshop-port").isEmpty();
            });
        }
    }

    /** Off by default, tracing decorates nothing on the read path: no span, no wrapped executor or reader. */
    @Test
    void tracingOffWrapsNothing() {
        assertThat(tracing.enabled()).isFalse();
        assertThat(portCalls.getClass().getName()).doesNotContain("opentelemetry");
    }
}

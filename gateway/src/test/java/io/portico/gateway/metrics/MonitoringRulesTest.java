package io.portico.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.testkit.Poll;
import io.portico.gateway.flightsql.FlightSqlEndpoint;
import io.portico.gateway.flightsql.GatewaySqlClient;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.PrometheusScrape;
import io.portico.gateway.testing.TracedGatewayTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Grafana dashboard ({@code deploy/grafana/portico-dashboard.json}) and the Prometheus alert rules
 * ({@code deploy/prometheus/portico-alerts.yml}) use only metric names a running gateway exports: every name in
 * their PromQL is in a scrape of the test gateway after some traffic (GraphQL, Flight SQL, a cached answer), so a
 * renamed meter fails here instead of leaving an empty panel or an alert that never fires.
 */
@TracedGatewayTest
class MonitoringRulesTest {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    /** PromQL's own words: functions, aggregations, keywords. */
    private static final Set<String> PROMQL = Set.of("sum", "rate", "irate", "increase", "avg", "max", "min",
            "count", "histogram_quantile", "by", "without", "on", "ignoring", "group_left", "group_right", "and",
            "or", "unless", "bool", "offset", "abs", "clamp_min", "clamp_max", "absent", "topk", "bottomk");

    @LocalServerPort
    int httpPort;

    @Autowired
    FlightSqlEndpoint flightSql;

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsExported() throws Exception {
        List<String> expressions = new ArrayList<>();
        JsonNode dashboard = JsonMapper.builder().build().readTree(repository().resolve(
                "deploy/grafana/portico-dashboard.json").toFile());
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target ->
                expressions.add(target.path("expr").asString())));
        JsonNode rules = new YAMLMapper().readTree(repository().resolve("deploy/prometheus/portico-alerts.yml").toFile());
        rules.path("groups").forEach(group -> group.path("rules").forEach(rule -> {
            assertThat(rule.path("alert").asString()).as("an alert rule's name").isNotBlank();
            expressions.add(rule.path("expr").asString());
        }));
        assertThat(expressions).hasSizeGreaterThan(10).doesNotContain("");
        Set<String> used = new TreeSet<>();
        expressions.forEach(expression -> used.addAll(metricNames(expression)));
        assertThat(used).contains("portico_port_up", "resilience4j_circuitbreaker_state", "portico_requests_total",
                "portico_graphql_operations_seconds_bucket", "portico_port_calls_seconds_bucket");

        trafficOfEveryKind();

        // The per-port gauges follow the registry by a poll (portico.metrics.ports-poll-interval): scrape as a
        // scraper would until every name is there (the failure shows the last scrape's names).
        Set<String> exported = Poll.value("every metric the dashboard and the alerts use", Duration.ofSeconds(10),
                () -> PrometheusScrape.of(httpPort).names(), names -> names.containsAll(used));
        assertThat(used).allSatisfy(name -> assertThat(exported).as("exported metrics").contains(name));
    }

    @Test
    void metricNamesAreReadFromPromQl() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (port, le) (rate(portico_port_calls_seconds_bucket"
                + "{outcome!=\"success\", le=\"0.25\"}[$__rate_interval]))) > 1"))
                .containsExactly("portico_port_calls_seconds_bucket");
        assertThat(metricNames("resilience4j_circuitbreaker_state{state=\"open\"} == 1 or portico_port_up == 0"))
                .containsExactly("resilience4j_circuitbreaker_state", "portico_port_up");
    }

    /** The metric names of a PromQL expression: identifiers other than functions, keywords and label names. */
    static List<String> metricNames(String expression) {
        String bare = expression.replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\"[^\"]*\"", " ");
        List<String> names = new ArrayList<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            boolean numeric = identifier.start() > 0 && Character.isDigit(bare.charAt(identifier.start() - 1));
            if (!PROMQL.contains(name) && !numeric && !name.startsWith("$") && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private void trafficOfEveryKind() throws Exception {
        GraphQlClient http = new GraphQlClient(httpPort);
        String token = http.demoToken("stella", "steward", Map.of());
        String query = "query Dashboard { sales { orders(first: 3) { nodes { orderId customer { fullName } } } } }";
        http.data(query, token);
        http.data(query, token);
        http.post("{ sales { noSuchField } }");
        try (GatewaySqlClient client = new GatewaySqlClient(flightSql.port(), token)) {
            client.query("SELECT order_id FROM sales.orders LIMIT 2");
        }
    }

    private static Path repository() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isDirectory(directory.resolve("deploy/grafana"))) {
            directory = directory.getParent();
        }
        assertThat(directory).as("a repository root with deploy/grafana above the working directory").isNotNull();
        return directory;
    }
}

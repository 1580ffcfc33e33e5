package io.portico.gateway.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.portico.flight.testkit.Poll;
import io.portico.gateway.flightsql.FlightSqlEndpoint;
import io.portico.gateway.flightsql.GatewaySqlClient;
import io.portico.gateway.http.RequestIdFilter;
import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.TracedGatewayTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One trace per request across the gateway and its ports, as a collector receives it (the SDK's in-memory
 * exporter behind Boot's OTLP pipeline): a cross-domain GraphQL query (sales, then crm for each order's customer),
 * a Flight SQL statement, a client's {@code traceparent} continued, a cached answer marked as such. The demo ports
 * are real Flight SQL servers on loopback; the trace context reaches them only in the Flight call headers.
 */
@TracedGatewayTest
class TracingEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final AttributeKey<String> PORT_ID = AttributeKey.stringKey("portico.port.id");
    private static final String CROSS_DOMAIN = """
            query OrdersWithCustomers { sales { orders(first: 3, orderBy: [{orderId: ASC}]) {
              nodes { orderId customer { fullName } } } } }""";

    @LocalServerPort
    int httpPort;

    @Autowired
    InMemorySpanExporter spans;

    @Autowired
    FlightSqlEndpoint flightSql;

    @Autowired
    BufferAllocator rootAllocator;

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
    void aCrossDomainQueryIsOneTraceThroughTheGatewayAndBothPorts() {
        String token = http.demoToken("stella", "steward", Map.of());
        GraphQlClient.Response response = http.post(CROSS_DOMAIN.replace("first: 3", "first: 4"), Map.of(), token);
        assertThat(response.errors()).isEmpty();
        String traceId = response.header(RequestIdFilter.TRACE_HEADER);
        assertThat(traceId).as("the trace id is answered").matches("[0-9a-f]{32}");
        String requestId = response.header(RequestIdFilter.HEADER);
        assertThat(requestId).as("the request id is the gateway's own, not the trace id").isNotEqualTo(traceId)
                .matches("[0-9a-f-]{36}");

        List<SpanData> trace = awaitTrace(traceId, spans -> portSpans(spans, "port statement")
                .containsAll(Set.of("sales-orders-port", "crm-customers-port")) && count(spans, "json write") > 0
                && spans.stream().anyMatch(span -> !span.getParentSpanContext().isValid()));

        assertThat(trace.stream().filter(span -> !span.getParentSpanContext().isValid()).toList())
                .as("one root: the HTTP request").singleElement()
                .satisfies(root -> assertThat(root.getName()).containsIgnoringCase("http"));
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, span -> span));
        for (SpanData span : trace) {
            if (span.getParentSpanContext().isValid()) {
                assertThat(byId).as("the parent of %s", span.getName()).containsKey(span.getParentSpanId());
            }
        }
        for (SpanData statement : named(trace, "port statement", "port plan")) {
            SpanData call = byId.get(statement.getParentSpanId());
            assertThat(call.getName()).as("the parent of a port's span").isEqualTo("port call");
            assertThat(call.getAttributes().get(PORT_ID)).isEqualTo(statement.getAttributes().get(PORT_ID));
            assertThat(call.getAttributes().get(AttributeKey.stringKey("portico.statement.signature")))
                    .containsIgnoringCase("select").doesNotContain("'");
        }
        for (SpanData statement : named(trace, "port statement")) {
            assertThat(childrenOf(trace, statement)).extracting(SpanData::getName)
                    .contains("statement check", "database query", "streaming");
        }
        assertThat(trace).extracting(SpanData::getName).contains("graphql parse", "graphql validate",
                "graphql execute", "policy decision", "plan", "json write");
        assertThat(named(trace, "port call")).allSatisfy(call ->
                assertThat(call.getAttributes().get(AttributeKey.longKey("portico.rows"))).isPositive());
        assertThat(auditEvent(requestId).path("traceId").asString()).isEqualTo(traceId);
    }

    @Test
    void aClientsTraceparentIsContinued() {
        String clientTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String clientSpan = "00f067aa0ba902b7";
        String token = http.demoToken("stella", "steward", Map.of());
        GraphQlClient.Response response = http.post(Map.of("query", CROSS_DOMAIN.replace("first: 3", "first: 5")),
                Map.of("Authorization", "Bearer " + token, "Accept", GraphQlClient.JSON,
                        "traceparent", "00-" + clientTrace + "-" + clientSpan + "-01"));

        assertThat(response.errors()).isEmpty();
        assertThat(response.header(RequestIdFilter.TRACE_HEADER)).isEqualTo(clientTrace);
        assertThat(response.header(RequestIdFilter.HEADER)).isNotEqualTo(clientTrace);
        List<SpanData> trace = awaitTrace(clientTrace, spans -> portSpans(spans, "port statement").size() == 2
                && spans.stream().anyMatch(span -> span.getParentSpanId().equals(clientSpan)));
        assertThat(trace.stream().filter(span -> span.getParentSpanId().equals(clientSpan)).toList())
                .as("the gateway's request span, child of the client's").hasSize(1);
    }

    @Test
    void aFlightSqlStatementIsOneTraceContinuingTheClients() throws Exception {
        String clientTrace = "0af7651916cd43dd8448eb211c80319c";
        String clientSpan = "b7ad6b7169203331";
        String token = http.demoToken("stella", "steward", Map.of());
        try (GatewaySqlClient client = new GatewaySqlClient(flightSql.port(), token,
                Map.of("traceparent", "00-" + clientTrace + "-" + clientSpan + "-01"))) {
            assertThat(client.query("SELECT customer_id FROM crm.customers WHERE customer_id < 50 LIMIT 7").rows())
                    .hasSize(7);
        }

        List<SpanData> trace = awaitTrace(clientTrace, spans -> portSpans(spans, "port statement")
                .contains("crm-customers-port") && count(spans, "flight-sql statement") > 0);
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, span -> span));
        List<SpanData> statements = named(trace, "flight-sql statement");
        assertThat(statements).isNotEmpty().allSatisfy(statement ->
                assertThat(statement.getParentSpanId()).isEqualTo(clientSpan));
        for (SpanData portStatement : named(trace, "port statement")) {
            SpanData call = byId.get(portStatement.getParentSpanId());
            assertThat(call.getName()).isEqualTo("port call");
            assertThat(ancestors(byId, call)).extracting(SpanData::getName).contains("flight-sql statement");
        }
        assertThat(auditEvents()).filteredOn(event -> event.path("traceId").asString().equals(clientTrace))
                .as("the statement's audit event names the client's trace beside a request id of its own")
                .isNotEmpty().allSatisfy(event -> assertThat(event.path("requestId").asString())
                        .isNotEqualTo(clientTrace).matches("[0-9a-f-]{36}"));
    }

    /**
     * The attack: a client picks the trace id of its {@code traceparent} (it may: it continues its trace), and sends
     * the same one as another user's request, or as a request it wants its own hidden behind. Were the request id
     * the trace id, the audit trail would hold two events under one id, and searching it for a request would find
     * the attacker's too. The request id stays the gateway's, one per request; the trace id sits beside it.
     */
    @Test
    void aClientsTraceparentCannotChooseTheAuditRequestId() {
        String chosenTrace = "5ce0e9a56015fec5aadfa328ae398115";
        Map<String, String> traceparent = Map.of("traceparent", "00-" + chosenTrace + "-ab42124a3c573678-01",
                "Accept", GraphQlClient.JSON);
        String query = "{ crm { customers(first: 2, orderBy: [{customerId: ASC}]) { nodes { customerId } } } }";
        GraphQlClient.Response steward = http.post(Map.of("query", query), with(traceparent,
                "Bearer " + http.demoToken("stella", "steward", Map.of())));
        GraphQlClient.Response analyst = http.post(Map.of("query", query), with(traceparent,
                "Bearer " + http.demoToken("mallory", "analyst", Map.of("region", "EMEA"))));

        assertThat(List.of(steward, analyst)).allSatisfy(response -> {
            assertThat(response.errors()).isEmpty();
            assertThat(response.header(RequestIdFilter.TRACE_HEADER)).isEqualTo(chosenTrace);
        });
        String stewardId = steward.header(RequestIdFilter.HEADER);
        String analystId = analyst.header(RequestIdFilter.HEADER);
        assertThat(stewardId).isNotEqualTo(analystId).isNotEqualTo(chosenTrace);
        assertThat(analystId).isNotEqualTo(chosenTrace);
        assertThat(auditEvent(stewardId).at("/subject/id").asString()).isEqualTo("stella");
        assertThat(auditEvent(analystId).at("/subject/id").asString()).isEqualTo("mallory");
        assertThat(auditEvents()).extracting(event -> event.path("requestId").asString())
                .as("no request id twice in the audit trail").doesNotHaveDuplicates().doesNotContain(chosenTrace);
    }

    @Test
    void answersFromTheCachesAreMarkedAndCallNoPort() {
        String token = http.demoToken("stella", "steward", Map.of());
        String query = "{ logistics { shipments(first: 3, orderBy: [{shipmentId: ASC}]) { nodes { carrier } } } }";
        String first = http.post(query, Map.of(), token).header(RequestIdFilter.TRACE_HEADER);
        // Another document text for the same statement: not answered whole, its port answer read from the cache.
        String second = http.post(query.replace("{ nodes", "{  nodes"), Map.of(), token)
                .header(RequestIdFilter.TRACE_HEADER);
        String third = http.post(query, Map.of(), token).header(RequestIdFilter.TRACE_HEADER);

        List<SpanData> loaded = awaitTrace(first, spans -> !portSpans(spans, "port statement").isEmpty()
                && count(spans, "json write") == 1);
        List<SpanData> cached = awaitTrace(second, spans -> named(spans, "port call").size() == 1
                && named(spans, "json write").size() == 1);
        List<SpanData> whole = awaitTrace(third, spans -> named(spans, "json write").size() == 1
                && spans.stream().anyMatch(span -> !span.getParentSpanContext().isValid()));
        AttributeKey<Boolean> hit = AttributeKey.booleanKey("portico.cache.hit");
        assertThat(named(loaded, "port call")).extracting(span -> span.getAttributes().get(hit)).containsOnly(false);
        assertThat(named(cached, "port call")).extracting(span -> span.getAttributes().get(hit)).containsOnly(true);
        assertThat(named(cached, "port statement")).isEmpty();
        assertThat(named(whole, "port call", "graphql execute", "plan")).as("an answer kept whole").isEmpty();
        assertThat(whole.stream().filter(span -> !span.getParentSpanContext().isValid()).toList()).singleElement()
                .satisfies(root -> assertThat(root.getAttributes()
                        .get(AttributeKey.booleanKey("portico.answer.cache.hit"))).isTrue());
    }

    private List<SpanData> awaitTrace(String traceId, java.util.function.Predicate<List<SpanData>> complete) {
        return Poll.value("the spans of trace " + traceId, DEADLINE,
                () -> spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList(),
                complete);
    }

    private static Set<String> portSpans(List<SpanData> trace, String name) {
        return named(trace, name).stream().map(span -> span.getAttributes().get(PORT_ID)).collect(Collectors.toSet());
    }

    private static List<SpanData> named(List<SpanData> trace, String... names) {
        Set<String> wanted = Set.of(names);
        return trace.stream().filter(span -> wanted.contains(span.getName())).toList();
    }

    private static long count(List<SpanData> trace, String name) {
        return named(trace, name).size();
    }

    private static List<SpanData> childrenOf(List<SpanData> trace, SpanData parent) {
        return trace.stream().filter(span -> span.getParentSpanId().equals(parent.getSpanId())).toList();
    }

    private static List<SpanData> ancestors(Map<String, SpanData> byId, SpanData span) {
        List<SpanData> ancestors = new java.util.ArrayList<>();
        SpanData current = byId.get(span.getParentSpanId());
        while (current != null && !SpanId.getInvalid().equals(current.getSpanId())) {
            ancestors.add(current);
            current = byId.get(current.getParentSpanId());
        }
        return ancestors;
    }

    private static Map<String, String> with(Map<String, String> headers, String authorization) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", authorization);
        return all;
    }

    /** The audit event of the request {@code requestId}: exactly one. */
    private static JsonNode auditEvent(String requestId) {
        List<JsonNode> events = Poll.value("the audit event of request " + requestId, DEADLINE,
                () -> auditEvents().stream().filter(event -> event.path("requestId").asString().equals(requestId))
                        .toList(), found -> !found.isEmpty());
        assertThat(events).as("the audit events of request %s", requestId).hasSize(1);
        return events.getFirst();
    }

    private static List<JsonNode> auditEvents() {
        try {
            return Files.readAllLines(Path.of(TracedGatewayTest.AUDIT_LOG)).stream().map(JSON::readTree).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

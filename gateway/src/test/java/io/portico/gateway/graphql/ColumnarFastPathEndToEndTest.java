package io.portico.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.graphql.dgs.DgsQueryExecutor;
import graphql.ExecutionResult;
import graphql.execution.ExecutionStrategy;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.PorticoApplication;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The columnar fast path answers byte for byte what graphql-java's field-by-field execution answers: the same
 * queries go over HTTP to the demo gateway (fast path on, the default) and to a second demo gateway with the same
 * seed and scale started with {@code portico.query.columnar-fast-path=false}, and the response bodies, statuses
 * and content types must be identical. Each query also says how many connection lists the fast path must have
 * completed. A port registered at runtime adds lists of scalars and a null in a required column (fast path: node
 * fields are nullable in GraphQL, so that null is just a null) and a struct column (field by field). Code that reads
 * the execution result as maps (DGS's query executor and its JSON paths, Jackson data binding) sees the same data as
 * well.
 */
@DemoGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ColumnarFastPathEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String WIDGETS = """
            apiVersion: v3.1.0
            kind: DataContract
            id: workshop-widgets-port
            version: 1.0.0
            status: active
            domain: workshop
            dataProduct: widgets
            servers:
              - server: workshop-port
                type: custom
                customProperties:
                  - property: flightSqlUrl
                    value: URL
                  - property: sqlDialect
                    value: DUCKDB
            schema:
              - name: widgets
                physicalName: widgets
                properties:
                  - name: widget_id
                    logicalType: integer
                    required: true
                    primaryKey: true
                    primaryKeyPosition: 1
                  - name: label
                    logicalType: string
                    required: true
                  - name: tags
                    logicalType: array
                  - name: dims
                    logicalType: object
                  - name: price
                    logicalType: number
                  - name: made_on
                    logicalType: date
            """;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    @LocalServerPort
    int httpPort;

    @Autowired
    @Qualifier("query")
    ExecutionStrategy queryStrategy;

    @Autowired
    BufferAllocator rootAllocator;

    @Autowired
    DgsQueryExecutor dgs;

    @Autowired
    PortRegistry registry;

    private ConfigurableApplicationContext slowGateway;
    private int slowHttpPort;

    @BeforeAll
    void startAGatewayWithoutTheFastPath() {
        slowGateway = new SpringApplicationBuilder(PorticoApplication.class).run(
                "--server.port=0",
                "--portico.demo.enabled=true",
                "--portico.demo.seed=42",
                "--portico.demo.scale=0.01",
                "--portico.query.columnar-fast-path=false");
        slowHttpPort = ((WebServerApplicationContext) slowGateway).getWebServer().getPort();
        assertThat(slowGateway.getBean("queryExecutionStrategy", ExecutionStrategy.class))
                .isNotInstanceOf(ColumnarExecutionStrategy.class);
    }

    @AfterAll
    void stopIt() {
        BufferAllocator slowAllocator = slowGateway.getBean(BufferAllocator.class);
        slowGateway.close();
        assertThat(slowAllocator.getAllocatedMemory()).as("bytes leaked by the slow-path gateway").isZero();
    }

    @AfterEach
    void noArrowMemoryLeft() {
        ArrowLeaks.assertNoneUnder(rootAllocator);
    }

    static Stream<Arguments> queries() {
        return Stream.of(
                query("every orders column: Long, String, BigDecimal, Int, DateTime, LocalDateTime with nulls", 1, """
                        { sales { orders(first: 300, orderBy: [{orderId: ASC}]) { nodes {
                          orderId customerId status currency netAmount taxAmount totalAmount itemCount createdAt
                          updatedAt } } } }"""),
                query("Date and String columns with nulls", 1, """
                        { crm { customers(first: 200) { nodes {
                          customerId fullName email phone birthDate region segment signupDate } } } }"""),
                query("Float and nullable DateTime columns", 1, """
                        { logistics { shipments(first: 200, orderBy: [{weightKg: DESC}]) { nodes {
                          shipmentId orderId carrier status weightKg shippedAt deliveredAt } } } }"""),
                query("aliases, a named fragment, an inline fragment, __typename, a field selected twice", 1, """
                        query Aliased { sales { orders(first: 50, orderBy: [{totalAmount: DESC}]) {
                          nodes { id: orderId ...amounts ... on SalesOrders { state: status __typename } orderId
                                  kind: __typename }
                        } } }
                        fragment amounts on SalesOrders { totalAmount gross: totalAmount orderId }"""),
                query("@include and @skip with variables (both true)", 1, INCLUDE_SKIP,
                        Map.of("withAmount", true, "skipStatus", true)),
                query("@include and @skip with variables (both false)", 1, INCLUDE_SKIP,
                        Map.of("withAmount", false, "skipStatus", false)),
                query("@include and @skip on a fragment spread and an inline fragment", 1, """
                        query ($on: Boolean!) { sales { orders(first: 20) { nodes {
                          orderId ...money @include(if: $on) ... @skip(if: $on) { currency } } } } }
                        fragment money on SalesOrders { netAmount taxAmount }""", Map.of("on", true)),
                query("edges with cursors, aliased, with __typename", 1, """
                        { sales { orders(first: 40, orderBy: [{status: ASC}, {createdAt: DESC}]) {
                          edges { c: cursor __typename node { orderId status createdAt } cursor }
                          pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } } }"""),
                query("nodes and edges in one connection", 2, """
                        { sales { orders(first: 25) {
                          nodes { orderId totalAmount }
                          edges { node { customerId updatedAt } } } } }"""),
                query("a page after a cursor", 1, """
                        { sales { orders(first: 5, orderBy: [{orderId: ASC}],
                          after: "%s") { edges { cursor node { orderId } } pageInfo { hasPreviousPage } } } }"""),
                query("three domains in one request", 3, """
                        { sales { orders(first: 10) { nodes { orderId createdAt } } }
                          crm { customers(first: 10) { nodes { customerId birthDate } } }
                          logistics { shipments(first: 10) { nodes { shipmentId weightKg } } } }"""),
                query("an empty page", 2, """
                        { sales { orders(where: {orderId: {lt: 0}}) { nodes { orderId } edges { cursor }
                          pageInfo { endCursor } } } }"""),
                query("only __typename", 1, "{ sales { orders(first: 3) { nodes { __typename } } } }"),
                query("the whole demo orders table, with a cursor per row", 1, """
                        { sales { orders(first: 5000, orderBy: [{createdAt: ASC}]) {
                          edges { cursor node { orderId customerId status totalAmount currency createdAt } } } } }"""));
    }

    private static final String INCLUDE_SKIP = """
            query Directives($withAmount: Boolean!, $skipStatus: Boolean!) {
              sales { orders(first: 30, orderBy: [{orderId: DESC}]) { nodes {
                orderId totalAmount @include(if: $withAmount) status @skip(if: $skipStatus)
                currency @include(if: true) @skip(if: false) } } } }""";

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void theFastPathAnswersTheSameBytes(String name, int columnarLists, String query, Map<String, Object> variables) {
        String document = query.contains("%s") ? query.formatted(secondRowCursor()) : query;
        ColumnarExecutionStrategy strategy = (ColumnarExecutionStrategy) queryStrategy;
        long columnarBefore = strategy.columnarLists();
        long normalBefore = strategy.normalLists();

        for (String accept : List.of(GraphQlClient.GRAPHQL_RESPONSE, GraphQlClient.JSON)) {
            HttpResponse<String> fast = post(httpPort, document, variables, accept);
            HttpResponse<String> slow = post(slowHttpPort, document, variables, accept);

            assertThat(fast.statusCode()).as("status (%s)", accept).isEqualTo(200).isEqualTo(slow.statusCode());
            assertThat(fast.headers().firstValue("Content-Type"))
                    .isEqualTo(slow.headers().firstValue("Content-Type"));
            assertThat(fast.body()).as("the response must have data and no errors").contains("\"data\":{")
                    .doesNotContain("\"errors\"");
            assertThat(fast.body()).as("body of %s (%s)", name, accept).isEqualTo(slow.body());
        }
        assertThat(strategy.columnarLists() - columnarBefore).as("lists completed in columnar form")
                .isEqualTo(2L * columnarLists);
        assertThat(strategy.normalLists() - normalBefore).as("connection lists completed field by field").isZero();
    }

    @Test
    void theComparedPagesHoldNullsAndEveryScalarType() {
        String orders = post(httpPort, "{ sales { orders(first: 300, orderBy: [{orderId: ASC}]) { nodes { updatedAt"
                + " itemCount totalAmount createdAt } } } }", Map.of(), GraphQlClient.JSON).body();
        assertThat(orders).contains("\"updatedAt\":null", "\"updatedAt\":\"20", "\"itemCount\":",
                "\"totalAmount\":\"", "\"createdAt\":\"20");
        String customers = post(httpPort, "{ crm { customers(first: 200) { nodes { phone birthDate } } } }",
                Map.of(), GraphQlClient.JSON).body();
        assertThat(customers).contains("\"phone\":null", "\"birthDate\":null", "\"birthDate\":\"19");
        String shipments = post(httpPort, "{ logistics { shipments(first: 200) { nodes { weightKg deliveredAt } } } }",
                Map.of(), GraphQlClient.JSON).body();
        assertThat(shipments).contains("\"deliveredAt\":null", "\"weightKg\":");
    }

    @Test
    void listsStructsAndANullInARequiredColumnAnswerTheSameBytes() throws Exception {
        ColumnarExecutionStrategy strategy = (ColumnarExecutionStrategy) queryStrategy;
        PortRegistry slowRegistry = slowGateway.getBean(PortRegistry.class);
        try (TestPort port = TestPortCredentials.startPort(WIDGETS.replace("URL", TestPort.URL),
                "CREATE TABLE widgets (widget_id BIGINT PRIMARY KEY, label VARCHAR, tags VARCHAR[],"
                        + " dims STRUCT(width_cm DOUBLE, height_cm DOUBLE), price DECIMAL(10,2), made_on DATE)",
                "INSERT INTO widgets VALUES"
                        + " (1, 'one', ['red', 'small'], {'width_cm': 2.5, 'height_cm': 4.0}, 9.90, DATE '2024-02-29'),"
                        + " (2, 'two', [], NULL, NULL, NULL),"
                        + " (3, NULL, NULL, {'width_cm': NULL, 'height_cm': 1.0}, 1234.50, DATE '1999-12-31'),"
                        + " (4, 'four', ['x', NULL, 'quote \"'], {'width_cm': 1e-7, 'height_cm': 3.0}, -0.01,"
                        + " DATE '2000-01-01')")) {
            OutputPortContract contract = ContractParser.parse(port.contract());
            assertThat(registry.register(contract).up()).isTrue();
            assertThat(slowRegistry.register(contract).up()).isTrue();
            try {
                long columnar = strategy.columnarLists();
                long normal = strategy.normalLists();
                String lists = sameBytes("""
                        { workshop { widgets(orderBy: [{widgetId: ASC}]) { nodes { widgetId tags price madeOn }
                          edges { cursor node { tags } } } } }""");
                assertThat(lists).contains("[\"x\",null,\"quote \\\"\"]", "\"tags\":[]", "\"tags\":null");
                assertThat(strategy.columnarLists() - columnar).as("lists of scalars: columnar").isEqualTo(4);

                String structs = sameBytes("""
                        { workshop { widgets(orderBy: [{widgetId: ASC}]) { nodes { widgetId dims { widthCm } } } } }""");
                assertThat(structs).contains("\"dims\":{\"widthCm\":2.5}", "\"dims\":null");
                assertThat(strategy.normalLists() - normal).as("struct page: field by field").isEqualTo(2);

                String requiredNull = sameBytes("""
                        { workshop { widgets(orderBy: [{widgetId: ASC}]) { nodes { widgetId label } } } }""");
                assertThat(requiredNull).contains("{\"widgetId\":3,\"label\":null}", "\"label\":\"four\"")
                        .doesNotContain("\"errors\"");
                assertThat(strategy.columnarLists() - columnar).as("required-null page: columnar").isEqualTo(6);
                assertThat(strategy.normalLists() - normal).isEqualTo(2);
            } finally {
                registry.retire(contract.id());
                slowRegistry.retire(contract.id());
            }
        }
    }

    /** POSTs the query to both gateways in both media types; asserts identical answers; answers the JSON body. */
    private String sameBytes(String query) {
        String body = null;
        for (String accept : List.of(GraphQlClient.GRAPHQL_RESPONSE, GraphQlClient.JSON)) {
            HttpResponse<String> fast = post(httpPort, query, Map.of(), accept);
            HttpResponse<String> slow = post(slowHttpPort, query, Map.of(), accept);
            assertThat(fast.statusCode()).as("status (%s)", accept).isEqualTo(200).isEqualTo(slow.statusCode());
            assertThat(fast.body()).as("body of %s (%s)", query, accept).isEqualTo(slow.body());
            body = fast.body();
        }
        return body;
    }

    @Test
    void readersOfTheExecutionResultAsMapsSeeTheSameData() {
        String query = """
                { sales { orders(first: 100, orderBy: [{orderId: ASC}]) {
                  nodes { id: orderId totalAmount createdAt updatedAt }
                  edges { cursor node { status } } } } }""";
        ColumnarExecutionStrategy strategy = (ColumnarExecutionStrategy) queryStrategy;
        long columnarBefore = strategy.columnarLists();

        ExecutionResult result = dgs.execute(query);
        List<Object> totals = dgs.executeAndExtractJsonPath(query, "data.sales.orders.nodes[*].totalAmount");
        String cursor = dgs.executeAndExtractJsonPath(query, "data.sales.orders.edges[7].cursor");

        assertThat(strategy.columnarLists() - columnarBefore).isEqualTo(6);
        JsonNode slow = JSON.readTree(post(slowHttpPort, query, Map.of(), GraphQlClient.JSON).body());
        assertThat(JSON.readTree(JSON.writeValueAsString(result.toSpecification()))).isEqualTo(slow);
        JsonNode slowOrders = slow.path("data").path("sales").path("orders");
        assertThat(totals).hasSize(100).containsExactlyElementsOf(
                slowOrders.path("nodes").valueStream().map(node -> (Object) node.path("totalAmount").asString())
                        .toList());
        assertThat(cursor).isEqualTo(slowOrders.path("edges").get(7).path("cursor").asString());
    }

    private String secondRowCursor() {
        return new GraphQlClient(httpPort).data("{ sales { orders(first: 2, orderBy: [{orderId: ASC}]) {"
                + " edges { cursor } } } }").path("sales").path("orders").path("edges").get(1).path("cursor").asString();
    }

    private static Arguments query(String name, int columnarLists, String query) {
        return query(name, columnarLists, query, Map.of());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"analyst", "support"})
    void bothPathsAnswerTheSameBytesUnderPolicies(String role) {
        String query = """
                { crm { customers(first: 100, orderBy: [{customerId: ASC}]) { totalCount
                  edges { cursor node { customerId fullName email phone birthDate region signupDate } } } } }""";
        for (String accept : List.of(GraphQlClient.GRAPHQL_RESPONSE, GraphQlClient.JSON)) {
            HttpResponse<String> fast = post(httpPort, query, Map.of(), accept, role);
            HttpResponse<String> slow = post(slowHttpPort, query, Map.of(), accept, role);

            assertThat(fast.body()).contains("FORBIDDEN").contains("\"birthDate\":null");
            assertThat(fast.body()).as("fast path vs graphql-java path, " + role).isEqualTo(slow.body());
        }
    }

    private static Arguments query(String name, int columnarLists, String query, Map<String, Object> variables) {
        return Arguments.of(name, columnarLists, query, variables);
    }

    /** As a data steward, whom the demo's policies show every field as it is. */
    private static HttpResponse<String> post(int port, String query, Map<String, Object> variables, String accept) {
        return post(port, query, variables, accept, "steward");
    }

    private static HttpResponse<String> post(int port, String query, Map<String, Object> variables, String accept,
            String role) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .header("Authorization", "Bearer " + token(port, role))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return send(request);
    }

    /** A demo token of the gateway at {@code port} for one role (with a region, for support). */
    private static String token(int port, String role) {
        return TOKENS.computeIfAbsent(port + "/" + role, key -> {
            HttpRequest mint = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/demo/token"))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"roles\": [\"" + role
                            + "\"], \"claims\": {\"region\": \"EMEA\"}}"))
                    .build();
            return JSON.readTree(send(mint).body()).path("token").asString();
        });
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

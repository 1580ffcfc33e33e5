package io.portico.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.StatementLog;
import io.portico.flight.demo.DemoDomain;
import io.portico.gateway.demo.DemoMesh;
import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.DemoGatewayTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relationship fields across the demo's three ports, over HTTP: {@code order.customer} (sales -> crm),
 * {@code order.shipments} (logistics -> sales, read backwards) and {@code customer.orders}, checked against the
 * ports' own DuckDB databases, with the number of statements each port received (no N+1), and under the demo's
 * policies at every level.
 */
@DemoGatewayTest
class RelationshipEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String NESTED = """
            { sales { orders(first: 100) { nodes {
                orderId customer { fullName region } shipments { nodes { carrier } }
            } } } }""";

    @LocalServerPort
    int httpPort;

    @Autowired
    DemoMesh demo;

    @Autowired
    BufferAllocator rootAllocator;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void clearLogs() {
        demo.ports().forEach(port -> port.port().statementLog().clear());
    }

    @AfterEach
    void noArrowMemoryLeft() {
        ArrowLeaks.assertNoneUnder(rootAllocator);
    }

    @Test
    void ordersWithTheirCustomerAndShipmentsInOneStatementPerPort() throws SQLException {
        JsonNode response = graphQl(NESTED, token("steward", Map.of()));

        assertThat(response.path("errors").isMissingNode()).as("%s", response.path("errors")).isTrue();
        JsonNode orders = response.path("data").path("sales").path("orders").path("nodes");
        assertThat(orders).hasSize(100);
        Map<Long, List<Object>> customers = byFirstColumn(duckDb(DemoDomain.CRM,
                "SELECT customer_id, full_name, region FROM customers"));
        Map<Long, Long> customerOfOrder = new HashMap<>();
        duckDb(DemoDomain.SALES, "SELECT order_id, customer_id FROM orders")
                .forEach(row -> customerOfOrder.put(((Number) row.get(0)).longValue(), ((Number) row.get(1)).longValue()));
        Map<Long, List<String>> carriers = new HashMap<>();
        duckDb(DemoDomain.LOGISTICS, "SELECT order_id, carrier FROM shipments ORDER BY shipment_id").forEach(row ->
                carriers.computeIfAbsent(((Number) row.get(0)).longValue(), key -> new ArrayList<>())
                        .add((String) row.get(1)));
        int withShipments = 0;
        for (JsonNode order : orders) {
            long orderId = order.path("orderId").asLong();
            List<Object> customer = customers.get(customerOfOrder.get(orderId));
            assertThat(order.path("customer").path("fullName").asString()).isEqualTo(customer.get(1));
            assertThat(order.path("customer").path("region").asString()).isEqualTo(customer.get(2));
            List<String> shipped = new ArrayList<>();
            order.path("shipments").path("nodes").forEach(node -> shipped.add(node.path("carrier").asString()));
            assertThat(shipped).as("shipments of order %d", orderId)
                    .isEqualTo(carriers.getOrDefault(orderId, List.of()));
            withShipments += shipped.isEmpty() ? 0 : 1;
        }
        assertThat(withShipments).isPositive();
        assertThat(statements(DemoDomain.SALES)).hasSize(1);
        assertThat(statements(DemoDomain.CRM)).singleElement().satisfies(statement -> {
            assertThat(statement.sql()).containsIgnoringCase(" in (");
            assertThat(inListValues(statement.sql())).hasSizeLessThanOrEqualTo(100).doesNotHaveDuplicates();
            assertThat(statement.parameters()).as("values are inlined literals").isEmpty();
        });
        assertThat(statements(DemoDomain.LOGISTICS)).singleElement()
                .satisfies(statement -> assertThat(statement.sql()).containsIgnoringCase("row_number()"));
    }

    @Test
    void eachCustomerGetsItsOwnPageOfOrdersFromOneWindowedStatement() throws SQLException {
        JsonNode response = graphQl("""
                { crm { customers(first: 50) { nodes {
                    customerId
                    orders(first: 2, orderBy: [{totalAmount: DESC}], where: {status: {notIn: ["CANCELLED"]}}) {
                      totalCount pageInfo { hasNextPage } nodes { orderId }
                    }
                } } } }""", token("steward", Map.of()));

        assertThat(response.path("errors").isMissingNode()).as("%s", response.path("errors")).isTrue();
        JsonNode customers = response.path("data").path("crm").path("customers").path("nodes");
        assertThat(customers).hasSize(50);
        for (JsonNode customer : customers) {
            long customerId = customer.path("customerId").asLong();
            List<List<Object>> expected = duckDb(DemoDomain.SALES, "SELECT order_id FROM orders WHERE customer_id = "
                    + customerId + " AND status <> 'CANCELLED' ORDER BY total_amount DESC, order_id");
            JsonNode orders = customer.path("orders");
            List<Long> ids = new ArrayList<>();
            orders.path("nodes").forEach(node -> ids.add(node.path("orderId").asLong()));
            assertThat(ids).as("orders of customer %d", customerId).isEqualTo(expected.stream().limit(2)
                    .map(row -> ((Number) row.getFirst()).longValue()).toList());
            assertThat(orders.path("totalCount").asLong()).isEqualTo(expected.size());
            assertThat(orders.path("pageInfo").path("hasNextPage").asBoolean()).isEqualTo(expected.size() > 2);
        }
        assertThat(statements(DemoDomain.CRM)).hasSize(1);
        assertThat(statements(DemoDomain.SALES)).as("the rows and the counts").hasSize(2);
    }

    @Test
    void moreKeysThanOneStatementTakesAreSentInChunks() {
        JsonNode response = graphQl("""
                { sales { orders(first: 2000) { nodes { orderId shipments(first: 1) { nodes { carrier } } } } } }""",
                token("steward", Map.of()));

        assertThat(response.path("errors").isMissingNode()).as("%s", response.path("errors")).isTrue();
        assertThat(response.path("data").path("sales").path("orders").path("nodes")).hasSize(2000);
        assertThat(statements(DemoDomain.LOGISTICS)).as("2,000 keys, 1,000 per statement").hasSize(2)
                .allSatisfy(statement -> assertThat(inListValues(statement.sql())).hasSizeLessThanOrEqualTo(1000));
    }

    @Test
    void theCustomerRowFilterAppliesThroughOrders() throws SQLException {
        JsonNode response = graphQl("""
                { sales { orders(first: 200) { nodes { orderId customer { customerId region } } } } }""",
                token("support", Map.of("region", "EMEA")));

        assertThat(response.path("errors").isMissingNode()).as("%s", response.path("errors")).isTrue();
        Map<Long, List<Object>> customers = byFirstColumn(duckDb(DemoDomain.CRM,
                "SELECT customer_id, region FROM customers"));
        Map<Long, Long> customerOfOrder = new HashMap<>();
        duckDb(DemoDomain.SALES, "SELECT order_id, customer_id FROM orders")
                .forEach(row -> customerOfOrder.put(((Number) row.get(0)).longValue(), ((Number) row.get(1)).longValue()));
        JsonNode orders = response.path("data").path("sales").path("orders").path("nodes");
        assertThat(orders).isNotEmpty();
        for (JsonNode order : orders) {
            // The demo's orders follow their customer's row filter (visible(crm.customers)): support sees only the
            // orders of its region's customers, so no order comes with a hidden (null) customer.
            String region = (String) customers.get(customerOfOrder.get(order.path("orderId").asLong())).get(1);
            assertThat(region).isEqualTo("EMEA");
            assertThat(order.path("customer").path("region").asString()).as("order %s", order).isEqualTo("EMEA");
        }
        assertThat(statements(DemoDomain.CRM).stream()
                .filter(statement -> !statement.sql().toLowerCase(java.util.Locale.ROOT).startsWith("select distinct")))
                .as("the customers of the orders, besides the region's keys").singleElement()
                .satisfies(statement -> assertThat(statement.sql()).contains("'EMEA'"));
    }

    @Test
    void masksAndDenialsApplyToNestedFieldsWithOneErrorPerSelection() {
        JsonNode steward = graphQl("""
                { sales { orders(first: 20) { nodes { customer { fullName email } } } } }""", token("steward", Map.of()));
        JsonNode response = graphQl("""
                { sales { orders(first: 20) { nodes { customer { fullName email birthDate } } } } }""",
                token("analyst", Map.of()));

        JsonNode orders = response.path("data").path("sales").path("orders").path("nodes");
        JsonNode raw = steward.path("data").path("sales").path("orders").path("nodes");
        assertThat(orders).hasSize(20);
        for (int index = 0; index < orders.size(); index++) {
            JsonNode customer = orders.get(index).path("customer");
            JsonNode original = raw.get(index).path("customer");
            assertThat(customer.path("fullName").asString()).isNotEqualTo(original.path("fullName").asString());
            assertThat(customer.path("email").asString()).isNotEqualTo(original.path("email").asString()).isNotBlank();
            assertThat(customer.path("birthDate").isNull()).isTrue();
        }
        assertThat(response.path("errors")).singleElement().satisfies(error -> {
            assertThat(error.path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
            assertThat(error.path("extensions").path("field").asString()).isEqualTo("crm.customers.birthDate");
            assertThat(error.path("path").toString()).isEqualTo("[\"sales\",\"orders\",\"nodes\",0,\"customer\",\"birthDate\"]");
        });
    }

    @Test
    void threeLevelsDeepTakeOneStatementPerPortPerLevel() {
        JsonNode response = graphQl("""
                { logistics { shipments(first: 30) { nodes { shipmentId order { orderId customer { customerId
                    orders(where: {status: {eq: "PAID"}}, first: 3) { nodes { orderId status } } } } } } } }""",
                token("steward", Map.of()));

        assertThat(response.path("errors").isMissingNode()).as("%s", response.path("errors")).isTrue();
        JsonNode shipments = response.path("data").path("logistics").path("shipments").path("nodes");
        assertThat(shipments).hasSize(30).allSatisfy(shipment -> {
            JsonNode customer = shipment.path("order").path("customer");
            assertThat(customer.path("customerId").isNumber()).isTrue();
            assertThat(customer.path("orders").path("nodes")).hasSizeLessThanOrEqualTo(3)
                    .allSatisfy(order -> assertThat(order.path("status").asString()).isEqualTo("PAID"));
        });
        assertThat(statements(DemoDomain.LOGISTICS)).hasSize(1);
        assertThat(statements(DemoDomain.SALES)).as("shipment.order, then customer.orders").hasSize(2);
        assertThat(statements(DemoDomain.CRM)).hasSize(1);
    }

    @Test
    void aRefusedNestedArgumentIsOneErrorAndTheRestAnswers() {
        JsonNode response = graphQl("""
                { crm { customers(first: 10) { nodes { customerId orders(first: 5, after: "not-a-cursor") {
                  nodes { orderId } } } } } }""", token("steward", Map.of()));

        JsonNode customers = response.path("data").path("crm").path("customers").path("nodes");
        assertThat(customers).hasSize(10).allSatisfy(customer -> {
            assertThat(customer.path("customerId").isNumber()).isTrue();
            assertThat(customer.path("orders").isNull()).isTrue();
        });
        assertThat(response.path("errors")).singleElement().satisfies(error -> {
            assertThat(error.path("extensions").path("code").asString()).isEqualTo("BAD_USER_INPUT");
            assertThat(error.path("message").asString()).contains("'after' cursor");
        });
        assertThat(statements(DemoDomain.SALES)).isEmpty();
    }

    @Test
    void aNestedPageOverTheLimitRefusesTheWholeRequestBeforeAnyPortCall() {
        JsonNode response = graphQl("""
                { crm { customers(first: 10) { nodes { customerId orders(first: 1000000) { nodes { orderId } } } } } }""",
                token("steward", Map.of()));

        assertThat(response.path("data").isMissingNode() || response.path("data").isNull()).isTrue();
        assertThat(response.path("errors")).singleElement().satisfies(error -> {
            assertThat(error.path("extensions").path("code").asString()).isEqualTo("QUERY_LIMIT_EXCEEDED");
            assertThat(error.path("message").asString()).contains("portico.query.max-page-size");
        });
        assertThat(statements(DemoDomain.SALES)).isEmpty();
        assertThat(statements(DemoDomain.CRM)).isEmpty();
    }

    /** The literals of a statement's key list {@code IN (a, b, ...)} (numeric keys: no comma inside a value). */
    private static List<String> inListValues(String sql) {
        int start = sql.toLowerCase(java.util.Locale.ROOT).indexOf(" in (");
        assertThat(start).as("a key list in %s", sql).isNotNegative();
        String list = sql.substring(start + " in (".length(), sql.indexOf(')', start));
        return java.util.Arrays.stream(list.split(",")).map(String::strip).toList();
    }

    private List<StatementLog.Entry> statements(DemoDomain domain) {
        return demo.port(domain).port().statementLog().entries();
    }

    private Map<Long, List<Object>> byFirstColumn(List<List<Object>> rows) {
        Map<Long, List<Object>> byKey = new HashMap<>();
        rows.forEach(row -> byKey.put(((Number) row.getFirst()).longValue(), row));
        return byKey;
    }

    private List<List<Object>> duckDb(DemoDomain domain, String sql) throws SQLException {
        try (Connection connection = demo.port(domain).database().duplicate();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            List<List<Object>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    row.add(rows.getObject(column));
                }
                result.add(row);
            }
            return result;
        }
    }

    private String token(String role, Map<String, String> claims) {
        Map<String, Object> request = Map.of("subject", role + "-user", "roles", List.of(role), "claims", claims);
        return send(HttpRequest.newBuilder(uri("/demo/token"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))).build())
                .path("token").asString();
    }

    private JsonNode graphQl(String query, String token) {
        return send(HttpRequest.newBuilder(uri("/graphql"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build());
    }

    private JsonNode send(HttpRequest request) {
        try {
            return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }
}

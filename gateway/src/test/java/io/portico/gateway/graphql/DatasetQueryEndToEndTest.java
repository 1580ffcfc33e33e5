package io.portico.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.StatementLog;
import io.portico.flight.demo.DemoDomain;
import io.portico.gateway.demo.DemoMesh;
import io.portico.gateway.demo.StartupBanner;
import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Queries through the gateway over HTTP against the demo mesh's real Flight SQL ports, checked against the same
 * SQL run directly on the ports' DuckDB databases, and against the SQL the ports received.
 */
@DemoGatewayTest
class DatasetQueryEndToEndTest {

    @LocalServerPort
    int httpPort;

    @Autowired
    DemoMesh demo;

    @Autowired
    BufferAllocator rootAllocator;

    GraphQlClient graphQl;
    StatementLog salesLog;

    @BeforeEach
    void connect() {
        graphQl = new GraphQlClient(httpPort);
        salesLog = demo.port(DemoDomain.SALES).port().statementLog();
    }

    @AfterEach
    void noArrowMemoryLeft() {
        ArrowLeaks.assertNoneUnder(rootAllocator);
    }

    @Test
    void filteredOrderedPageEqualsTheSameSqlOnDuckDb() throws SQLException {
        JsonNode orders = graphQl.data("""
                {
                  sales {
                    orders(first: 40, where: {status: {eq: "PAID"}, totalAmount: {gt: 100}},
                           orderBy: [{totalAmount: DESC}]) {
                      nodes { orderId customerId status totalAmount createdAt }
                    }
                  }
                }""").path("sales").path("orders").path("nodes");

        List<List<Object>> expected = duckDb(DemoDomain.SALES, """
                SELECT order_id, customer_id, status, total_amount, created_at FROM orders
                WHERE status = 'PAID' AND total_amount > 100
                ORDER BY total_amount DESC, order_id ASC LIMIT 40""");
        assertThat(expected).hasSize(40);
        assertThat(rows(orders, "orderId", "customerId", "status", "totalAmount", "createdAt")).isEqualTo(expected);
    }

    @Test
    void aFilteredPageWithItsCustomersSendsNoDoPutAndNoPreparedStatement() {
        List<io.portico.flight.FlightPort> ports = List.of(demo.port(DemoDomain.SALES).port(),
                demo.port(DemoDomain.CRM).port());
        List<java.util.Map<org.apache.arrow.flight.FlightMethod, Long>> before = ports.stream()
                .map(port -> port.calls().counts()).toList();

        JsonNode orders = graphQl.data("""
                { sales { orders(first: 10, where: {status: {eq: "PAID"}}) {
                    nodes { orderId totalAmount customer { fullName region } } } } }""")
                .path("sales").path("orders").path("nodes");

        assertThat(orders).hasSize(10);
        for (int index = 0; index < ports.size(); index++) {
            java.util.Map<org.apache.arrow.flight.FlightMethod, Long> after = ports.get(index).calls().counts();
            java.util.Map<org.apache.arrow.flight.FlightMethod, Long> earlier = before.get(index);
            for (org.apache.arrow.flight.FlightMethod method : List.of(org.apache.arrow.flight.FlightMethod.DO_PUT,
                    org.apache.arrow.flight.FlightMethod.DO_ACTION)) {
                assertThat(after.getOrDefault(method, 0L) - earlier.getOrDefault(method, 0L))
                        .as("%s calls to %s: no parameters put, nothing prepared or closed", method,
                                ports.get(index).contract().id())
                        .isZero();
            }
        }
    }

    @Test
    void thePortReceivesOnlyTheSelectedColumnsAndTheFilter() {
        graphQl.data("""
                { sales { orders(first: 5, where: {currency: {eq: "EUR"}}) { nodes { status } } } }""");

        StatementLog.Entry statement = salesLog.last().orElseThrow();
        String sql = statement.sql().toLowerCase(Locale.ROOT);
        assertThat(sql).contains("status", "currency", "order_id", "limit");
        assertThat(sql).doesNotContain("customer_id", "net_amount", "tax_amount", "total_amount", "item_count",
                "created_at", "updated_at", "count(");
        assertThat(sql.substring(0, sql.indexOf(" from "))).doesNotContain("currency");
        assertThat(sql).contains("\"currency\" = 'eur'");
        assertThat(statement.parameters()).as("values are inlined literals").isEmpty();
    }

    @Test
    void fragmentsAndAliasesSelectTheirFields() {
        JsonNode orders = graphQl.data("""
                query { sales { orders(first: 3, orderBy: [{orderId: ASC}]) {
                  nodes { id: orderId ...amounts }
                  edges { node { ... on SalesOrders { state: status } } }
                } } }
                fragment amounts on SalesOrders { totalAmount }""").path("sales").path("orders");

        assertThat(orders.path("nodes").get(0).path("id").asLong()).isEqualTo(1);
        assertThat(orders.path("nodes").get(0).has("totalAmount")).isTrue();
        assertThat(orders.path("edges").get(0).path("node").has("state")).isTrue();
        String sql = salesLog.last().orElseThrow().sql().toLowerCase(Locale.ROOT);
        assertThat(sql).contains("order_id", "total_amount", "status").doesNotContain("currency");
    }

    @Test
    void pagingWithFirstAndAfterReturnsEveryRowExactlyOnce() throws SQLException {
        List<Long> seen = pageThrough("sales { orders", "", 300, "orderId");

        long total = ((Number) duckDb(DemoDomain.SALES, "SELECT count(*) FROM orders").getFirst().getFirst()).longValue();
        assertThat(seen).hasSize((int) total).doesNotHaveDuplicates();
        assertThat(seen).isSorted();
    }

    @Test
    void pagingOrderedByANonUniqueColumnReturnsEveryRowExactlyOnce() throws SQLException {
        List<Long> seen = pageThrough("sales { orders", "orderBy: [{status: DESC}]", 170, "orderId");

        List<Long> expected = duckDb(DemoDomain.SALES, "SELECT order_id FROM orders ORDER BY status DESC, order_id")
                .stream().map(row -> ((Number) row.getFirst()).longValue()).toList();
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void pagingAFilteredDatasetOfAnotherDomain() throws SQLException {
        List<Long> seen = pageThrough("logistics { shipments", "where: {carrier: {in: [\"DHL\", \"UPS\"]}}, "
                + "orderBy: [{weightKg: ASC}]", 97, "shipmentId");

        List<Long> expected = duckDb(DemoDomain.LOGISTICS, "SELECT shipment_id FROM shipments WHERE carrier IN "
                + "('DHL', 'UPS') ORDER BY weight_kg, shipment_id").stream()
                .map(row -> ((Number) row.getFirst()).longValue()).toList();
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void totalCountIsComputedOnlyWhenSelected() throws SQLException {
        salesLog.clear();
        graphQl.data("{ sales { orders(first: 2, where: {status: {eq: \"OPEN\"}}) { nodes { orderId } } } }");
        assertThat(salesLog.entries()).hasSize(1);
        assertThat(salesLog.entries().getFirst().sql().toLowerCase(Locale.ROOT)).doesNotContain("count(");

        salesLog.clear();
        JsonNode orders = graphQl.data("""
                { sales { orders(first: 2, where: {status: {eq: "OPEN"}}) { totalCount nodes { orderId } } } }""")
                .path("sales").path("orders");
        assertThat(salesLog.entries()).hasSize(2);
        assertThat(salesLog.entries()).anyMatch(entry -> entry.sql().toLowerCase(Locale.ROOT).contains("count("));
        long open = ((Number) duckDb(DemoDomain.SALES, "SELECT count(*) FROM orders WHERE status = 'OPEN'")
                .getFirst().getFirst()).longValue();
        assertThat(orders.path("totalCount").asLong()).isEqualTo(open);
    }

    @Test
    void pageInfoAndCursorsDescribeThePage() {
        JsonNode orders = graphQl.data("""
                { sales { orders(first: 2, orderBy: [{orderId: ASC}]) {
                  edges { cursor node { orderId } }
                  pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                } } }""").path("sales").path("orders");
        JsonNode pageInfo = orders.path("pageInfo");
        assertThat(pageInfo.path("hasNextPage").asBoolean()).isTrue();
        assertThat(pageInfo.path("hasPreviousPage").asBoolean()).isFalse();
        assertThat(pageInfo.path("startCursor").asString()).isEqualTo(orders.path("edges").get(0).path("cursor").asString());
        assertThat(pageInfo.path("endCursor").asString()).isEqualTo(orders.path("edges").get(1).path("cursor").asString());

        JsonNode next = graphQl.data("{ sales { orders(first: 2, orderBy: [{orderId: ASC}], after: \""
                + pageInfo.path("endCursor").asString() + "\") { nodes { orderId } pageInfo { hasPreviousPage } } } }")
                .path("sales").path("orders");
        assertThat(next.path("nodes").get(0).path("orderId").asLong()).isEqualTo(3);
        assertThat(next.path("pageInfo").path("hasPreviousPage").asBoolean()).isTrue();
    }

    @Test
    void anEmptyPageHasNoCursors() {
        JsonNode orders = graphQl.data("""
                { sales { orders(where: {orderId: {lt: 0}}) {
                  nodes { orderId } pageInfo { hasNextPage startCursor endCursor } totalCount
                } } }""").path("sales").path("orders");
        assertThat(orders.path("nodes").size()).isZero();
        assertThat(orders.path("pageInfo").path("hasNextPage").asBoolean()).isFalse();
        assertThat(orders.path("pageInfo").path("endCursor").isNull()).isTrue();
        assertThat(orders.path("totalCount").asLong()).isZero();
    }

    @Test
    void threeDomainsInOneRequest() {
        JsonNode data = graphQl.data("""
                { schemaVersion
                  sales { orders(first: 1) { nodes { orderId } } }
                  crm { customers(first: 1) { nodes { customerId email } } }
                  logistics { shipments(first: 1) { nodes { shipmentId carrier } } } }""");
        assertThat(data.path("schemaVersion").asLong()).isPositive();
        assertThat(data.path("sales").path("orders").path("nodes").size()).isEqualTo(1);
        assertThat(data.path("crm").path("customers").path("nodes").get(0).path("email").asString()).contains("@");
        assertThat(data.path("logistics").path("shipments").path("nodes").size()).isEqualTo(1);
    }

    @Test
    void theStartupBannersExampleQueryAnswers() {
        JsonNode orders = graphQl.data(StartupBanner.EXAMPLE_QUERY).path("sales").path("orders");

        assertThat(orders.path("nodes").size()).isEqualTo(5);
        assertThat(orders.path("totalCount").asLong()).isPositive();
    }

    private List<Long> pageThrough(String field, String arguments, int pageSize, String key) {
        List<Long> seen = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String after = null;
        String[] path = field.replace("{", "").trim().split("\\s+");
        for (int page = 0; page < 1000; page++) {
            String afterArgument = after == null ? "" : ", after: \"" + after + "\"";
            JsonNode connection = graphQl.data("{ " + field + "(first: " + pageSize
                    + (arguments.isEmpty() ? "" : ", " + arguments) + afterArgument
                    + ") { nodes { " + key + " } pageInfo { hasNextPage endCursor } } } }")
                    .path(path[0]).path(path[1]);
            connection.path("nodes").forEach(node -> seen.add(node.path(key).asLong()));
            JsonNode pageInfo = connection.path("pageInfo");
            if (!pageInfo.path("hasNextPage").asBoolean()) {
                return seen;
            }
            after = pageInfo.path("endCursor").asString();
            assertThat(cursors.add(after)).as("cursor %s repeats", after).isTrue();
        }
        throw new AssertionError("paging did not end");
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
                    Object value = rows.getObject(column);
                    row.add(value instanceof OffsetDateTime time ? time.toInstant() : value);
                }
                result.add(row);
            }
            return result;
        }
    }

    /** JSON nodes as DuckDB's JDBC values: numbers as Long, decimals as BigDecimal, timestamps as Instant. */
    private static List<List<Object>> rows(JsonNode nodes, String... fields) {
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode node : nodes) {
            List<Object> row = new ArrayList<>();
            for (String field : fields) {
                JsonNode value = node.path(field);
                row.add(switch (field) {
                    case "orderId", "customerId" -> value.asLong();
                    case "totalAmount" -> new BigDecimal(value.asString());
                    case "createdAt" -> OffsetDateTime.parse(value.asString()).toInstant();
                    default -> value.asString();
                });
            }
            rows.add(row);
        }
        return rows;
    }
}

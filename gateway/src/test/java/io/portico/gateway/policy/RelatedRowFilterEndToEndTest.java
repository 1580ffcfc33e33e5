package io.portico.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.StatementLog;
import io.portico.flight.demo.DemoDomain;
import io.portico.gateway.demo.DemoMesh;
import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.DemoGatewayTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The demo's relationship-scoped row filter over HTTP with real tokens: support sees only the orders whose customer
 * it may see ({@code visible(crm.customers)} on sales.orders). crm and sales are two ports, so the gateway reads the
 * region's customer ids from the crm port first (cached) and sends them to the sales port as a list. Checked
 * against the ports' own DuckDB databases and against a steward's view of the same data.
 */
@DemoGatewayTest
class RelatedRowFilterEndToEndTest {

    private static final String ORDERS = """
            query Orders($after: String) { sales { orders(first: 250, after: $after, orderBy: [{totalAmount: DESC}]) {
                totalCount pageInfo { hasNextPage endCursor } nodes { orderId customer { customerId region } } } } }""";

    @LocalServerPort
    int port;

    @Autowired
    DemoMesh demo;

    @Autowired
    AllowedKeys allowedKeys;

    @Autowired
    BufferAllocator rootAllocator;

    private PolicyHttp http;

    @BeforeEach
    void connect() {
        http = new PolicyHttp(port);
        allowedKeys.invalidateAll();
        demo.ports().forEach(port -> port.port().statementLog().clear());
    }

    @AfterEach
    void noArrowMemoryLeft() {
        ArrowLeaks.assertNoneUnder(rootAllocator);
    }

    @Test
    void supportReadingOrdersGetsOnlyTheOrdersOfTheCustomersOfItsRegion() throws SQLException {
        Set<Long> emeaOrders = ordersOfRegion("EMEA");
        assertThat(emeaOrders).as("the demo has orders of EMEA customers").isNotEmpty();

        List<JsonNode> pages = allPages(http.token("sue", "support", Map.of("region", "EMEA")));

        Set<Long> seen = new HashSet<>();
        for (JsonNode page : pages) {
            assertThat(page.path("totalCount").asLong()).as("totalCount counts permitted rows only")
                    .isEqualTo(emeaOrders.size());
            for (JsonNode order : page.path("nodes")) {
                assertThat(seen.add(order.path("orderId").asLong())).as("each order once across pages").isTrue();
                assertThat(order.path("customer").isNull()).as("a visible order's customer is visible: %s", order)
                        .isFalse();
                assertThat(order.path("customer").path("region").asString()).isEqualTo("EMEA");
            }
        }
        assertThat(seen).isEqualTo(emeaOrders);
        assertThat(pages.getLast().path("pageInfo").path("hasNextPage").asBoolean()).isFalse();
    }

    @Test
    void supportSeesWhatAStewardSeesOfTheSameOrders() {
        String steward = http.token("stella", "steward", Map.of());
        Map<Long, JsonNode> everything = new HashMap<>();
        allPages(steward).forEach(page -> page.path("nodes")
                .forEach(order -> everything.put(order.path("orderId").asLong(), order)));
        long emeaByTheSteward = everything.values().stream()
                .filter(order -> order.path("customer").path("region").asString().equals("EMEA")).count();

        List<JsonNode> support = allPages(http.token("sue", "support", Map.of("region", "APAC")));

        assertThat(everything).hasSize((int) DemoDomain.orders(0.01));
        assertThat(emeaByTheSteward).isPositive();
        int apac = 0;
        for (JsonNode page : support) {
            for (JsonNode order : page.path("nodes")) {
                assertThat(order).isEqualTo(everything.get(order.path("orderId").asLong()));
                assertThat(order.path("customer").path("region").asString()).isEqualTo("APAC");
                apac++;
            }
        }
        assertThat(apac).isEqualTo(everything.values().stream()
                .filter(order -> order.path("customer").path("region").asString().equals("APAC")).count());
    }

    @Test
    void stewardsAndAnalystsAreNotFiltered() {
        long readsBefore = allowedKeys.reads();
        for (String role : List.of("steward", "analyst")) {
            JsonNode response = http.graphQl("{ sales { orders(first: 1) { totalCount } } }",
                    http.token(role + "-user", role, Map.of("region", "EMEA")));
            assertThat(response.path("data").path("sales").path("orders").path("totalCount").asLong()).as(role)
                    .isEqualTo(DemoDomain.orders(0.01));
        }
        assertThat(statements(DemoDomain.CRM)).as("no key is read for an unfiltered role").isEmpty();
        assertThat(allowedKeys.reads()).isEqualTo(readsBefore);
    }

    @Test
    void theRegionsKeysAreReadOnceFromTheCrmPortAndSentToTheSalesPortAsLiterals() throws SQLException {
        String sue = http.token("sue", "support", Map.of("region", "EMEA"));
        String sven = http.token("sven", "support", Map.of("region", "EMEA"));
        long readsBefore = allowedKeys.reads();

        JsonNode first = http.graphQl("{ sales { orders(first: 5) { totalCount nodes { orderId } } } }", sue);
        JsonNode second = http.graphQl("{ sales { orders(first: 5) { totalCount nodes { orderId } } } }", sven);

        assertThat(first.path("errors").isMissingNode()).as(first.toString()).isTrue();
        assertThat(second.path("data")).isEqualTo(first.path("data"));
        assertThat(statements(DemoDomain.CRM)).as("one key read for both support users of EMEA").singleElement()
                .satisfies(statement -> {
                    assertThat(statement.sql().toLowerCase(Locale.ROOT))
                            .startsWith("select distinct \"customer_id\" from \"customers\"");
                    assertThat(statement.sql()).contains("'EMEA'");
                    assertThat(statement.parameters()).as("values are inlined literals").isEmpty();
                });
        Set<Long> emeaCustomers = customersOfRegion("EMEA");
        assertThat(statements(DemoDomain.SALES)).as("page and count, twice").hasSize(4).allSatisfy(statement -> {
            assertThat(statement.sql()).as("integer keys to a DuckDB port: one array constant")
                    .containsIgnoringCase("\"customer_id\" = any (cast('[");
            assertThat(statement.sql()).as("the keys, not the region").doesNotContain("EMEA");
            assertThat(statement.parameters()).as("values are inlined literals").isEmpty();
            emeaCustomers.stream().limit(5).forEach(id -> assertThat(statement.sql()).contains(String.valueOf(id)));
        });
        assertThat(allowedKeys.reads() - readsBefore).isEqualTo(1);
    }

    @Test
    void aSupportTokenWithoutARegionSeesNoOrder() {
        JsonNode response = http.graphQl("{ sales { orders(first: 5) { totalCount nodes { orderId } } } }",
                http.token("sam", "support", Map.of()));

        assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
        assertThat(response.path("data").path("sales").path("orders").path("totalCount").asLong()).isZero();
        assertThat(response.path("data").path("sales").path("orders").path("nodes")).isEmpty();
        assertThat(statements(DemoDomain.CRM)).as("no customer is visible: nothing to read").isEmpty();
    }

    @Test
    void aCustomersOrdersUnderSupportAreTheOrdersOfThatCustomerAndCountedSo() throws SQLException {
        JsonNode response = http.graphQl("""
                { crm { customers(first: 20) { nodes { customerId region
                    orders(first: 100) { totalCount nodes { orderId } } } } } }""",
                http.token("sue", "support", Map.of("region", "EMEA")));

        assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
        Map<Long, Long> customerOfOrder = customerOfOrder();
        JsonNode customers = response.path("data").path("crm").path("customers").path("nodes");
        assertThat(customers).isNotEmpty().allSatisfy(customer -> {
            assertThat(customer.path("region").asString()).isEqualTo("EMEA");
            long id = customer.path("customerId").asLong();
            long expected = customerOfOrder.values().stream().filter(owner -> owner == id).count();
            assertThat(customer.path("orders").path("totalCount").asLong()).isEqualTo(expected);
            customer.path("orders").path("nodes").forEach(order ->
                    assertThat(customerOfOrder.get(order.path("orderId").asLong())).isEqualTo(id));
        });
    }

    private List<JsonNode> allPages(String token) {
        List<JsonNode> pages = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> variables = new HashMap<>();
            variables.put("after", after);
            JsonNode response = http.graphQl(ORDERS, variables, token);
            assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
            JsonNode page = response.path("data").path("sales").path("orders");
            pages.add(page);
            after = page.path("pageInfo").path("hasNextPage").asBoolean()
                    ? page.path("pageInfo").path("endCursor").asString() : null;
            assertThat(pages).as("paging ends").hasSizeLessThan(20);
        } while (after != null);
        return pages;
    }

    private List<StatementLog.Entry> statements(DemoDomain domain) {
        return demo.port(domain).port().statementLog().entries();
    }

    private Set<Long> ordersOfRegion(String region) throws SQLException {
        Set<Long> customers = customersOfRegion(region);
        Set<Long> orders = new HashSet<>();
        customerOfOrder().forEach((order, customer) -> {
            if (customers.contains(customer)) {
                orders.add(order);
            }
        });
        return orders;
    }

    private Set<Long> customersOfRegion(String region) throws SQLException {
        Set<Long> customers = new HashSet<>();
        query(DemoDomain.CRM, "SELECT customer_id FROM customers WHERE region = '" + region + "'",
                rows -> customers.add(rows.getLong(1)));
        return customers;
    }

    private Map<Long, Long> customerOfOrder() throws SQLException {
        Map<Long, Long> customerOfOrder = new HashMap<>();
        query(DemoDomain.SALES, "SELECT order_id, customer_id FROM orders",
                rows -> customerOfOrder.put(rows.getLong(1), rows.getLong(2)));
        return customerOfOrder;
    }

    private void query(DemoDomain domain, String sql, RowReader reader) throws SQLException {
        try (Connection connection = demo.port(domain).database().duplicate();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }
}

package io.portico.gateway.policy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.ContractBuilder.Column;
import io.portico.flight.testkit.ContractBuilder.Dataset;
import io.portico.flight.testkit.ContractBuilder;
import io.portico.flight.testkit.Poll;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.PorticoApplication;
import io.portico.gateway.demo.DemoMesh;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.policies.parse.PolicyValidationException;
import io.portico.policies.store.PolicyStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relationship-scoped row filters against ports set up for them: a port serving two related datasets (the filter is
 * one semi-join in one statement), the demo's cross-port filter over a small maximum of allowed keys (refused with
 * {@code QUERY_LIMIT_EXCEEDED}, nothing read from sales), the audit trail (the template, never a key), and policy
 * sets naming an undeclared relationship, refused on reload (the set in force stays) and at start (the gateway does
 * not start).
 */
class RelatedRowFilterPortsEndToEndTest {

    private static final int MAX_KEYS = 50;
    private static final String SHOP_RULES = """

              - name: support-sees-own-region-shop-customers
                subjects: {roles: [support]}
                resources: {domain: shop, dataset: customers}
                rowFilter: "region = subject.region"

              - name: support-sees-own-region-shop-orders
                subjects: {roles: [support]}
                resources: {domain: shop, dataset: orders}
                rowFilter: "visible(shop.customers)"
            """;
    private static final String UNDECLARED = """

              - name: support-sees-notes-of-visible-customers
                subjects: {roles: [support]}
                resources: {domain: shop, dataset: notes}
                rowFilter: "visible(shop.customers)"
            """;

    @TempDir
    static Path files;

    private static TestPort shop;
    private static Path policies;
    private static Path auditLog;
    private static ConfigurableApplicationContext gateway;
    private static PolicyHttp http;

    @BeforeAll
    static void startGateway() throws Exception {
        shop = shopPort();
        policies = Files.createDirectories(files.resolve("policies"));
        auditLog = files.resolve("audit.jsonl");
        writePolicies(demoPolicies() + SHOP_RULES);
        gateway = new SpringApplicationBuilder(PorticoApplication.class).run(
                "--server.port=0",
                "--portico.demo.enabled=true",
                "--portico.demo.scale=0.01",
                "--portico.demo.data-dir=" + files.resolve("demo"),
                "--portico.ports.contracts[0]="
                        + Files.writeString(files.resolve("shop.odcs.yaml"), shop.contract()).toUri(),
                "--portico.ports.retry-interval=500ms",
                "--portico.policies.directory=" + policies,
                "--portico.policies.reload-interval=50ms",
                "--portico.policies.audit-log=" + auditLog,
                "--portico.policies.related-filter.max-keys=" + MAX_KEYS);
        http = new PolicyHttp(((WebServerApplicationContext) gateway).getWebServer().getPort());
    }

    @AfterAll
    static void stopGateway() throws Exception {
        try {
            if (gateway != null) {
                BufferAllocator allocator = gateway.getBean(BufferAllocator.class);
                gateway.close();
                assertThat(allocator.getAllocatedMemory()).as("bytes leaked by the gateway").isZero();
            }
        } finally {
            shop.close();
        }
    }

    @BeforeEach
    void clearLogs() {
        shop.statementLog().clear();
        gateway.getBean(DemoMesh.class).ports().forEach(port -> port.port().statementLog().clear());
        gateway.getBean(AllowedKeys.class).invalidateAll();
    }

    @Test
    void twoRelatedDatasetsOfOnePortAreFilteredByOneSemiJoinStatement() throws SQLException {
        JsonNode response = http.graphQl("{ shop { orders(first: 200) { nodes { orderId } } } }",
                http.token("sue", "support", Map.of("region", "EMEA")));

        assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
        Set<Long> ids = new HashSet<>();
        response.path("data").path("shop").path("orders").path("nodes")
                .forEach(order -> ids.add(order.path("orderId").asLong()));
        assertThat(ids).isEqualTo(new HashSet<>(shop.longs("SELECT o.order_id FROM shop_orders o JOIN shop_customers c"
                + " ON o.customer_id = c.customer_id WHERE c.region = 'EMEA'"))).isNotEmpty();
        assertThat(shop.statementLog().entries()).singleElement().satisfies(statement -> {
            assertThat(statement.sql()).containsIgnoringCase("\"customer_id\" in (select \"customer_id\" from"
                    + " \"shop_customers\" where");
            assertThat(statement.sql()).contains("'EMEA'");
            assertThat(statement.parameters()).as("values are inlined literals").isEmpty();
        });
        assertThat(gateway.getBean(AllowedKeys.class).reads()).as("nothing is read first within one port").isZero();
    }

    @Test
    void withinOnePortCountsPagesAndRelationshipsSeeOnlyPermittedRows() throws SQLException {
        String sue = http.token("sue", "support", Map.of("region", "APAC"));
        List<Long> expected = shop.longs("SELECT o.order_id FROM shop_orders o JOIN shop_customers c"
                + " ON o.customer_id = c.customer_id WHERE c.region = 'APAC' ORDER BY o.amount DESC, o.order_id");

        List<Long> seen = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> variables = new java.util.HashMap<>();
            variables.put("after", after);
            JsonNode page = http.graphQl("""
                    query Page($after: String) { shop { orders(first: 7, after: $after, orderBy: [{amount: DESC}]) {
                      totalCount pageInfo { hasNextPage endCursor } nodes { orderId customer { region } } } } }""",
                    variables, sue).path("data").path("shop").path("orders");
            assertThat(page.path("totalCount").asLong()).isEqualTo(expected.size());
            page.path("nodes").forEach(order -> {
                seen.add(order.path("orderId").asLong());
                assertThat(order.path("customer").path("region").asString()).isEqualTo("APAC");
            });
            after = page.path("pageInfo").path("hasNextPage").asBoolean()
                    ? page.path("pageInfo").path("endCursor").asString() : null;
        } while (after != null);
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void aCrossPortFilterOverTheMaximumIsRefusedWithATypedErrorBeforeAnyOrderIsRead() {
        JsonNode response = http.graphQl("{ sales { orders(first: 5) { nodes { orderId } } } }",
                http.token("sue", "support", Map.of("region", "EMEA")));

        assertThat(response.path("data").path("sales").path("orders").isNull()).as(response.toString()).isTrue();
        assertThat(response.path("errors")).singleElement().satisfies(error -> {
            assertThat(error.path("extensions").path("code").asString()).isEqualTo("QUERY_LIMIT_EXCEEDED");
            assertThat(error.path("message").asString()).contains("sales.orders", "crm.customers",
                    "portico.policies.related-filter.max-keys (" + MAX_KEYS + ")");
        });
        DemoMesh demo = gateway.getBean(DemoMesh.class);
        assertThat(demo.port(DemoDomain.SALES).port().statementLog().entries()).as("no order was read").isEmpty();
        assertThat(demo.port(DemoDomain.CRM).port().statementLog().entries()).singleElement()
                .satisfies(statement -> assertThat(statement.sql()).containsIgnoringCase("limit " + (MAX_KEYS + 1)));
    }

    @Test
    void theAuditEventRecordsTheTemplateAndNoKey() throws IOException {
        http.graphQl("query AuditedShop { shop { orders(first: 3) { nodes { orderId customerId } } } }",
                http.token("audit-sue", "support", Map.of("region", "EMEA")));

        JsonNode event = lastEventOf("audit-sue");
        JsonNode dataset = event.path("datasets").get(0);
        assertThat(dataset.path("urn").asString()).isEqualTo("urn:portico:shop:store:orders:v1");
        assertThat(dataset.path("rowFilters")).singleElement().satisfies(filter -> {
            assertThat(filter.path("rule").asString()).isEqualTo("support-sees-own-region-shop-orders");
            assertThat(filter.path("predicate").asString()).isEqualTo("visible(shop.customers)");
        });
        assertThat(event.toString()).doesNotContain("EMEA");
    }

    @Test
    void aReloadNamingAnUndeclaredRelationshipIsRefusedAndTheSetInForceStays() throws Exception {
        PolicyStore store = gateway.getBean(PolicyStore.class);
        String inForce = store.current().version();
        String good = Files.readString(policies.resolve("policies.yaml"), UTF_8);
        try {
            writePolicies(good + UNDECLARED);
            await(() -> store.lastFailure().isPresent(), "the refusal");

            assertThat(store.current().version()).isEqualTo(inForce);
            assertThat(store.lastFailure().orElseThrow().problems()).singleElement().satisfies(problem -> {
                assertThat(problem.path()).isEqualTo("$.rules[7].rowFilter");
                assertThat(problem.problem()).isEqualTo("visible(shop.customers) on shop.notes: shop.notes declares"
                        + " no relationship to shop.customers in its contract");
            });
            JsonNode notes = http.graphQl("{ shop { notes { nodes { noteId } } } }",
                    http.token("sue", "support", Map.of("region", "EMEA")));
            assertThat(notes.path("data").path("shop").path("notes").path("nodes")).as("still the set in force")
                    .hasSize(2);
        } finally {
            writePolicies(good);
        }
        await(() -> store.lastFailure().isEmpty(), "the good files back in force");
    }

    @Test
    void aPolicySetNamingAnUndeclaredRelationshipStopsTheGatewayAtStart() throws IOException {
        Path directory = Files.createDirectories(files.resolve("undeclared"));
        Files.writeString(directory.resolve("policies.yaml"), demoPolicies() + """

                  - name: support-sees-shipments-of-visible-customers
                    subjects: {roles: [support]}
                    resources: {domain: logistics}
                    rowFilter: "visible(crm.customers)"
                """, UTF_8);

        Throwable failure = catchThrowable(() -> startDemoGateway("--portico.policies.directory=" + directory));

        assertThat(rootCause(failure)).isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("policies.yaml: $.rules[5].rowFilter: visible(crm.customers) on"
                        + " logistics.shipments: logistics.shipments declares no relationship to crm.customers");
    }

    @Test
    void theDemoSetStopsTheGatewayAtStartWhenCrossPortKeysAreOff() {
        Throwable failure = catchThrowable(() -> startDemoGateway("--portico.policies.related-filter.max-keys=0"));

        assertThat(rootCause(failure)).isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("visible(crm.customers) on sales.orders: crm.customers is served by port"
                        + " 'crm-customers-port', not by sales.orders's port 'sales-orders-port'");
    }

    private static void startDemoGateway(String setting) throws IOException {
        try (ConfigurableApplicationContext refused = new SpringApplicationBuilder(PorticoApplication.class).run(
                "--server.port=0",
                "--portico.demo.enabled=true",
                "--portico.demo.scale=0.002",
                "--portico.demo.data-dir=" + Files.createTempDirectory(files, "demo"),
                setting)) {
            throw new AssertionError("the gateway started: " + refused);
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof PolicyValidationException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static JsonNode lastEventOf(String subject) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode last = null;
        for (String line : Files.readAllLines(auditLog, UTF_8)) {
            JsonNode event = json.readTree(line);
            if (subject.equals(event.path("subject").path("id").asString())) {
                last = event;
            }
        }
        assertThat(last).as("an audit event of %s", subject).isNotNull();
        return last;
    }

    private static void await(BooleanSupplier condition, String what) {
        Poll.until(what, Duration.ofSeconds(10), condition);
    }

    /**
     * One real Flight SQL port serving three datasets of domain {@code shop}: {@code customers} (30, regions EMEA,
     * APAC, AMER in turn), {@code orders} (120; the customer of order {@code i} is {@code i % 30 + 1}, none for every
     * 17th) whose {@code customer_id} is a foreign key to {@code customers}, and {@code notes} (no relationship). Two
     * related datasets on one port: a row filter of orders that follows the relationship is one semi-join.
     */
    private static TestPort shopPort() throws SQLException {
        return TestPortCredentials.testPort()
                .setup("CREATE TABLE shop_customers (customer_id BIGINT PRIMARY KEY, region VARCHAR NOT NULL)",
                        "INSERT INTO shop_customers SELECT i, ['EMEA', 'APAC', 'AMER'][i % 3 + 1]"
                                + " FROM range(1, 31) t(i)",
                        "CREATE TABLE shop_orders (order_id BIGINT PRIMARY KEY, customer_id BIGINT, amount INTEGER)",
                        "INSERT INTO shop_orders SELECT i, CASE WHEN i % 17 = 0 THEN NULL ELSE i % 30 + 1 END,"
                                + " CAST(i * 3 AS INTEGER) FROM range(1, 121) t(i)",
                        "CREATE TABLE shop_notes (note_id BIGINT PRIMARY KEY, text VARCHAR)",
                        "INSERT INTO shop_notes VALUES (1, 'first'), (2, 'second')")
                .contract(ContractBuilder.contract("shop-store-port").domain("shop").dataProduct("store")
                        .server("shop-port")
                        .dataset(Dataset.named("customers").physicalName("shop_customers")
                                .column(Column.of("customer_id", "integer").physicalType("BIGINT").primaryKey())
                                .column(Column.of("region", "string").required()))
                        .dataset(Dataset.named("orders").physicalName("shop_orders")
                                .column(Column.of("order_id", "integer").physicalType("BIGINT").primaryKey())
                                .column(Column.of("customer_id", "integer").physicalType("BIGINT")
                                        .foreignKey("customers.customer_id"))
                                .column(Column.of("amount", "integer")))
                        .dataset(Dataset.named("notes").physicalName("shop_notes")
                                .column(Column.of("note_id", "integer").physicalType("BIGINT").primaryKey())
                                .column(Column.of("text", "string"))))
                .start();
    }

    private static void writePolicies(String text) throws IOException {
        Path staging = files.resolve("policies.yaml.next");
        Files.writeString(staging, text, UTF_8);
        Files.move(staging, policies.resolve("policies.yaml"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static String demoPolicies() throws IOException {
        try (InputStream demo = RelatedRowFilterPortsEndToEndTest.class.getClassLoader()
                .getResourceAsStream("demo/policies.yaml")) {
            return new String(demo.readAllBytes(), UTF_8).stripTrailing() + "\n";
        }
    }
}

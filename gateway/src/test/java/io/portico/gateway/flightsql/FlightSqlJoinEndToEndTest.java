package io.portico.gateway.flightsql;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.flight.StatementLog;
import io.portico.flight.demo.DemoDomain;
import io.portico.gateway.demo.DemoMesh;
import io.portico.gateway.PorticoApplication;
import io.portico.gateway.testing.ArrowLeaks;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.gateway.testing.GraphQlClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlOuterJoinsSupportLevel;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
 * Joins through the gateway's Flight SQL endpoint, with Arrow's {@link FlightSqlClient} and demo tokens, against a
 * real port serving two related datasets ({@code store.customers} and {@code store.orders}, over DuckDB) under a
 * policy set with a deny ({@code birth_date}, {@code internal_note}: restricted), a mask ({@code full_name}:
 * confidential, redacted) and a row filter on each joined dataset (support: customers of the token's region, orders
 * under 200; partner: orders whose crm customer, at another port, is of the token's region). Each test is an attack on a join: the join is sent to the port whole, as one statement, and answers
 * exactly what the caller may see of each dataset, or is refused before the port receives anything.
 */
class FlightSqlJoinEndToEndTest {

    private static final String CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: store-port
            version: 1.0.0
            status: active
            domain: store
            dataProduct: store
            servers:
              - server: store
                type: custom
                customProperties:
                  - property: flightSqlUrl
                    value: ${url}
                  - property: sqlDialect
                    value: DUCKDB
            schema:
              - name: customers
                physicalName: store_customers
                properties:
                  - {name: customer_id, logicalType: integer, physicalType: BIGINT, required: true, primaryKey: true,
                     classification: public}
                  - {name: region, logicalType: string, required: true, classification: public}
                  - {name: full_name, logicalType: string, classification: confidential}
                  - {name: birth_date, logicalType: date, classification: restricted}
              - name: orders
                physicalName: store_orders
                properties:
                  - {name: order_id, logicalType: integer, physicalType: BIGINT, required: true, primaryKey: true,
                     classification: public}
                  - name: customer_id
                    logicalType: integer
                    physicalType: BIGINT
                    classification: public
                    relationships:
                      - {type: foreignKey, to: customers.customer_id}
                  - {name: amount, logicalType: integer, classification: public}
                  - {name: internal_note, logicalType: string, classification: restricted}
                  - name: crm_customer_id
                    logicalType: integer
                    physicalType: BIGINT
                    classification: public
                    relationships:
                      - type: foreignKey
                        to: customers.customer_id
                        customProperties:
                          - property: targetDomain
                            value: crm
            """;
    private static final String STORE_RULES = """

              - name: support-sees-own-region-store-customers
                subjects: {roles: [support]}
                resources: {domain: store, dataset: customers}
                rowFilter: "region = subject.region"

              - name: support-sees-small-store-orders
                subjects: {roles: [support]}
                resources: {domain: store, dataset: orders}
                rowFilter: "amount < 200"

              - name: partners-see-own-region-crm-customers
                subjects: {roles: [partner]}
                resources: {domain: crm, dataset: customers}
                rowFilter: "region = subject.region"

              - name: partners-see-store-orders-of-visible-crm-customers
                subjects: {roles: [partner]}
                resources: {domain: store, dataset: orders}
                rowFilter: "visible(crm_customer_id -> crm.customers)"
            """;
    private static final String ON = " ON o.customer_id = c.customer_id";
    private static final String[] REGIONS = {"EMEA", "APAC", "AMER"};

    @TempDir
    static Path files;

    private static TestPort store;
    private static Path auditLog;
    private static ConfigurableApplicationContext gateway;
    private static GraphQlClient http;
    private static int flightPort;

    @BeforeAll
    static void startGateway() throws Exception {
        store = TestPortCredentials.startPort(CONTRACT,
                "CREATE TABLE store_customers (customer_id BIGINT PRIMARY KEY, region VARCHAR NOT NULL,"
                        + " full_name VARCHAR, birth_date DATE)",
                "INSERT INTO store_customers SELECT i, ['EMEA', 'APAC', 'AMER'][i % 3 + 1], 'Customer ' || i,"
                        + " DATE '1980-01-01' + CAST(i AS INTEGER) FROM range(1, 31) t(i)",
                "CREATE TABLE store_orders (order_id BIGINT PRIMARY KEY, customer_id BIGINT, amount INTEGER,"
                        + " internal_note VARCHAR, crm_customer_id BIGINT)",
                "INSERT INTO store_orders SELECT i, CASE WHEN i % 17 = 0 THEN NULL ELSE i % 30 + 1 END,"
                        + " CAST(i * 3 AS INTEGER), 'note ' || i, i % 30 + 1 FROM range(1, 121) t(i)");
        Path policies = Files.createDirectories(files.resolve("policies"));
        Files.writeString(policies.resolve("policies.yaml"), demoPolicies() + STORE_RULES, UTF_8);
        Path contract = Files.writeString(files.resolve("store.odcs.yaml"), store.contract(), UTF_8);
        auditLog = files.resolve("audit.jsonl");
        gateway = new SpringApplicationBuilder(PorticoApplication.class).run(
                "--server.port=0",
                "--portico.demo.enabled=true",
                "--portico.demo.scale=0.01",
                "--portico.demo.data-dir=" + files.resolve("demo"),
                "--portico.ports.contracts[0]=" + contract.toUri(),
                "--portico.ports.retry-interval=500ms",
                "--portico.policies.directory=" + policies,
                "--portico.policies.audit-log=" + auditLog,
                "--portico.flight-sql.enabled=true",
                "--portico.flight-sql.port=0");
        http = new GraphQlClient(((WebServerApplicationContext) gateway).getWebServer().getPort());
        flightPort = gateway.getBean(FlightSqlEndpoint.class).port();
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
            store.close();
        }
    }

    @BeforeEach
    void clearLog() {
        log().clear();
    }

    @AfterEach
    void noArrowMemoryLeft() {
        ArrowLeaks.assertNoneUnder(gateway.getBean(BufferAllocator.class));
    }

    @Test
    void aJoinIsSentToThePortWholeAndEachDatasetsRowFilterAppliesToItsOwnRows() throws Exception {
        try (GatewaySqlClient client = client("sue", "support", Map.of("region", "EMEA"))) {
            GatewaySqlClient.Answer answer = client.query("SELECT o.order_id, o.amount AS total, c.region"
                    + " FROM store.orders o JOIN store.customers c" + ON + " WHERE o.amount > 30"
                    + " ORDER BY o.order_id");

            assertThat(answer.schema().getFields()).extracting(Field::getName)
                    .containsExactly("order_id", "total", "region");
            List<List<Object>> expected = new ArrayList<>();
            for (long order = 1; order <= 120; order++) {
                Long customer = customerOf(order);
                if (order * 3 > 30 && order * 3 < 200 && customer != null && region(customer).equals("EMEA")) {
                    expected.add(List.of(order, (int) (order * 3), "EMEA"));
                }
            }
            assertThat(answer.rows()).isNotEmpty().isEqualTo(expected);
        }
        assertThat(log().entries()).as("one statement, joined at the port").singleElement()
                .satisfies(statement -> assertThat(statement.sql()).containsIgnoringCase(" join ")
                        .contains("'EMEA'").contains("200"));
    }

    @Test
    void aLeftJoinKeepsTheCallersRowsAndNeverPairsThemWithRowsHiddenFromThem() throws Exception {
        try (GatewaySqlClient client = client("sue", "support", Map.of("region", "APAC"))) {
            GatewaySqlClient.Answer answer = client.query("SELECT o.order_id, c.customer_id, c.region"
                    + " FROM store.orders o LEFT JOIN store.customers c" + ON + " ORDER BY 1");

            List<List<Object>> expected = new ArrayList<>();
            for (long order = 1; order * 3 < 200; order++) {
                Long customer = customerOf(order);
                boolean visible = customer != null && region(customer).equals("APAC");
                expected.add(Arrays.asList(order, visible ? customer : null, visible ? "APAC" : null));
            }
            assertThat(answer.rows()).isEqualTo(expected);
        }
    }

    @Test
    void aRowFilterThatFollowsARelationshipToAnotherPortBecomesAKeyListInTheOneStatement() throws Exception {
        Set<Long> emea = new HashSet<>();
        try (Connection crm = gateway.getBean(DemoMesh.class).port(DemoDomain.CRM).database().duplicate();
             Statement statement = crm.createStatement();
             ResultSet rows = statement.executeQuery("SELECT customer_id FROM customers WHERE region = 'EMEA'")) {
            while (rows.next()) {
                emea.add(rows.getLong(1));
            }
        }
        StatementLog crmLog = gateway.getBean(DemoMesh.class).port(DemoDomain.CRM).port().statementLog();
        crmLog.clear();
        try (GatewaySqlClient client = client("pat", "partner", Map.of("region", "EMEA"))) {
            GatewaySqlClient.Answer answer = client.query("SELECT o.order_id, c.customer_id FROM store.orders o"
                    + " JOIN store.customers c" + ON + " ORDER BY o.order_id");

            List<List<Object>> expected = new ArrayList<>();
            for (long order = 1; order <= 120; order++) {
                Long customer = customerOf(order);
                if (customer != null && emea.contains(order % 30 + 1)) {
                    expected.add(List.of(order, customer));
                }
            }
            assertThat(answer.rows()).isNotEmpty().isEqualTo(expected);
        }
        assertThat(crmLog.entries()).as("the allowed keys are read from crm first").isNotEmpty();
        assertThat(log().entries()).singleElement().satisfies(statement -> assertThat(statement.sql())
                .containsIgnoringCase(" join ").containsIgnoringCase("\"crm_customer_id\""));
    }

    @Test
    void aSelectedDeniedColumnOfAnyJoinedTableIsRefusedNamingTableColumnAndRule() throws Exception {
        try (GatewaySqlClient client = client("ada", "analyst", Map.of())) {
            assertForbidden(client, "SELECT o.order_id, c.birth_date FROM store.orders o JOIN store.customers c" + ON,
                    "store.customers.birth_date", "defaults.classified.restricted");
            assertForbidden(client, "SELECT c.region, o.internal_note AS note FROM store.orders o"
                    + " JOIN store.customers c" + ON, "store.orders.internal_note", "defaults.classified.restricted");
        }
    }

    @Test
    void starsExpandToTheColumnsTheCallerMaySeeAndMaskedColumnsArriveMasked() throws Exception {
        try (GatewaySqlClient client = client("ada", "analyst", Map.of())) {
            GatewaySqlClient.Answer all = client.query("SELECT * FROM store.orders o JOIN store.customers c" + ON
                    + " ORDER BY o.order_id LIMIT 10");
            assertThat(all.schema().getFields()).extracting(Field::getName).containsExactly(
                    "order_id", "customer_id", "amount", "crm_customer_id", "customer_id", "region", "full_name");
            assertThat(all.rows()).hasSize(10).allSatisfy(row -> {
                String name = (String) row.get(6);
                assertThat(name).doesNotContain("Customer").doesNotContain(String.valueOf(row.get(4)));
                assertThat(name).hasSize(("Customer " + row.get(4)).length());
            });

            GatewaySqlClient.Answer customers = client.query("SELECT o.order_id, c.* FROM store.orders o"
                    + " JOIN store.customers c" + ON + " ORDER BY o.order_id LIMIT 3");
            assertThat(customers.schema().getFields()).extracting(Field::getName)
                    .containsExactly("order_id", "customer_id", "region", "full_name");
            assertThat(customers.column("full_name")).noneMatch(name -> ((String) name).contains("Customer"));
        }
        try (GatewaySqlClient steward = client("stella", "steward", Map.of())) {
            assertThat(steward.query("SELECT c.full_name, c.birth_date FROM store.orders o JOIN store.customers c"
                    + ON + " ORDER BY o.order_id LIMIT 1").rows()).singleElement()
                    .satisfies(row -> assertThat(row.getFirst()).isEqualTo("Customer 2"));
        }
    }

    @Test
    void joiningFilteringOrSortingOnAHiddenColumnIsRefusedBeforeThePortIsCalled() throws Exception {
        try (GatewaySqlClient client = client("ada", "analyst", Map.of())) {
            for (String sql : List.of(
                    "SELECT o.order_id FROM store.orders o JOIN store.customers c" + ON
                            + " AND o.internal_note = c.full_name",
                    "SELECT o.order_id FROM store.orders o JOIN store.customers c ON o.order_id = c.customer_id"
                            + " AND o.amount = c.birth_date",
                    "SELECT o.order_id FROM store.orders o JOIN store.customers c" + ON
                            + " WHERE c.full_name = 'Customer 7'",
                    "SELECT o.order_id FROM store.orders o JOIN store.customers c" + ON
                            + " WHERE c.region = 'EMEA' OR c.birth_date < DATE '1980-01-10'",
                    "SELECT o.order_id FROM store.orders o JOIN store.customers c" + ON
                            + " WHERE o.internal_note LIKE 'note 1%'",
                    "SELECT o.order_id FROM store.orders o JOIN store.customers c" + ON + " ORDER BY c.full_name",
                    "SELECT c.* FROM store.orders o JOIN store.customers c" + ON + " ORDER BY 3",
                    "SELECT o.order_id FROM store.orders o JOIN store.customers c" + ON + " ORDER BY birth_date")) {
                assertForbidden(client, sql);
            }
        }
        assertThat(log().entries()).as("the port received no statement").isEmpty();
    }

    @Test
    void aPreparedJoinTakesParametersAndAnswersAsTheStatementDoes() throws Exception {
        String sql = "SELECT o.order_id, c.region FROM store.orders o JOIN store.customers c" + ON
                + " WHERE o.amount >= ? AND c.region = ? ORDER BY o.order_id";
        try (GatewaySqlClient client = client("ada", "analyst", Map.of());
             BufferAllocator allocator = new RootAllocator();
             FlightSqlClient.PreparedStatement prepared = client.sql().prepare(sql, client.options());
             VectorSchemaRoot parameters = VectorSchemaRoot.create(prepared.getParameterSchema(), allocator)) {
            ((IntVector) parameters.getVector(0)).setSafe(0, 300);
            ((org.apache.arrow.vector.VarCharVector) parameters.getVector(1)).setSafe(0, "AMER".getBytes(UTF_8));
            parameters.setRowCount(1);
            prepared.setParameters(parameters);
            GatewaySqlClient.Answer answer = client.read(prepared.execute(client.options()));

            assertThat(answer.rows()).isNotEmpty().isEqualTo(client.query(sql.replaceFirst("\\?", "300")
                    .replaceFirst("\\?", "'AMER'")).rows());
            assertThat(answer.rows()).allSatisfy(row -> assertThat(row.get(1)).isEqualTo("AMER"));
        }
    }

    @Test
    void aJoinAcrossPortsIsRefusedNamingTheTablesAndTheirPorts() throws Exception {
        try (GatewaySqlClient client = client("stella", "steward", Map.of())) {
            assertThatThrownBy(() -> client.query("SELECT o.order_id, c.region FROM store.orders o"
                    + " JOIN crm.customers c" + ON))
                    .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                        assertThat(e.status().code()).isEqualTo(FlightStatusCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).contains("joins are pushed down only between datasets of the"
                                + " same port; store.orders is served by port store-port, crm.customers by port");
                    });
        }
        assertThat(log().entries()).isEmpty();
    }

    @Test
    void sqlInfoTellsClientsThatJoinsIncludeLeftOuterJoinsOnly() throws Exception {
        try (GatewaySqlClient client = client("ada", "analyst", Map.of())) {
            GatewaySqlClient.Answer info = client.read(client.sql().getSqlInfo(new SqlInfo[] {
                    SqlInfo.SQL_OUTER_JOINS_SUPPORT_LEVEL}, client.options()));

            assertThat(info.rows()).singleElement().satisfies(row -> {
                assertThat(((Number) row.get(0)).intValue()).isEqualTo(SqlInfo.SQL_OUTER_JOINS_SUPPORT_LEVEL_VALUE);
                assertThat(((Number) row.get(1)).intValue()).as("Arrow Java sends the level as a bit of a mask")
                        .isEqualTo(1 << SqlOuterJoinsSupportLevel.SQL_LIMITED_OUTER_JOINS_VALUE);
            });
        }
    }

    @Test
    void theAuditEventListsEachJoinedDatasetWithTheFieldsReadAndJoinedOn() throws Exception {
        String subject = "join-auditor-" + UUID.randomUUID();
        try (GatewaySqlClient client = client(subject, "support", Map.of("region", "AMER"))) {
            client.query("SELECT o.order_id, c.full_name FROM store.orders o JOIN store.customers c" + ON
                    + " WHERE o.amount > 10");
        }
        JsonNode event = auditEventOf(subject);
        assertThat(event.path("outcome").asString()).isEqualTo("OK");
        assertThat(event.toString()).doesNotContain("AMER").doesNotContain("> 10");
        List<JsonNode> datasets = new ArrayList<>();
        event.path("datasets").forEach(datasets::add);
        assertThat(datasets).hasSize(2);
        assertThat(fields(datasets.get(0), "fields")).containsExactly("order_id");
        assertThat(fields(datasets.get(0), "joinFields")).containsExactly("customer_id");
        assertThat(fields(datasets.get(1), "fields")).containsExactly("full_name");
        assertThat(fields(datasets.get(1), "joinFields")).containsExactly("customer_id");
        assertThat(datasets.get(1).path("fields").get(0).path("effect").asString()).isEqualTo("mask");
        assertThat(datasets.get(0).path("rowsReturned").asLong()).isEqualTo(datasets.get(1).path("rowsReturned")
                .asLong()).isPositive();
        Set<String> rules = new HashSet<>();
        datasets.forEach(dataset -> dataset.path("rowFilters").forEach(filter -> rules.add(filter.path("rule")
                .asString())));
        assertThat(rules).contains("support-sees-own-region-store-customers", "support-sees-small-store-orders");
    }

    private static void assertForbidden(GatewaySqlClient client, String sql, String... fragments) {
        assertThatThrownBy(() -> client.query(sql)).as(sql)
                .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                    assertThat(e.status().code()).isEqualTo(FlightStatusCode.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("FORBIDDEN");
                    for (String fragment : fragments) {
                        assertThat(e.getMessage()).contains(fragment);
                    }
                });
    }

    private static List<String> fields(JsonNode dataset, String kind) {
        List<String> names = new ArrayList<>();
        dataset.path(kind).forEach(field -> names.add(field.path("field").asString()));
        return names;
    }

    /** The customer of an order, as the port's data was made: none for every 17th order. */
    private static Long customerOf(long order) {
        return order % 17 == 0 ? null : order % 30 + 1;
    }

    private static String region(long customer) {
        return REGIONS[(int) (customer % 3)];
    }

    private static GatewaySqlClient client(String subject, String role, Map<String, String> claims) {
        return new GatewaySqlClient(flightPort, http.demoToken(subject, role, claims));
    }

    private static StatementLog log() {
        return store.statementLog();
    }

    private static JsonNode auditEventOf(String subject) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(auditLog)) {
                for (String line : Files.readAllLines(auditLog, UTF_8)) {
                    JsonNode event = json.readTree(line);
                    if (subject.equals(event.path("subject").path("id").asString())) {
                        return event;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no audit event of " + subject + " within 5 s");
    }

    private static String demoPolicies() throws IOException {
        try (InputStream demo = FlightSqlJoinEndToEndTest.class.getClassLoader()
                .getResourceAsStream("demo/policies.yaml")) {
            return new String(demo.readAllBytes(), UTF_8);
        }
    }
}

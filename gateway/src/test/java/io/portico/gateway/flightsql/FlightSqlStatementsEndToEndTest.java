package io.portico.gateway.flightsql;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL through the gateway's Flight SQL endpoint against the demo mesh, per demo role, with Arrow's own
 * {@link FlightSqlClient}: the same policy decisions as GraphQL (denied columns refused, {@code SELECT *} as the
 * caller may see it, masks on the vectors, row filters in the pushed-down WHERE, no inference through WHERE, ORDER
 * BY or GROUP BY), prepared statements with parameters, tickets and handles worth nothing to another caller, one
 * audit event per statement, and no Arrow memory left behind.
 */
@DemoGatewayTest
class FlightSqlStatementsEndToEndTest {

    @LocalServerPort
    int httpPort;

    @Autowired
    FlightSqlEndpoint endpoint;

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
    void aStewardReadsTheRowsGraphQlAnswersWithTheContractsNames() throws Exception {
        String token = http.demoToken("stella", "steward", Map.of());
        JsonNode graphQl = http.data("{ crm { customers(first: 5, orderBy: [{customerId: ASC}]) {"
                + " nodes { customerId fullName birthDate } } } }", token);
        try (GatewaySqlClient client = client(token)) {
            GatewaySqlClient.Answer answer = client.query("SELECT customer_id, full_name AS name, birth_date"
                    + " FROM crm.customers ORDER BY customer_id LIMIT 5");

            assertThat(answer.schema().getFields()).extracting(Field::getName)
                    .containsExactly("customer_id", "name", "birth_date");
            List<JsonNode> nodes = new ArrayList<>();
            graphQl.path("crm").path("customers").path("nodes").forEach(nodes::add);
            assertThat(answer.rows()).hasSize(5);
            for (int row = 0; row < 5; row++) {
                assertThat(((Number) answer.rows().get(row).get(0)).longValue())
                        .isEqualTo(nodes.get(row).path("customerId").asLong());
                assertThat(answer.rows().get(row).get(1)).isEqualTo(nodes.get(row).path("fullName").asString());
                assertThat(LocalDate.ofEpochDay((Integer) answer.rows().get(row).get(2)).toString())
                        .as("a date32 value, in days").isEqualTo(nodes.get(row).path("birthDate").asString());
            }
        }
    }

    @Test
    void aSelectedDeniedColumnIsRefusedNamingTheColumnAndTheRule() throws Exception {
        try (GatewaySqlClient client = client(http.demoToken("ada", "analyst", Map.of()))) {
            assertThatThrownBy(() -> client.query("SELECT customer_id, birth_date FROM crm.customers"))
                    .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                        assertThat(e.status().code()).isEqualTo(FlightStatusCode.UNAUTHORIZED);
                        assertThat(e.getMessage()).contains("FORBIDDEN").contains("crm.customers.birth_date")
                                .contains("defaults.classified.restricted");
                    });
        }
    }

    @Test
    void selectStarIsWhatTheCallerMaySeeWithMaskedColumnsMasked() throws Exception {
        String sql = "SELECT * FROM crm.customers ORDER BY customer_id LIMIT 20";
        GatewaySqlClient.Answer raw;
        try (GatewaySqlClient steward = client(http.demoToken("stella", "steward", Map.of()))) {
            raw = steward.query(sql);
        }
        try (GatewaySqlClient analyst = client(http.demoToken("ada", "analyst", Map.of()))) {
            GatewaySqlClient.Answer masked = analyst.query(sql);

            assertThat(masked.schema().getFields()).extracting(Field::getName).doesNotContain("birth_date")
                    .contains("customer_id", "full_name", "email", "region");
            assertThat(masked.column("customer_id")).isEqualTo(raw.column("customer_id"));
            assertThat(masked.column("region")).isEqualTo(raw.column("region"));
            for (int row = 0; row < 20; row++) {
                String name = (String) masked.column("full_name").get(row);
                String original = (String) raw.column("full_name").get(row);
                assertThat(name).isNotEqualTo(original).hasSize(original.length()).matches("[xXn .'-]+");
                assertThat((String) masked.column("email").get(row)).doesNotContain("@");
            }
        }
    }

    @Test
    void filteringOrderingOrGroupingOnAHiddenColumnIsRefusedButCountingIsNot() throws Exception {
        try (GatewaySqlClient client = client(http.demoToken("ada", "analyst", Map.of()))) {
            for (String sql : List.of(
                    "SELECT customer_id FROM crm.customers WHERE full_name = 'Ada'",
                    "SELECT customer_id FROM crm.customers WHERE birth_date < DATE '1970-01-01'",
                    "SELECT customer_id FROM crm.customers ORDER BY email",
                    "SELECT email, count(*) FROM crm.customers GROUP BY email",
                    "SELECT min(birth_date) FROM crm.customers")) {
                assertThatThrownBy(() -> client.query(sql)).as(sql)
                        .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                            assertThat(e.status().code()).isEqualTo(FlightStatusCode.UNAUTHORIZED);
                            assertThat(e.getMessage()).contains("FORBIDDEN");
                        });
            }
            assertThat(client.query("SELECT count(*) FROM crm.customers").rows()).containsExactly(List.of(200L));
            assertThat(client.query("SELECT count(*) FROM crm.customers LIMIT 0").rows()).isEmpty();
        }
    }

    @Test
    void aRowFilterIsPartOfEveryStatementOfItsRole() throws Exception {
        String support = http.demoToken("sam", "support", Map.of("region", "EMEA"));
        long graphQlCount = http.data("{ sales { orders { totalCount } } }", support)
                .path("sales").path("orders").path("totalCount").asLong();
        try (GatewaySqlClient client = client(support)) {
            assertThat(client.query("SELECT region, count(*) AS n FROM crm.customers GROUP BY region")
                    .column("region")).containsExactly("EMEA");
            assertThat(client.query("SELECT count(*) FROM sales.orders").rows())
                    .containsExactly(List.of(graphQlCount));
            assertThat(client.query("SELECT order_id FROM sales.orders").rows()).hasSize((int) graphQlCount);
        }
        assertThat(graphQlCount).isPositive().isLessThan(2000);
    }

    @Test
    void anAggregateAnswersWhatGraphQlsAggregateAnswers() throws Exception {
        String token = http.demoToken("stella", "steward", Map.of());
        JsonNode graphQl = http.data("{ sales { ordersAggregate(groupBy: [status], orderBy: [{key: {status: ASC}}])"
                + " { groups { key { status } count sum { totalAmount } } } } }", token);
        try (GatewaySqlClient client = client(token)) {
            GatewaySqlClient.Answer answer = client.query("SELECT status, count(*) AS orders, sum(total_amount) AS"
                    + " revenue FROM sales.orders GROUP BY status ORDER BY status");

            assertThat(answer.schema().findField("orders").getType()).isEqualTo(new ArrowType.Int(64, true));
            assertThat(answer.schema().findField("revenue").getType()).isInstanceOf(ArrowType.Decimal.class);
            List<JsonNode> groups = new ArrayList<>();
            graphQl.path("sales").path("ordersAggregate").path("groups").forEach(groups::add);
            assertThat(answer.rows()).hasSize(groups.size());
            for (int group = 0; group < groups.size(); group++) {
                JsonNode expected = groups.get(group);
                assertThat(answer.rows().get(group).get(0)).isEqualTo(expected.path("key").path("status").asString());
                assertThat(answer.rows().get(group).get(1)).isEqualTo(expected.path("count").asLong());
                assertThat(((BigDecimal) answer.rows().get(group).get(2)).compareTo(
                        new BigDecimal(expected.path("sum").path("totalAmount").asString()))).isZero();
            }
        }
    }

    @Test
    void aPreparedStatementTakesItsParametersAndIsWorthNothingToAnotherCaller() throws Exception {
        try (GatewaySqlClient owner = client(http.demoToken("stella", "steward", Map.of()));
             GatewaySqlClient other = client(http.demoToken("ada", "analyst", Map.of()));
             FlightSqlClient.PreparedStatement statement = owner.sql().prepare("SELECT order_id, status,"
                     + " total_amount FROM sales.orders WHERE status = ? AND total_amount > ? ORDER BY order_id"
                     + " LIMIT 10", owner.options());
             BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot parameters = VectorSchemaRoot.create(statement.getParameterSchema(), allocator)) {
            assertThat(statement.getParameterSchema().getFields()).hasSize(2);
            assertThat(statement.getResultSetSchema().getFields()).extracting(Field::getName)
                    .containsExactly("order_id", "status", "total_amount");
            parameters.allocateNew();
            ((VarCharVector) parameters.getVector(0)).setSafe(0, "PAID".getBytes(UTF_8));
            ((DecimalVector) parameters.getVector(1)).setSafe(0, new BigDecimal("100.00"));
            parameters.setRowCount(1);
            statement.setParameters(parameters);
            GatewaySqlClient.Answer answer = owner.read(statement.execute(owner.options()));

            assertThat(answer.rows()).hasSize(10);
            assertThat(answer.column("status")).containsOnly("PAID");
            assertThat(answer.column("total_amount")).allSatisfy(amount ->
                    assertThat((BigDecimal) amount).isGreaterThan(new BigDecimal("100.00")));

            FlightInfo stolen = statement.execute(owner.options());
            assertThatThrownBy(() -> other.read(stolen))
                    .isInstanceOfSatisfying(FlightRuntimeException.class, e -> assertThat(e.status().code())
                            .isEqualTo(FlightStatusCode.NOT_FOUND));
        }
    }

    @Test
    void aTicketIsPlannedAgainUnderThePolicyOfWhoeverRedeemsIt() throws Exception {
        try (GatewaySqlClient steward = client(http.demoToken("stella", "steward", Map.of()));
             GatewaySqlClient analyst = client(http.demoToken("ada", "analyst", Map.of()))) {
            FlightInfo stewardsTicket = steward.sql().execute("SELECT customer_id, birth_date FROM crm.customers",
                    steward.options());

            assertThatThrownBy(() -> analyst.read(stewardsTicket))
                    .isInstanceOfSatisfying(FlightRuntimeException.class, e -> assertThat(e.status().code())
                            .isEqualTo(FlightStatusCode.UNAUTHORIZED));
        }
    }

    @Test
    void anythingButASelectIsRefusedSayingWhatIsSupported() throws Exception {
        try (GatewaySqlClient client = client(http.demoToken("stella", "steward", Map.of()))) {
            assertThatThrownBy(() -> client.query("DELETE FROM sales.orders"))
                    .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                        assertThat(e.status().code()).isEqualTo(FlightStatusCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).contains("SELECT");
                    });
            assertThatThrownBy(() -> client.sql().executeUpdate("DELETE FROM sales.orders", client.options()))
                    .isInstanceOfSatisfying(FlightRuntimeException.class, e -> assertThat(e.status().code())
                            .isEqualTo(FlightStatusCode.UNIMPLEMENTED));
            assertThatThrownBy(() -> client.query("SELECT o.order_id FROM sales.orders o JOIN crm.customers c"
                    + " ON o.customer_id = c.customer_id"))
                    .isInstanceOfSatisfying(FlightRuntimeException.class, e -> assertThat(e.status().code())
                            .isEqualTo(FlightStatusCode.INVALID_ARGUMENT));
            assertThatThrownBy(() -> client.query("SELECT x FROM sales.nothing"))
                    .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                        assertThat(e.status().code()).isEqualTo(FlightStatusCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).contains("sales.nothing").contains("orders");
                    });
            assertThat(client.query("SELECT count(*) FROM sales.orders").rows()).hasSize(1);
        }
    }

    @Test
    void everyStatementIsAuditedWithItsSignatureAndNoValue() throws Exception {
        String subject = "auditor-" + UUID.randomUUID();
        try (GatewaySqlClient client = client(http.demoToken(subject, "analyst", Map.of()))) {
            client.query("SELECT order_id, status FROM sales.orders WHERE status = 'PAID' LIMIT 3");
            client.query("SELECT order_id, status FROM sales.orders WHERE status = 'OPEN' LIMIT 3");
            assertThatThrownBy(() -> client.query("SELECT birth_date FROM crm.customers"))
                    .isInstanceOf(FlightRuntimeException.class);
        }
        List<JsonNode> events = auditEventsOf(subject, 3);
        assertThat(events).hasSize(3);
        assertThat(events).allSatisfy(event -> assertThat(event.path("path").asString()).isEqualTo("flight-sql"));
        assertThat(events.get(0).path("operation").path("hash").asString())
                .isEqualTo(events.get(1).path("operation").path("hash").asString());
        assertThat(events.get(0).path("outcome").asString()).isEqualTo("OK");
        assertThat(events.get(0).toString()).contains("sales").doesNotContain("PAID");
        assertThat(events.get(2).path("outcome").asString()).isEqualTo("REFUSED");
        assertThat(events.get(2).toString()).contains("FORBIDDEN");
    }

    @Test
    void aHostileStatementIsRefusedAndStillAudited() throws Exception {
        String subject = "hostile-" + UUID.randomUUID();
        String nested = "SELECT order_id FROM sales.orders WHERE " + "(".repeat(20_000) + "order_id = 1"
                + ")".repeat(20_000);
        try (GatewaySqlClient client = client(http.demoToken(subject, "analyst", Map.of()))) {
            assertThatThrownBy(() -> client.query(nested))
                    .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                        assertThat(e.status().code()).isEqualTo(FlightStatusCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).contains("STATEMENT_REFUSED");
                    });
            assertThat(client.query("SELECT count(*) FROM sales.orders").rows()).hasSize(1);
        }
        List<JsonNode> events = auditEventsOf(subject, 2);
        assertThat(events).hasSize(2);
        assertThat(events.getFirst().path("outcome").asString()).isEqualTo("REFUSED");
    }

    private GatewaySqlClient client(String token) {
        return new GatewaySqlClient(endpoint.port(), token);
    }

    private static List<JsonNode> auditEventsOf(String subject, int expected) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<JsonNode> events = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            events.clear();
            for (String line : Files.readAllLines(Path.of(DemoGatewayTest.AUDIT_LOG), UTF_8)) {
                JsonNode event = json.readTree(line);
                if (subject.equals(event.path("subject").path("id").asString())) {
                    events.add(event);
                }
            }
            if (events.size() >= expected) {
                break;
            }
            Thread.sleep(20);
        }
        return events;
    }
}

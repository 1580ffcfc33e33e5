package io.portico.gateway.policy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.StatementLog;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.Poll;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.demo.DemoMesh;
import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.AttackerPorts;
import io.portico.gateway.testing.OpenClassificationsGatewayTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The red team's first attack, end to end: a {@code sales} token publishes a port of its own (every date from 1930
 * to 2010, {@code day} a foreign key to the restricted {@code crm.customers.birth_date}; mailings whose
 * {@code email} is a foreign key to the masked {@code crm.customers.email}) into a gateway whose deployment lets
 * such keys through registration ({@link OpenClassificationsGatewayTest}). Both relationships, in both directions,
 * are withheld from every role a policy hides the key from (null, one {@code FORBIDDEN} error per selection naming
 * the key and the rule, no statement to the other port, no key fetched for the join) and answered for the steward;
 * the audit event lists the keys a join read.
 */
@OpenClassificationsGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelationshipWithholdingEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int httpPort;

    @Autowired
    DemoMesh demo;

    @Autowired
    BufferAllocator rootAllocator;

    private PolicyHttp http;
    private TestPort calendar;
    private String publisher;

    @BeforeAll
    void publishTheCalendar() throws SQLException {
        http = new PolicyHttp(httpPort);
        calendar = AttackerPorts.calendar(crmEmails());
        publisher = http.publisherToken("sales");
        JsonNode published = http.publish(calendar.contract(), publisher);
        assertThat(published.path("outcome").asString()).as("%s", published).isEqualTo("PUBLISHED");
    }

    @AfterAll
    void retireTheCalendar() throws SQLException {
        http.retire(AttackerPorts.CALENDAR_ID, publisher);
        calendar.close();
    }

    @BeforeEach
    void clearLogs() {
        demo.ports().forEach(port -> port.port().statementLog().clear());
        calendar.statementLog().clear();
    }

    @AfterEach
    void noArrowMemoryLeft() {
        ArrowLeaks.assertNoneUnder(rootAllocator);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"analyst, ''", "support, EMEA", "anonymous, ''"})
    void aCustomersBirthDateIsNotFoundThroughTheCalendar(String role, String region) throws SQLException {
        String token = token(role, region);

        JsonNode reverse = http.graphQl("""
                { crm { customers(first: 3) { nodes { customerId birthDate days(first: 1) { nodes { day } } } } } }""",
                token);

        JsonNode customers = reverse.path("data").path("crm").path("customers").path("nodes");
        assertThat(customers).hasSize(3).allSatisfy(customer -> {
            assertThat(customer.path("birthDate").isNull()).isTrue();
            assertThat(customer.path("days").isNull()).isTrue();
        });
        assertThat(birthDatesOf(customers)).allSatisfy(date -> assertThat(reverse.toString()).doesNotContain(date));
        assertThat(withheldErrors(reverse)).singleElement().satisfies(error -> {
            assertThat(error.path("path").toString()).isEqualTo("[\"crm\",\"customers\",\"nodes\",0,\"days\"]");
            assertThat(error.path("extensions").path("field").asString()).isEqualTo("crm.customers.days");
            assertThat(error.path("extensions").path("key").asString()).isEqualTo("crm.customers.birthDate");
            assertThat(error.path("extensions").path("rule").asString()).isEqualTo("defaults.classified.restricted");
            assertThat(error.path("message").asString()).contains("denies");
        });
        assertThat(calendar.statementLog().entries()).as("no statement to the calendar").isEmpty();
        assertThat(statements(DemoDomain.CRM)).singleElement().satisfies(statement ->
                assertThat(statement.sql()).as("the key is not fetched for a join").doesNotContain("birth_date"));

        JsonNode forward = http.graphQl("""
                { sales { days(where: {day: {gte: "1960-01-01"}}, first: 400) { nodes { day
                    customers { customerId fullName orders(first: 1) { nodes { orderId } } } } } } }""", token);

        JsonNode days = forward.path("data").path("sales").path("days").path("nodes");
        assertThat(days).hasSize(400).allSatisfy(day -> assertThat(day.path("customers").isNull()).isTrue());
        assertThat(withheldErrors(forward)).singleElement().satisfies(error -> {
            assertThat(error.path("path").toString()).isEqualTo("[\"sales\",\"days\",\"nodes\",0,\"customers\"]");
            assertThat(error.path("extensions").path("field").asString()).isEqualTo("sales.days.customers");
            assertThat(error.path("extensions").path("key").asString()).isEqualTo("crm.customers.birthDate");
        });
        assertThat(forward.path("errors")).hasSize(1);
        assertThat(statements(DemoDomain.CRM)).as("no statement to crm for the join").hasSize(1);
        assertThat(statements(DemoDomain.SALES)).as("nothing below a withheld field is resolved").isEmpty();
    }

    @Test
    void theStewardFollowsBothDirections() throws SQLException {
        String steward = token("steward", "");

        JsonNode reverse = http.graphQl("""
                { crm { customers(first: 20, where: {birthDate: {isNull: false}}) { nodes {
                    customerId birthDate days(first: 1) { nodes { day } } } } } }""", steward);
        JsonNode forward = http.graphQl("""
                { sales { days(where: {day: {gte: "1960-01-01", lte: "1960-12-31"}}, first: 400) { nodes {
                    day customers { birthDate } } } } }""", steward);

        assertThat(reverse.path("errors").isMissingNode()).as("%s", reverse).isTrue();
        assertThat(reverse.path("data").path("crm").path("customers").path("nodes")).hasSize(20)
                .allSatisfy(customer -> assertThat(customer.path("days").path("nodes").get(0).path("day"))
                        .isEqualTo(customer.path("birthDate")));
        assertThat(forward.path("errors").isMissingNode()).as("%s", forward).isTrue();
        int found = 0;
        for (JsonNode day : forward.path("data").path("sales").path("days").path("nodes")) {
            if (!day.path("customers").isNull()) {
                assertThat(day.path("customers").path("birthDate")).isEqualTo(day.path("day"));
                found++;
            }
        }
        assertThat(found).as("customers born in 1960").isEqualTo(countCustomersBornIn(1960));
    }

    @Test
    void aMaskedEmailConfirmsNoCandidateAndRevealsNone() {
        String analyst = token("analyst", "");
        String steward = token("steward", "");
        String query = """
                { crm { customers(first: 10) { nodes { customerId email mailings { nodes { email } } } } }
                  sales { mailings(first: 50) { nodes { mailingId email customers { customerId } } } } }""";

        JsonNode masked = http.graphQl(query, analyst);
        Instant analystAnswered = Instant.now();
        JsonNode raw = http.graphQl(query, steward);

        assertThat(masked.path("data").path("crm").path("customers").path("nodes"))
                .allSatisfy(customer -> assertThat(customer.path("mailings").isNull()).isTrue());
        assertThat(masked.path("data").path("sales").path("mailings").path("nodes")).hasSize(50)
                .allSatisfy(mailing -> assertThat(mailing.path("customers").isNull()).isTrue());
        assertThat(withheldErrors(masked)).hasSize(2).allSatisfy(error -> {
            assertThat(error.path("extensions").path("key").asString()).isEqualTo("crm.customers.email");
            assertThat(error.path("extensions").path("rule").asString()).isEqualTo("analysts-hash-contact-emails");
            assertThat(error.path("message").asString()).contains("masks");
        });
        // The steward's statements (its mailings page, then the join of the customers' emails) tell the analyst's
        // apart and show every statement was logged: a port logs one when its stream has ended, which may be after
        // the gateway answered. How many join statements the steward's 10 keys make is the batching's business, not
        // this test's: on a loaded machine they were once split 1 + 9 (likely the loaders dispatched for the other
        // root field's level while this one's keys were still coming), and counting them failed this test.
        List<StatementLog.Entry> statements = Poll.value("the steward's statements to the calendar logged",
                Duration.ofSeconds(10), () -> calendar.statementLog().entries(),
                entries -> entries.stream().filter(entry -> entry.startedAt().isAfter(analystAnswered)).count() >= 2);
        assertThat(statements).filteredOn(entry -> !entry.startedAt().isAfter(analystAnswered))
                .as("the analyst's statements to the calendar: its mailings page only, no join on the masked email")
                .hasSize(1);
        raw.path("data").path("crm").path("customers").path("nodes").forEach(customer -> {
            assertThat(customer.path("mailings").path("nodes").get(0).path("email")).isEqualTo(customer.path("email"));
            assertThat(masked.path("data").path("crm").toString()).doesNotContain(customer.path("email").asString());
        });
        long confirmed = raw.path("data").path("sales").path("mailings").path("nodes").valueStream()
                .filter(mailing -> !mailing.path("customers").isNull()).count();
        assertThat(confirmed).as("the steward sees which candidates are customers").isPositive();
    }

    @Test
    void theAuditEventListsTheKeysReadOnlyForAJoin() throws Exception {
        String subject = "audit-joins-" + UUID.randomUUID();
        http.graphQl("{ sales { orders(first: 5) { nodes { orderId customer { fullName } } } } }",
                http.token(subject, "steward", Map.of()));

        JsonNode event = lastEventOf(subject);
        Map<String, JsonNode> byUrn = new HashMap<>();
        event.path("datasets").forEach(dataset -> byUrn.put(dataset.path("urn").asString(), dataset));
        JsonNode orders = byUrn.get("urn:portico:sales:orders:orders:v1");
        JsonNode customers = byUrn.get("urn:portico:crm:customers:customers:v1");
        assertThat(orders.path("fields").toString()).contains("\"order_id\"").doesNotContain("customer_id");
        assertThat(orders.path("joinFields")).singleElement().satisfies(field -> {
            assertThat(field.path("field").asString()).isEqualTo("customer_id");
            assertThat(field.path("effect").asString()).isEqualTo("allow");
        });
        assertThat(customers.path("fields").toString()).contains("\"full_name\"");
        assertThat(customers.path("joinFields")).singleElement()
                .satisfies(field -> assertThat(field.path("field").asString()).isEqualTo("customer_id"));

        String analyst = "audit-withheld-" + UUID.randomUUID();
        http.graphQl("{ crm { customers(first: 5) { nodes { customerId days { nodes { day } } } } } }",
                http.token(analyst, "analyst", Map.of()));
        JsonNode withheld = lastEventOf(analyst);
        assertThat(withheld.path("datasets")).singleElement().satisfies(dataset -> {
            assertThat(dataset.path("urn").asString()).isEqualTo("urn:portico:crm:customers:customers:v1");
            assertThat(dataset.path("joinFields")).as("a withheld relationship reads no key").isEmpty();
        });
        assertThat(withheld.path("errorCodes").toString()).contains("FORBIDDEN");
    }

    private String token(String role, String region) {
        if ("anonymous".equals(role)) {
            return null;
        }
        return http.token("withhold-" + role, role, region.isEmpty() ? Map.of() : Map.of("region", region));
    }

    private static List<JsonNode> withheldErrors(JsonNode response) {
        List<JsonNode> errors = new ArrayList<>();
        response.path("errors").forEach(error -> {
            if (error.path("extensions").has("key")) {
                assertThat(error.path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
                errors.add(error);
            }
        });
        return errors;
    }

    /** The raw birth dates of the customers answered (by id), as the crm database holds them. */
    private List<String> birthDatesOf(JsonNode customers) throws SQLException {
        List<String> dates = new ArrayList<>();
        for (JsonNode customer : customers) {
            try (Connection connection = demo.port(DemoDomain.CRM).database().duplicate();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT birth_date FROM customers WHERE customer_id = "
                            + customer.path("customerId").asLong())) {
                if (rows.next() && rows.getObject(1, LocalDate.class) != null) {
                    dates.add(rows.getObject(1, LocalDate.class).toString());
                }
            }
        }
        return dates;
    }

    private long countCustomersBornIn(int year) throws SQLException {
        try (Connection connection = demo.port(DemoDomain.CRM).database().duplicate();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(DISTINCT birth_date) FROM customers"
                        + " WHERE year(birth_date) = " + year)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Every email of the crm database. */
    private List<String> crmEmails() throws SQLException {
        List<String> emails = new ArrayList<>();
        try (Connection connection = demo.port(DemoDomain.CRM).database().duplicate();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT email FROM customers ORDER BY customer_id")) {
            while (rows.next()) {
                emails.add(rows.getString(1));
            }
        }
        return emails;
    }

    private List<StatementLog.Entry> statements(DemoDomain domain) {
        return demo.port(domain).port().statementLog().entries();
    }

    private static JsonNode lastEventOf(String subject) throws Exception {
        Path log = Path.of(OpenClassificationsGatewayTest.AUDIT_LOG);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            JsonNode last = null;
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, UTF_8)) {
                    if (line.contains("\"" + subject + "\"")) {
                        last = JSON.readTree(line);
                    }
                }
            }
            if (last != null) {
                return last;
            }
            assertThat(System.nanoTime()).as("an audit event of %s within 10 s", subject).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}

package io.portico.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.StatementLog;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.AttackerPorts;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.TestPortCredentials;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A dataset whose primary key a policy masks (outreach.contacts, keyed by a {@code confidential} email: redacted for
 * analysts by the demo's defaults), paged over HTTP: rows the caller may not see the key of do not come back in the
 * key's raw order, at the root or in a relationship's pages, yet paging returns every row exactly once; every
 * cursor has the same length, whatever the length of the key it holds; a caller who sees the key keeps the plain
 * order and SQL.
 */
@DemoGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaskedKeyOrderEndToEndTest {

    private static final int CONTACTS = 60;
    private static final String CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: outreach-contacts-port
            version: 1.0.0
            status: active
            domain: outreach
            dataProduct: contacts
            servers:
              - server: contacts
                type: custom
                customProperties:
                  - property: flightSqlUrl
                    value: ${url}
                  - property: sqlDialect
                    value: DUCKDB
            schema:
              - name: contacts
                physicalName: contacts
                properties:
                  - name: email
                    logicalType: string
                    required: true
                    primaryKey: true
                    classification: confidential
                  - name: contact_no
                    logicalType: integer
                    classification: public
                  - name: customer_id
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

    @LocalServerPort
    int httpPort;

    @Autowired
    BufferAllocator rootAllocator;

    private PolicyHttp http;
    private TestPort contacts;
    private String publisher;
    private final List<String> emails = new ArrayList<>();

    @BeforeAll
    void publishTheContacts() throws SQLException {
        http = new PolicyHttp(httpPort);
        List<String> rows = new ArrayList<>();
        for (int index = 0; index < CONTACTS; index++) {
            String email = "c".repeat(1 + index * 7 % 40) + index + "@example.org";
            emails.add(email);
            rows.add("(" + AttackerPorts.literal(email) + ", " + (index * 37 % CONTACTS) + ", 1)");
        }
        contacts = TestPortCredentials.startPort(CONTRACT,
                "CREATE TABLE contacts (email VARCHAR PRIMARY KEY, contact_no INTEGER, customer_id BIGINT)",
                "INSERT INTO contacts VALUES " + String.join(", ", rows));
        publisher = http.publisherToken("outreach");
        JsonNode published = http.publish(contacts.contract(), publisher);
        assertThat(published.path("outcome").asString()).as("%s", published).isEqualTo("PUBLISHED");
    }

    @AfterAll
    void retireTheContacts() throws SQLException {
        http.retire("outreach-contacts-port", publisher);
        contacts.close();
    }

    @BeforeEach
    void clearLog() {
        contacts.statementLog().clear();
    }

    @AfterEach
    void noArrowMemoryLeft() {
        ArrowLeaks.assertNoneUnder(rootAllocator);
    }

    @Test
    void aMaskedKeyDoesNotOrderThePagesYetPagingReturnsEveryRowOnce() {
        String steward = http.token("order-steward", "steward", Map.of());
        String analyst = http.token("order-analyst", "analyst", Map.of());

        Paged raw = pageThrough("{ outreach { contacts(first: 7%s) { pageInfo { hasNextPage endCursor }"
                + " edges { cursor node { contactNo email } } } } }", steward, "outreach", "contacts");
        assertThat(sqlSent()).as("a key the caller sees keeps the plain SQL").noneMatch(sql -> sql.contains("md5"));
        contacts.statementLog().clear();
        Paged masked = pageThrough("{ outreach { contacts(first: 7%s) { pageInfo { hasNextPage endCursor }"
                + " edges { cursor node { contactNo email } } } } }", analyst, "outreach", "contacts");

        assertThat(raw.keys()).as("the steward pages in the key's order").isEqualTo(sortedByEmail());
        assertThat(masked.keys()).hasSize(CONTACTS).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(raw.keys())
                .as("not in the order of the masked key").isNotEqualTo(raw.keys());
        assertThat(masked.text()).doesNotContain(emails.toArray(String[]::new));
        assertThat(sqlSent()).isNotEmpty().allMatch(sql -> sql.contains("md5("));
        assertThat(emails.stream().map(String::length).distinct().count()).as("keys of many lengths").isGreaterThan(30);
        assertThat(masked.cursorLengths()).as("one cursor length for all of them").hasSize(1);
        assertThat(raw.cursorLengths()).hasSize(1);
    }

    @Test
    void aRelationshipsPagesOfAMaskedKeyAreNotInKeyOrderEither() {
        String steward = http.token("order-steward", "steward", Map.of());
        String analyst = http.token("order-analyst", "analyst", Map.of());
        String query = "{ crm { customers(where: {customerId: {eq: 1}}) { nodes { contacts(first: 10%s) {"
                + " pageInfo { hasNextPage endCursor } edges { cursor node { contactNo } } } } } } }";

        Paged raw = pageThrough(query, steward, "crm", "customers", "nodes", "0", "contacts");
        Paged masked = pageThrough(query, analyst, "crm", "customers", "nodes", "0", "contacts");

        assertThat(raw.keys()).isEqualTo(sortedByEmail());
        assertThat(masked.keys()).hasSize(CONTACTS).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(raw.keys()).isNotEqualTo(raw.keys());
        assertThat(masked.cursorLengths()).hasSize(1);
    }

    /** The contact numbers in raw-email order. */
    private List<Integer> sortedByEmail() {
        List<Integer> byEmail = new ArrayList<>();
        emails.stream().sorted().forEach(email -> byEmail.add(emails.indexOf(email) * 37 % CONTACTS));
        return byEmail;
    }

    /** Pages through a connection ({@code %s} takes {@code , after: "..."}) at {@code path} in the answer. */
    private Paged pageThrough(String query, String token, String... path) {
        List<Integer> keys = new ArrayList<>();
        Set<Integer> cursorLengths = new HashSet<>();
        StringBuilder text = new StringBuilder();
        String after = "";
        for (int page = 0; page < CONTACTS; page++) {
            JsonNode response = http.graphQl(query.formatted(after), token);
            assertThat(response.path("errors").isMissingNode()).as("%s", response).isTrue();
            text.append(response);
            JsonNode connection = response.path("data");
            for (String step : path) {
                connection = step.matches("\\d+") ? connection.path(Integer.parseInt(step)) : connection.path(step);
            }
            for (JsonNode edge : connection.path("edges")) {
                keys.add(edge.path("node").path("contactNo").asInt());
                cursorLengths.add(edge.path("cursor").asString().length());
            }
            if (!connection.path("pageInfo").path("hasNextPage").asBoolean()) {
                return new Paged(keys, cursorLengths, text.toString());
            }
            after = ", after: \"" + connection.path("pageInfo").path("endCursor").asString() + "\"";
        }
        throw new AssertionError("more pages than rows");
    }

    private List<String> sqlSent() {
        return contacts.statementLog().entries().stream().map(StatementLog.Entry::sql).toList();
    }

    private record Paged(List<Integer> keys, Set<Integer> cursorLengths, String text) {
    }
}

package io.portico.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.StatementLog;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.demo.DemoMesh;
import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.TestPortCredentials;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Aggregates under the demo's policy set over real HTTP: row filters apply before aggregation (a support agent's
 * aggregates equal the same SQL over their region's rows, on one port and across ports), counting rows is allowed,
 * and every way of learning a denied or masked value through an aggregate (its min, max or distinct count, grouping
 * by it, bucketing it, sorting groups by it, filtering on it) is refused with FORBIDDEN naming the field and the rule,
 * before the port receives any statement.
 */
@DemoGatewayTest
class AggregatePolicyEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    DemoMesh demo;

    @Autowired
    BufferAllocator rootAllocator;

    private PolicyHttp http;
    private StatementLog crmLog;

    @BeforeEach
    void connect() {
        http = new PolicyHttp(port);
        crmLog = demo.port(DemoDomain.CRM).port().statementLog();
    }

    @AfterEach
    void noArrowMemoryLeft() {
        ArrowLeaks.assertNoneUnder(rootAllocator);
    }

    @Test
    void aSupportAgentsAggregatesAreOverTheRowsOfTheirRegionOnly() throws SQLException {
        String support = http.token("sam", "support", Map.of("region", "EMEA"));

        JsonNode response = http.graphQl("""
                { crm { all: customersAggregate { count countDistinct { segment } min { signupDate } }
                        bySegment: customersAggregate(groupBy: [segment], orderBy: [{count: DESC}]) {
                          totalCount groups { key { segment } count max { signupDate } } } } }""", support);

        assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
        JsonNode all = response.path("data").path("crm").path("all");
        List<Object> expected = duckDb(DemoDomain.CRM, """
                SELECT count(*), count(DISTINCT segment), CAST(min(signup_date) AS VARCHAR) FROM customers
                WHERE region = 'EMEA'""").getFirst();
        assertThat(all.path("count").asLong()).isEqualTo(expected.get(0)).isPositive();
        assertThat(all.path("countDistinct").path("segment").asLong()).isEqualTo(expected.get(1));
        assertThat(all.path("min").path("signupDate").asString()).isEqualTo(expected.get(2));
        List<List<Object>> groups = new ArrayList<>();
        response.path("data").path("crm").path("bySegment").path("groups").forEach(group -> groups.add(List.of(
                group.path("key").path("segment").asString(), group.path("count").asLong(),
                group.path("max").path("signupDate").asString())));
        assertThat(groups).isEqualTo(duckDb(DemoDomain.CRM, """
                SELECT segment, count(*), CAST(max(signup_date) AS VARCHAR) FROM customers WHERE region = 'EMEA'
                GROUP BY segment ORDER BY count(*) DESC, segment"""));
    }

    @Test
    void aRowFilterThatFollowsARelationshipToAnotherPortAppliesBeforeAggregation() throws SQLException {
        String support = http.token("sam", "support", Map.of("region", "APAC"));

        JsonNode response = http.graphQl("""
                { sales { ordersAggregate(groupBy: [status], orderBy: [{key: {status: ASC}}]) {
                    groups { key { status } count sum { totalAmount } } } } }""", support);

        assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
        String customers = duckDb(DemoDomain.CRM, "SELECT customer_id FROM customers WHERE region = 'APAC'").stream()
                .map(row -> row.getFirst().toString()).collect(Collectors.joining(", "));
        List<List<Object>> expected = duckDb(DemoDomain.SALES, """
                SELECT status, count(*), sum(total_amount) FROM orders WHERE customer_id IN (%s)
                GROUP BY status ORDER BY status""".formatted(customers));
        List<List<Object>> actual = new ArrayList<>();
        response.path("data").path("sales").path("ordersAggregate").path("groups").forEach(group -> actual.add(
                List.of(group.path("key").path("status").asString(), group.path("count").asLong(),
                        new BigDecimal(group.path("sum").path("totalAmount").asString()))));
        assertThat(actual).isNotEmpty().isEqualTo(expected);
    }

    @Test
    void anAnalystMayCountRowsButNotReadAHiddenFieldThroughAnAggregate() {
        String analyst = http.token("ada", "analyst", Map.of());

        JsonNode counted = http.graphQl("""
                { crm { customersAggregate(groupBy: [region]) { groups { key { region } count } } } }""", analyst);

        assertThat(counted.path("errors").isMissingNode()).as(counted.toString()).isTrue();
        assertThat(counted.path("data").path("crm").path("customersAggregate").path("groups")).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "customersAggregate { min { birthDate } }",
        "customersAggregate { max { birthDate } }",
        "customersAggregate { countDistinct { birthDate } }",
        "customersAggregate(groupBy: [birthDate]) { groups { count } }",
        "customersAggregate(groupBy: [birthDate], buckets: {birthDate: YEAR}) { groups { key { birthDate } count } }",
        "customersAggregate(groupBy: [region], orderBy: [{max: {birthDate: DESC}}], first: 1) { groups { count } }",
        "customersAggregate(groupBy: [region], orderBy: [{countDistinct: {birthDate: DESC}}]) { groups { count } }",
        "customersAggregate(where: {birthDate: {gt: \"1990-01-01\"}}) { count }",
        "customersAggregate(groupBy: [region]) { groups { min { birthDate } } }"})
    void aDeniedFieldCannotBeLearnedThroughAnAggregate(String field) {
        JsonNode error = refused("{ crm { " + field + " } }");

        assertThat(error.path("message").asString()).contains("crm.customers.birthDate")
                .contains("'defaults.classified.restricted'").contains("denies");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "customersAggregate { min { fullName } }",
        "customersAggregate { max { email } }",
        "customersAggregate { countDistinct { phone } }",
        "customersAggregate(groupBy: [email]) { groups { count } }",
        "customersAggregate(groupBy: [region], orderBy: [{min: {fullName: ASC}}]) { groups { count } }"})
    void aMaskedFieldCannotBeLearnedThroughAnAggregate(String field) {
        JsonNode error = refused("{ crm { " + field + " } }");

        assertThat(error.path("message").asString()).containsPattern("crm\\.customers\\.(fullName|email|phone)")
                .contains("masks");
    }

    @Test
    void aHiddenFieldCannotBeLearnedThroughARelationshipsAggregate() throws SQLException {
        try (TestPort survey = TestPortCredentials.startPort(SURVEY,
                "CREATE TABLE responses (response_id BIGINT PRIMARY KEY, customer_id BIGINT, score INTEGER,"
                        + " comment VARCHAR)",
                "INSERT INTO responses SELECT i, i % 20 + 1, CAST(i % 10 AS INTEGER), 'comment ' || i"
                        + " FROM range(1, 101) t(i)")) {
            String publisher = http.publisherToken("survey");
            JsonNode published = http.publish(survey.contract(), publisher);
            assertThat(published.path("outcome").asString()).as("%s", published).isEqualTo("PUBLISHED");
            try {
                String analyst = http.token("ada", "analyst", Map.of());
                JsonNode counted = http.graphQl("""
                        { crm { customers(first: 5, orderBy: [{customerId: ASC}]) { nodes {
                            customerId responsesAggregate { count } } } } }""", analyst);
                assertThat(counted.path("errors").isMissingNode()).as(counted.toString()).isTrue();
                assertThat(counted.path("data").path("crm").path("customers").path("nodes").get(0)
                        .path("responsesAggregate").path("count").asLong()).isEqualTo(5);
                for (String field : List.of("responsesAggregate { max { score } }",
                        "responsesAggregate(groupBy: [score]) { groups { count } }",
                        "responsesAggregate(groupBy: [customerId], orderBy: [{min: {score: ASC}}]) { groups { count } }",
                        "responsesAggregate { countDistinct { comment } }")) {
                    survey.statementLog().clear();
                    JsonNode response = http.graphQl("{ crm { customers(first: 5) { nodes { customerId " + field
                            + " } } } }", analyst);
                    List<String> codes = new ArrayList<>();
                    response.path("errors").forEach(error -> codes.add(error.path("extensions").path("code")
                            .asString()));
                    assertThat(codes).as(response.toString()).containsExactly("FORBIDDEN");
                    assertThat(response.path("errors").get(0).path("message").asString())
                            .containsPattern("survey\\.responses\\.(score|comment)");
                    assertThat(survey.statementLog().entries()).as("the port received no statement").isEmpty();
                }
            } finally {
                http.retire("survey-responses-port", publisher);
            }
        }
    }

    private static final String SURVEY = """
            apiVersion: v3.1.0
            kind: DataContract
            id: survey-responses-port
            version: 1.0.0
            status: active
            domain: survey
            dataProduct: responses
            servers:
              - server: responses
                type: custom
                customProperties:
                  - property: flightSqlUrl
                    value: ${url}
                  - property: sqlDialect
                    value: DUCKDB
            schema:
              - name: responses
                physicalName: responses
                properties:
                  - {name: response_id, logicalType: integer, physicalType: BIGINT, required: true, primaryKey: true,
                     classification: public}
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
                  - {name: score, logicalType: integer, classification: restricted}
                  - {name: comment, logicalType: string, classification: confidential}
            """;

    /** The answer of an analyst's query: one FORBIDDEN error, the field null, and no statement at the port. */
    private JsonNode refused(String query) {
        crmLog.clear();
        JsonNode response = http.graphQl(query, http.token("ada", "analyst", Map.of()));

        List<String> codes = new ArrayList<>();
        response.path("errors").forEach(error -> codes.add(error.path("extensions").path("code").asString()));
        assertThat(codes).as(response.toString()).containsExactly("FORBIDDEN");
        assertThat(response.path("data").path("crm").path("customersAggregate").isNull()).isTrue();
        assertThat(crmLog.entries()).as("the port received no statement").isEmpty();
        return response.path("errors").get(0);
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
                    row.add(value instanceof Integer integer ? integer.longValue() : value);
                }
                result.add(row);
            }
            return result;
        }
    }
}

package io.portico.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.testing.DemoGatewayTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The demo's policy set enforced over real HTTP against the demo mesh, per demo role: denied fields null with a
 * FORBIDDEN error at their path, masks computed before JSON, row filters pushed to the port (counts and pages see
 * only permitted rows), and no inference through where or orderBy.
 */
@DemoGatewayTest
class PolicyEnforcementEndToEndTest {

    private static final String CUSTOMERS = """
            { crm { customers(first: 60, orderBy: [{customerId: ASC}]) {
                totalCount nodes { customerId fullName email phone birthDate region } } } }""";

    @LocalServerPort
    int port;

    private PolicyHttp http;

    @BeforeEach
    void connect() {
        http = new PolicyHttp(port);
    }

    @Test
    void aStewardSeesEveryFieldAsItIs() {
        JsonNode response = http.graphQl(CUSTOMERS, http.token("stella", "steward", Map.of()));

        assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
        List<JsonNode> rows = nodes(response);
        assertThat(rows).hasSize(60);
        assertThat(rows).anySatisfy(row -> assertThat(row.path("birthDate").isNull()).isFalse());
        assertThat(rows).allSatisfy(row -> assertThat(row.path("email").asString()).contains("@"));
    }

    @Test
    void anAnalystGetsRestrictedFieldsWithheldAndConfidentialOnesMasked() {
        Map<Long, JsonNode> raw = byId(nodes(http.graphQl(CUSTOMERS, http.token("stella", "steward", Map.of()))));
        JsonNode response = http.graphQl(CUSTOMERS, http.token("ada", "analyst", Map.of()));

        List<JsonNode> rows = nodes(response);
        assertThat(rows).hasSize(60);
        for (JsonNode row : rows) {
            JsonNode original = raw.get(row.path("customerId").asLong());
            assertThat(row.path("birthDate").isNull()).isTrue();
            assertThat(row.path("region").asString()).isEqualTo(original.path("region").asString());
            assertThat(row.path("fullName").asString()).matches("[xXn .'-]+")
                    .hasSize(original.path("fullName").asString().length());
            assertThat(row.path("email").asString()).matches("[0-9a-f]{64}");
            if (!row.path("phone").isNull()) {
                assertThat(row.path("phone").asString()).doesNotContainPattern("[0-9]");
            }
        }
        JsonNode error = singleForbidden(response);
        assertThat(error.path("extensions").path("field").asString()).isEqualTo("crm.customers.birthDate");
        assertThat(error.path("extensions").path("rule").asString()).isEqualTo("defaults.classified.restricted");
        assertThat(path(error)).containsExactly("crm", "customers", "nodes", "0", "birthDate");
    }

    @Test
    void supportSeesOnlyTheCustomersOfItsRegionAndTheLastFourOfPhones() {
        String steward = http.token("stella", "steward", Map.of());
        long emea = http.graphQl("""
                { crm { customers(where: {region: {eq: "EMEA"}}) { totalCount } } }""", steward)
                .path("data").path("crm").path("customers").path("totalCount").asLong();
        Map<Long, JsonNode> raw = byId(nodes(http.graphQl(CUSTOMERS, steward)));

        JsonNode response = http.graphQl(CUSTOMERS, http.token("sam", "support", Map.of("region", "EMEA")));

        JsonNode customers = response.path("data").path("crm").path("customers");
        assertThat(emea).isPositive();
        assertThat(customers.path("totalCount").asLong()).as("the count sees only permitted rows").isEqualTo(emea);
        List<JsonNode> rows = nodes(response);
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.path("region").asString()).isEqualTo("EMEA"));
        for (JsonNode row : rows) {
            JsonNode original = raw.get(row.path("customerId").asLong());
            if (original == null || original.path("phone").isNull()) {
                continue;
            }
            String phone = original.path("phone").asString();
            assertThat(row.path("phone").asString()).endsWith(phone.substring(phone.length() - 4))
                    .isNotEqualTo(phone);
        }
    }

    @Test
    void supportWithoutARegionClaimSeesNoCustomerAtAll() {
        JsonNode response = http.graphQl(CUSTOMERS, http.token("sam", "support", Map.of()));

        assertThat(response.path("data").path("crm").path("customers").path("totalCount").asLong()).isZero();
        assertThat(nodes(response)).isEmpty();
    }

    @Test
    void filteringOrSortingOnAHiddenFieldIsRefusedBeforeAnyPortCall() {
        String analyst = http.token("ada", "analyst", Map.of());

        JsonNode byEmail = http.graphQl("""
                { crm { customers(where: {or: [{region: {eq: "EMEA"}}, {not: {email: {startsWith: "a"}}}]}) {
                    nodes { customerId } } } }""", analyst);
        JsonNode byBirthDate = http.graphQl("""
                { crm { customers(orderBy: [{birthDate: DESC}]) { nodes { customerId } } } }""", analyst);

        assertThat(byEmail.path("data").path("crm").path("customers").isNull()).isTrue();
        assertThat(codes(byEmail)).containsExactly("FORBIDDEN");
        assertThat(byEmail.path("errors").get(0).path("message").asString())
                .contains("'where' uses crm.customers.email").contains("masks");
        assertThat(codes(byBirthDate)).containsExactly("FORBIDDEN");
        assertThat(byBirthDate.path("errors").get(0).path("message").asString())
                .contains("'orderBy' uses crm.customers.birthDate").contains("denies");
    }

    @Test
    void aliasesFragmentsVariablesAndDirectivesDoNotGetAroundADenial() {
        JsonNode response = http.graphQl("""
                query Sneaky($yes: Boolean!) {
                  crm { customers(first: 5) {
                    edges { node { born: birthDate ...More } }
                    nodes { ... on CrmCustomers { birthDate @include(if: $yes) } } } } }
                fragment More on CrmCustomers { again: birthDate }""", Map.of("yes", true),
                http.token("ada", "analyst", Map.of()));

        JsonNode customers = response.path("data").path("crm").path("customers");
        customers.path("edges").forEach(edge -> {
            assertThat(edge.path("node").path("born").isNull()).isTrue();
            assertThat(edge.path("node").path("again").isNull()).isTrue();
        });
        customers.path("nodes").forEach(node -> assertThat(node.path("birthDate").isNull()).isTrue());
        assertThat(customers.path("nodes")).hasSize(5);
        assertThat(codes(response)).hasSize(3).containsOnly("FORBIDDEN");
    }

    @Test
    void anAnalystPagesThroughMaskedRowsWithSealedCursors() {
        String analyst = http.token("ada", "analyst", Map.of());
        String query = """
                query Page($after: String) { crm { customers(first: 7, after: $after) {
                  pageInfo { endCursor hasNextPage } nodes { customerId email } } } }""";
        List<Long> seen = new ArrayList<>();
        Map<String, Object> variables = new HashMap<>();
        variables.put("after", null);
        for (int page = 0; page < 3; page++) {
            JsonNode connection = http.graphQl(query, variables, analyst).path("data").path("crm").path("customers");
            connection.path("nodes").forEach(node -> seen.add(node.path("customerId").asLong()));
            variables.put("after", connection.path("pageInfo").path("endCursor").asString());
        }
        assertThat(seen).hasSize(21).doesNotHaveDuplicates().isSorted();
    }

    private static List<JsonNode> nodes(JsonNode response) {
        List<JsonNode> rows = new ArrayList<>();
        response.path("data").path("crm").path("customers").path("nodes").forEach(rows::add);
        return rows;
    }

    private static Map<Long, JsonNode> byId(List<JsonNode> rows) {
        Map<Long, JsonNode> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.path("customerId").asLong(), row));
        return byId;
    }

    private static List<String> codes(JsonNode response) {
        List<String> codes = new ArrayList<>();
        response.path("errors").forEach(error -> codes.add(error.path("extensions").path("code").asString()));
        return codes;
    }

    private static JsonNode singleForbidden(JsonNode response) {
        assertThat(codes(response)).as(response.path("errors").toString()).containsExactly("FORBIDDEN");
        return response.path("errors").get(0);
    }

    private static List<String> path(JsonNode error) {
        List<String> path = new ArrayList<>();
        error.path("path").forEach(segment -> path.add(segment.asString()));
        return path;
    }
}

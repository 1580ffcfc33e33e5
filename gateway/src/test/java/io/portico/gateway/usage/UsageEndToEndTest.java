package io.portico.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.flightsql.FlightSqlEndpoint;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.GraphQlClient.Response;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Usage end to end: a scripted workload of GraphQL queries and a Flight SQL statement by several subjects against
 * the demo gateway, then the usage report (GraphQL and REST) answers exactly those counts once flushed; and the
 * attacks on the report (another domain's token, an anonymous caller, a plain analyst) are refused without a word
 * of the usage. Subjects are named afresh each run, so other tests' reads of the shared gateway do not count.
 */
@DemoGatewayTest
class UsageEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REPORT = "query($days: Int) { datasetUsage(domain: \"crm\", dataset: \"customers\","
            + " days: $days) { dataset field reads subjects { id roles groups domains reads lastSeen } } }";

    @LocalServerPort
    int httpPort;

    @Autowired
    FlightSqlEndpoint flightSql;

    private GraphQlClient http;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void client() {
        http = new GraphQlClient(httpPort);
    }

    @Test
    void theReportAnswersExactlyTheScriptedWorkloadToTheOwningDomainAndThePlatform() throws Exception {
        String ada = "ada-" + run;
        String stella = "stella-" + run;
        String adaToken = token(ada, List.of("analyst"), List.of("team-bi"), List.of());
        String stellaToken = token(stella, List.of("steward"), List.of("team-data"), List.of("sales"));
        for (int request = 0; request < 3; request++) {
            assertThat(http.post("{ crm { customers(first: 3) { nodes { customerId fullName } } } }", Map.of(),
                    adaToken).status()).isEqualTo(200);
        }
        for (int request = 0; request < 2; request++) {
            assertThat(http.data("{ crm { customers(first: 2) { nodes { customerId } } } }", stellaToken)
                    .path("crm").path("customers").path("nodes").size()).isEqualTo(2);
        }
        assertThat(flightSqlRows(stellaToken, "SELECT customer_id, full_name FROM crm.customers LIMIT 2"))
                .isEqualTo(2);

        String owner = token("crm-owner-" + run, List.of(), List.of(), List.of("crm"));
        Map<String, Map<String, Long>> expected = Map.of(
                "customer_id", Map.of(ada, 3L, stella, 3L),
                "full_name", Map.of(ada, 3L, stella, 1L));
        JsonNode fields = awaitReport(owner, expected);

        JsonNode adaOnCustomerId = subject(fields, "customer_id", ada);
        assertThat(adaOnCustomerId.path("roles").get(0).asString()).isEqualTo("analyst");
        assertThat(adaOnCustomerId.path("groups").get(0).asString()).isEqualTo("team-bi");
        assertThat(adaOnCustomerId.path("domains").size()).isZero();
        assertThat(adaOnCustomerId.path("lastSeen").asString()).isNotEmpty();
        assertThat(subject(fields, "full_name", stella).path("domains").get(0).asString()).isEqualTo("sales");
        assertThat(fields.get(0).path("dataset").asString()).startsWith("urn:portico:crm:");

        Response rest = get("/api/usage/crm/customers?days=1", owner);
        assertThat(rest.status()).isEqualTo(200);
        assertThat(readsBySubject(rest.body().path("fields"), "customer_id")).containsAllEntriesOf(
                expected.get("customer_id"));
        String platform = token("root-" + run, List.of("platform"), List.of(), List.of());
        assertThat(readsBySubject(report(platform, 1).body().path("data").path("datasetUsage"), "full_name"))
                .containsAllEntriesOf(expected.get("full_name"));
    }

    @Test
    void anotherDomainAnAnonymousCallerAndAPlainAnalystAreRefusedAndToldNothing() {
        String reader = "eve-" + run;
        String readerToken = token(reader, List.of("analyst"), List.of(), List.of());
        http.data("{ crm { customers(first: 1) { nodes { customerId } } } }", readerToken);
        String otherDomain = token("sales-owner-" + run, List.of("steward"), List.of(), List.of("sales"));

        Response anonymous = report(null, 30);
        Response sales = report(otherDomain, 30);
        String analystToken = token("mallory-" + run, List.of("analyst"), List.of("team-bi"), List.of());
        Response analyst = report(analystToken, 30);

        assertThat(anonymous.codes()).containsExactly("UNAUTHENTICATED");
        assertThat(sales.codes()).containsExactly("FORBIDDEN");
        assertThat(analyst.codes()).containsExactly("FORBIDDEN");
        for (Response refused : List.of(anonymous, sales, analyst)) {
            assertThat(refused.body().path("data").path("datasetUsage").isMissingNode()
                    || refused.body().path("data").isNull()
                    || refused.body().path("data").path("datasetUsage").isNull()).isTrue();
            assertThat(refused.body().toString()).doesNotContain(reader).doesNotContain("customer_id");
        }
        Response restAnonymous = get("/api/usage/crm/customers", null);
        Response restSales = get("/api/usage/crm/customers", otherDomain);
        Response restAnalyst = get("/api/usage/crm/customers?days=7", analystToken);
        assertThat(restAnonymous.status()).isEqualTo(401);
        assertThat(restSales.status()).isEqualTo(403);
        assertThat(restAnalyst.status()).isEqualTo(403);
        assertThat(restSales.body().path("code").asString()).isEqualTo("FORBIDDEN");
        for (Response refused : List.of(restAnonymous, restSales, restAnalyst)) {
            assertThat(String.valueOf(refused.body())).doesNotContain(reader).doesNotContain("customer_id");
        }
        assertThat(get("/api/usage/crm/customers?days=0", token("crm-owner-" + run, List.of(), List.of(),
                List.of("crm"))).body().path("code").asString()).isEqualTo("BAD_USER_INPUT");
    }

    private JsonNode awaitReport(String token, Map<String, Map<String, Long>> expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Response response = report(token, 1);
            assertThat(response.errors()).as("report errors: %s", response).isEmpty();
            JsonNode fields = response.body().path("data").path("datasetUsage");
            boolean complete = expected.entrySet().stream().allMatch(field -> {
                Map<String, Long> reads = readsBySubject(fields, field.getKey());
                return field.getValue().entrySet().stream()
                        .allMatch(entry -> entry.getValue().equals(reads.get(entry.getKey())));
            });
            if (complete) {
                expected.forEach((field, reads) -> assertThat(readsBySubject(fields, field))
                        .as("reads of %s", field).containsAllEntriesOf(reads));
                return fields;
            }
            assertThat(System.nanoTime()).as("the report within 60 s; last: %s", fields).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Reads of a field by this run's subjects (other subjects of the shared gateway left out). */
    private Map<String, Long> readsBySubject(JsonNode fields, String field) {
        Map<String, Long> reads = new HashMap<>();
        for (JsonNode entry : fields) {
            if (!entry.path("field").asString().equals(field)) {
                continue;
            }
            for (JsonNode subject : entry.path("subjects")) {
                String id = subject.path("id").asString();
                if (id.endsWith(run)) {
                    reads.merge(id, subject.path("reads").asLong(), Long::sum);
                }
            }
        }
        return reads;
    }

    private static JsonNode subject(JsonNode fields, String field, String id) {
        for (JsonNode entry : fields) {
            for (JsonNode subject : entry.path("subjects")) {
                if (entry.path("field").asString().equals(field) && subject.path("id").asString().equals(id)) {
                    return subject;
                }
            }
        }
        throw new AssertionError("no reads of " + field + " by " + id + " in " + fields);
    }

    private Response report(String token, int days) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("days", days);
        return http.post(REPORT, variables, token);
    }

    private Response get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.endpoint().resolve(path))
                .header("Accept", "application/json").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build());
    }

    private String token(String subject, List<String> roles, List<String> groups, List<String> domains) {
        Map<String, Object> mint = new LinkedHashMap<>();
        mint.put("subject", subject);
        mint.put("roles", roles);
        mint.put("groups", groups);
        mint.put("domains", domains);
        mint.put("claims", Map.of());
        Response minted = http.send(HttpRequest.newBuilder(http.endpoint().resolve("/demo/token"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(mint))).build());
        assertThat(minted.status()).as("minting a demo token: %s", minted).isEqualTo(200);
        return minted.body().path("token").asString();
    }

    /** Rows of one statement through the gateway's Flight SQL endpoint, with Arrow's own client. */
    private long flightSqlRows(String token, String statement) throws Exception {
        CredentialCallOption bearer = new CredentialCallOption(new BearerCredentialWriter(token));
        long rows = 0;
        try (BufferAllocator allocator = new RootAllocator();
             FlightSqlClient sql = new FlightSqlClient(FlightClient.builder(allocator,
                     Location.forGrpcInsecure("localhost", flightSql.port())).build())) {
            FlightInfo info = sql.execute(statement, bearer);
            for (FlightEndpoint endpoint : info.getEndpoints()) {
                try (FlightStream stream = sql.getStream(endpoint.getTicket(), bearer)) {
                    while (stream.next()) {
                        rows += stream.getRoot().getRowCount();
                    }
                }
            }
        }
        return rows;
    }
}

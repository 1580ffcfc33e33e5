package io.portico.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.testkit.TestPort;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.Gadgets;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.GraphQlClient.Response;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The change check against real traffic: a domain publishes gadgets (id, name, price) on a real port, a consumer
 * reads id and name, and a check of a candidate without name and price lists that consumer under the removal of
 * name and calls out the removal of price as breaking a field nobody read.
 */
@DemoGatewayTest
class UsageChangeCheckEndToEndTest {

    private static final String DOMAIN = "usagelab";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String WITHOUT_NAME_AND_PRICE = """
              - name: gadgets
                physicalName: gadgets
                properties:
                  - name: gadget_id
                    logicalType: integer
                    physicalType: BIGINT
                    required: true
                    primaryKey: true
            """;

    @LocalServerPort
    int httpPort;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String portId = "usage-gadgets-" + run;
    private GraphQlClient http;
    private TestPort port;
    private String publisher;

    @BeforeEach
    void publish() throws Exception {
        http = new GraphQlClient(httpPort);
        port = Gadgets.workshopPort(DOMAIN);
        publisher = token("ci-" + run, List.of("publisher"), List.of(DOMAIN));
        Response published = send("POST", "/api/ports", Gadgets.document(portId, DOMAIN, "1.0.0", port.url()),
                publisher);
        assertThat(published.status()).as("publication: %s", published).isEqualTo(201);
    }

    @AfterEach
    void retire() throws Exception {
        send("DELETE", "/api/ports/" + portId, null, publisher);
        port.close();
    }

    @Test
    void aBreakingChangeListsWhoReadTheFieldAndCallsOutOneNobodyRead() throws Exception {
        String consumer = "bi-dashboard-" + run;
        String consumerToken = token(consumer, List.of("analyst"), List.of());
        for (int request = 0; request < 2; request++) {
            Response read = http.post("{ usagelab { gadgets(first: 10) { nodes { gadgetId name } } } }", Map.of(),
                    consumerToken);
            assertThat(read.errors()).as("%s", read).isEmpty();
        }
        awaitReads(consumer, "name", 2);

        String candidate = Gadgets.contract(portId, DOMAIN, "1.1.0", port.url()).dataset(WITHOUT_NAME_AND_PRICE)
                .yaml();
        Response check = send("POST", "/api/ports/check", candidate, publisher);

        JsonNode changes = check.body().path("changes").path("changes");
        JsonNode name = change(changes, "$.schema[gadgets].properties[name]");
        JsonNode price = change(changes, "$.schema[gadgets].properties[price]");
        assertThat(name.path("severity").asString()).isEqualTo("BREAKING");
        assertThat(name.path("usage").path("days").asInt()).isEqualTo(30);
        assertThat(name.path("usage").path("consumers")).hasSize(1);
        assertThat(name.path("usage").path("consumers").get(0).path("id").asString()).isEqualTo(consumer);
        assertThat(name.path("usage").path("consumers").get(0).path("reads").asLong()).isEqualTo(2);
        assertThat(name.path("usage").path("note").asString()).contains("1 consumer read field 'gadgets.name'");
        assertThat(price.path("usage").path("consumers")).isEmpty();
        assertThat(price.path("usage").path("note").asString())
                .isEqualTo("breaking, but nobody read field 'gadgets.price' in the last 30 days");
    }

    private void awaitReads(String subject, String field, long reads) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Response report = send("GET", "/api/usage/" + DOMAIN + "/gadgets?days=1", null, publisher);
            assertThat(report.status()).as("%s", report).isEqualTo(200);
            for (JsonNode entry : report.body().path("fields")) {
                for (JsonNode reader : entry.path("subjects")) {
                    if (entry.path("field").asString().equals(field) && reader.path("id").asString().equals(subject)
                            && reader.path("reads").asLong() == reads) {
                        return;
                    }
                }
            }
            assertThat(System.nanoTime()).as("%d reads of %s within 60 s: %s", reads, field, report)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static JsonNode change(JsonNode changes, String path) {
        for (JsonNode change : changes) {
            if (change.path("path").asString().equals(path)) {
                return change;
            }
        }
        throw new AssertionError("no change at " + path + " in " + changes);
    }

    private Response send(String method, String path, String yaml, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.endpoint().resolve(path))
                .header("Accept", "application/json").header("Authorization", "Bearer " + token);
        if (yaml == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/yaml").method(method,
                    HttpRequest.BodyPublishers.ofString(yaml));
        }
        return http.send(request.build());
    }

    private String token(String subject, List<String> roles, List<String> domains) {
        Map<String, Object> mint = new LinkedHashMap<>();
        mint.put("subject", subject);
        mint.put("roles", roles);
        mint.put("domains", domains);
        mint.put("claims", Map.of());
        Response minted = http.send(HttpRequest.newBuilder(http.endpoint().resolve("/demo/token"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(mint))).build());
        assertThat(minted.status()).as("minting a demo token: %s", minted).isEqualTo(200);
        return minted.body().path("token").asString();
    }
}

package io.portico.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.testkit.TestPort;
import io.portico.gateway.port.FlightPortClients;
import io.portico.gateway.registration.RegistrationHttp.Answer;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.PortStatus;
import io.portico.gateway.registry.SchemaReloader;
import io.portico.gateway.registry.store.RegistryStore;
import io.portico.gateway.security.DemoTokenIssuer;
import io.portico.gateway.security.DemoTokenRequest;
import io.portico.gateway.security.SecurityProperties;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.Gadgets;
import io.portico.gateway.testing.TestPortCredentials;
import io.portico.schema.compose.PortSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
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
 * A breaking change published as a new major version is served beside the old major, over real HTTP against the
 * demo gateway with two real Flight SQL ports: major 1 at {@link TestPort} (gadgets with a price), major 2 at
 * a second port whose gadgets table has other rows and no price. The old major's datasets are {@code <dataset>V1},
 * deprecated with a reason, each major answers from its own endpoint, a 1.x fix replaces 1.0.0 beside 2.0.0,
 * retiring major 1 ({@code DELETE /api/ports/{id}?major=1}, or {@code ./portico port retire ID --major 1}) leaves
 * major 2 served, and a second replica sharing the store converges on the same majors.
 */
@DemoGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SideBySideMajorsTest {

    private static final Path LAUNCHER = Path.of("..", "portico").toAbsolutePath().normalize();
    private static final String DOMAIN = "atelier";
    private static final String PORT_ID = "atelier-majors";
    private static final String REPLICATED_ID = "atelier-replicated";
    private static final String PRICE = "      - name: price\n        logicalType: number\n"
            + "        physicalType: DECIMAL(10,2)\n";
    private static final String V1_GADGETS =
            "{ atelier { gadgetsV1(orderBy: [{gadgetId: ASC}]) { nodes { gadgetId name } } } }";
    private static final String V2_GADGETS = "{ atelier { gadgets(orderBy: [{gadgetId: ASC}]) { nodes { gadgetId name } } } }";
    private static final String DOMAIN_FIELDS = "{ __type(name: \"AtelierDomain\") { fields(includeDeprecated: true)"
            + " { name isDeprecated deprecationReason } } }";

    @LocalServerPort
    int httpPort;

    @Autowired
    DemoTokenIssuer issuer;

    @Autowired
    SecurityProperties security;

    @Autowired
    PortRegistry registry;

    @Autowired
    RegistryStore store;

    private TestPort majorOnePort;
    private TestPort majorTwoPort;
    private RegistrationHttp http;

    @BeforeAll
    void startPorts() throws Exception {
        majorOnePort = Gadgets.workshopPort(DOMAIN);
        majorTwoPort = TestPortCredentials.testPort()
                .setup("CREATE TABLE gadgets (gadget_id BIGINT PRIMARY KEY, name VARCHAR NOT NULL)",
                        "INSERT INTO gadgets VALUES (7, 'robot'), (8, 'drone')")
                .contract(Gadgets.document("workshop-two-port", DOMAIN, "1.0.0", TestPort.URL).replace(PRICE, ""))
                .start();
    }

    @AfterAll
    void stopPorts() throws Exception {
        try {
            majorOnePort.close();
        } finally {
            majorTwoPort.close();
        }
    }

    @BeforeEach
    void connect() {
        http = new RegistrationHttp(httpPort);
    }

    @AfterEach
    void retireEverything() {
        http.delete("/api/ports/" + PORT_ID, token());
        http.delete("/api/ports/" + REPLICATED_ID, token());
    }

    @Test
    void aNewMajorIsServedBesideTheOldOneUntilTheOldIsRetired() {
        assertThat(publish(majorOne(PORT_ID, "1.0.0")).status()).isEqualTo(201);
        Answer two = publish(majorTwo(PORT_ID));
        assertThat(two.status()).as("%s", two).isEqualTo(201);
        assertThat(two.body().path("versionVerdict").path("sideBySide").asBoolean()).isTrue();

        assertThat(rows(V2_GADGETS, "gadgets")).containsExactly("7 robot", "8 drone");
        assertThat(rows(V1_GADGETS, "gadgetsV1")).containsExactly("1 lamp", "2 kettle", "3 fan");
        assertThat(rows("{ atelier { gadgetsV1(orderBy: [{gadgetId: ASC}]) { nodes { price } } } }", "gadgetsV1"))
                .hasSize(3).last().isEqualTo("null");
        JsonNode fields = domainFields();
        assertThat(fields.path("gadgets").path("isDeprecated").asBoolean()).isFalse();
        assertThat(fields.path("gadgetsV1").path("isDeprecated").asBoolean()).isTrue();
        assertThat(fields.path("gadgetsV1").path("deprecationReason").asString())
                .contains("Major version 1 (1.0.0)", PORT_ID, "Use gadgets (version 2.0.0)");
        Answer priceOfTwo = http.graphQl("{ atelier { gadgets { nodes { price } } } }", null, null);
        assertThat(priceOfTwo.body().path("errors").isEmpty()).as("%s", priceOfTwo).isFalse();
        assertThat(statuses()).containsEntry(PORT_ID, "UP").containsEntry(PORT_ID + "@v1", "UP");

        Answer fix = publish(majorOne(PORT_ID, "1.1.0") + Gadgets.PARTS);
        assertThat(fix.status()).as("%s", fix).isEqualTo(201);
        assertThat(served(registry, PORT_ID)).isEqualTo(Map.of(PORT_ID, "2.0.0", PORT_ID + "@v1", "1.1.0"));
        assertThat(rows("{ atelier { partsV1(orderBy: [{partId: ASC}]) { nodes { partId label } } } }", "partsV1"))
                .containsExactly("10 bulb", "11 lid");
        assertThat(rows(V1_GADGETS, "gadgetsV1")).hasSize(3);
        Answer listing = http.get("/api/ports/" + PORT_ID, token());
        JsonNode listed = listing.body().path("active");
        assertThat(listed.size()).as("%s", listing).isEqualTo(2);
        assertThat(listed.valueStream().map(view -> view.path("version").asString() + " "
                + view.path("served").asString())).containsExactlyInAnyOrder("1.1.0 UP", "2.0.0 UP");

        Answer unknownMajor = http.delete("/api/ports/" + PORT_ID + "?major=3", token());
        assertThat(unknownMajor.status()).as("%s", unknownMajor).isEqualTo(404);
        assertThat(http.delete("/api/ports/" + PORT_ID + "?major=1", null).status()).isEqualTo(401);
        Answer otherDomain = http.delete("/api/ports/" + PORT_ID + "?major=1", token("sales"));
        assertThat(otherDomain.status()).as("%s", otherDomain).isEqualTo(403);
        assertThat(served(registry, PORT_ID)).hasSize(2);

        Answer retired = http.delete("/api/ports/" + PORT_ID + "?major=1", token());
        assertThat(retired.status()).as("%s", retired).isEqualTo(200);
        assertThat(retired.text("outcome")).isEqualTo("RETIRED");
        assertThat(retired.text("version")).isEqualTo("1.1.0");
        assertThat(served(registry, PORT_ID)).isEqualTo(Map.of(PORT_ID, "2.0.0"));
        assertThat(domainFields().has("gadgetsV1")).isFalse();
        assertThat(domainFields().has("partsV1")).isFalse();
        assertThat(rows(V2_GADGETS, "gadgets")).containsExactly("7 robot", "8 drone");
        assertThat(statuses()).containsEntry(PORT_ID, "UP").doesNotContainKey(PORT_ID + "@v1");
        assertThat(http.delete("/api/ports/" + PORT_ID + "?major=1", token()).status()).isEqualTo(404);
    }

    @Test
    void aSecondReplicaConvergesOnEveryServedMajor() throws Exception {
        assertThat(publish(majorOne(REPLICATED_ID, "1.0.0")).status()).isEqualTo(201);
        assertThat(publish(majorTwo(REPLICATED_ID)).status()).isEqualTo(201);
        assertThat(publish(majorOne(REPLICATED_ID, "1.1.0")).status()).isEqualTo(201);

        try (BufferAllocator allocator = new RootAllocator();
                FlightPortClients clients = new FlightPortClients(allocator, TestPortCredentials.channels(),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(2));
                SchemaReloader reloader = new SchemaReloader((snapshot, schema) -> { })) {
            PortRegistry replica = new PortRegistry(clients, reloader, Duration.ofSeconds(30), Clock.systemUTC(),
                    store);
            replica.synchronize(store.active());

            Map<String, String> both = Map.of(REPLICATED_ID, "2.0.0", REPLICATED_ID + "@v1", "1.1.0");
            assertThat(served(replica, REPLICATED_ID)).isEqualTo(both);
            assertThat(served(registry, REPLICATED_ID)).isEqualTo(both);
            assertThat(replica.liveSchema().sdl()).contains("gadgetsV1(")
                    .contains("@deprecated(reason: \"Major version 1 (1.1.0)");

            Process retire = new ProcessBuilder("bash", LAUNCHER.toString(), "port", "retire", REPLICATED_ID,
                    "--major", "1", "--url", "http://127.0.0.1:" + httpPort, "--token", token())
                    .redirectErrorStream(true)
                    .start();
            retire.getOutputStream().close();
            String output = new String(retire.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(retire.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(retire.exitValue()).as(output).isZero();
            assertThat(output).contains("RETIRED", "major version 1 of port '" + REPLICATED_ID + "'");
            replica.synchronize(store.active());

            assertThat(served(replica, REPLICATED_ID)).isEqualTo(Map.of(REPLICATED_ID, "2.0.0"));
            assertThat(served(registry, REPLICATED_ID)).isEqualTo(Map.of(REPLICATED_ID, "2.0.0"));
            assertThat(replica.liveSchema().sdl()).doesNotContain("gadgetsV1");
        }
    }

    private String majorOne(String id, String version) {
        return Gadgets.document(id, DOMAIN, version, majorOnePort.url());
    }

    /** Breaking: the price is gone, and the port is another one. */
    private String majorTwo(String id) {
        return Gadgets.document(id, DOMAIN, "2.0.0", majorTwoPort.url())
                .replace(PRICE, "");
    }

    private Answer publish(String document) {
        return http.publish(document, token());
    }

    private String token() {
        return token(DOMAIN);
    }

    private String token(String domain) {
        return issuer.mint(new DemoTokenRequest("ci-" + domain, Set.of("publisher"), Set.of(), Set.of(domain),
                Map.of(), Duration.ofMinutes(10)), security.claims()).token();
    }

    /** The nodes of one dataset, each as its values joined by spaces. */
    private List<String> rows(String query, String dataset) {
        Answer answer = http.graphQl(query, null, null);
        assertThat(answer.body().path("errors").isMissingNode()).as("errors of %s: %s", query, answer).isTrue();
        return answer.body().path("data").path("atelier").path(dataset).path("nodes").valueStream()
                .map(node -> node.valueStream().map(value -> value.isNull() ? "null" : value.asString())
                        .collect(Collectors.joining(" ")))
                .toList();
    }

    /** The fields of the atelier domain type, deprecated ones included, by name. */
    private JsonNode domainFields() {
        Answer answer = http.graphQl(DOMAIN_FIELDS, null, null);
        tools.jackson.databind.node.ObjectNode byName = tools.jackson.databind.json.JsonMapper.builder().build()
                .createObjectNode();
        answer.body().path("data").path("__type").path("fields").valueStream()
                .forEach(field -> byName.set(field.path("name").asString(), field));
        return byName;
    }

    private Map<String, String> statuses() {
        return registry.statuses().stream()
                .filter(status -> status.portId().startsWith(PORT_ID))
                .collect(Collectors.toMap(PortStatus::portId, status -> status.state().name()));
    }

    /** The version served of this test's port, by port key. */
    private static Map<String, String> served(PortRegistry registry, String portId) {
        return registry.snapshot().ports().stream()
                .filter(port -> port.contract().id().equals(portId))
                .collect(Collectors.toMap(PortSnapshot::portKey, port -> port.contract().version()));
    }
}

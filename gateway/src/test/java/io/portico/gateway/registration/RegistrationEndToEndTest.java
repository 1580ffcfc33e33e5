package io.portico.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.testkit.TestPort;
import io.portico.gateway.registration.RegistrationHttp.Answer;
import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.PortStatus;
import io.portico.gateway.registry.store.RegistryStore;
import io.portico.gateway.registry.store.RegistrySynchronizer;
import io.portico.gateway.security.DemoTokenIssuer;
import io.portico.gateway.security.DemoTokenRequest;
import io.portico.gateway.security.SecurityProperties;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.Gadgets;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The registration REST API over real HTTP against the demo gateway (which trusts its demo issuer), with a real
 * Flight SQL port ({@link TestPort}): publish, check, unchanged republication, versioning, every refusal with
 * the registry and the live schema unchanged, listing, retirement.
 */
@DemoGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class RegistrationEndToEndTest {

    private static final String DOMAIN = "atelier";
    private static final String GADGETS = "{ atelier { gadgets(orderBy: [{gadgetId: ASC}]) { nodes { gadgetId name price } } } }";

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

    @Autowired
    RegistrySynchronizer synchronizer;

    private TestPort port;
    /** The ports of the other domains the refusals name ({@code page}, {@code Sales}), each its own domain's. */
    private final Map<String, TestPort> otherPorts = new java.util.HashMap<>();
    private RegistrationHttp http;
    private final List<String> published = new ArrayList<>();

    @BeforeAll
    void startPort() throws Exception {
        port = Gadgets.workshopPort(DOMAIN);
        for (String domain : List.of("page", "Sales")) {
            otherPorts.put(domain, Gadgets.workshopPort(domain));
        }
    }

    @AfterAll
    void stopPort() throws Exception {
        port.close();
        for (TestPort other : otherPorts.values()) {
            other.close();
        }
    }

    /** The URL of the port of the document's domain: each domain publishes only its own port. */
    private String urlFor(String document) {
        java.util.regex.Matcher domain = java.util.regex.Pattern.compile("(?m)^domain: (\\S+)$").matcher(document);
        TestPort own = domain.find() ? otherPorts.getOrDefault(domain.group(1), port) : port;
        return own.url();
    }

    @BeforeEach
    void connect() {
        http = new RegistrationHttp(httpPort);
    }

    @AfterEach
    void retirePublished() {
        published.forEach(id -> http.delete("/api/ports/" + id, token(DOMAIN, "Sales", "page")));
        published.clear();
    }

    private String token(String... domains) {
        return issuer.mint(new DemoTokenRequest("ci-" + String.join("-", domains), Set.of("publisher"), Set.of(),
                Set.of(domains), Map.of(), Duration.ofMinutes(10)), security.claims()).token();
    }

    private String gadgets(String id, String version) {
        return Gadgets.document(id, DOMAIN, version, port.url());
    }

    private Answer publish(String document) {
        Answer answer = http.publish(document, token(DOMAIN));
        if (answer.status() == 201) {
            published.add(answer.text("portId"));
        }
        return answer;
    }

    private JsonNode graphQlData(String query) {
        Answer answer = http.graphQl(query, null, null);
        assertThat(answer.body().path("errors").isMissingNode()).as("errors of %s: %s", query, answer).isTrue();
        return answer.body().path("data");
    }

    /**
     * What a refusal must leave as it was: the registry version and the schema serving requests. The SDL's first
     * line names the local schema version, which the registry's own background work (a replica synchronization
     * racing a publication) may bump by rebuilding the same schema; the rest must be byte for byte the same.
     */
    record Untouched(long registryVersion, String sdl) {
    }

    private Untouched untouched() {
        return untouched(store, registry);
    }

    static Untouched untouched(RegistryStore store, PortRegistry registry) {
        String sdl = registry.liveSchema().sdl();
        return new Untouched(store.registryVersion(), sdl.replaceFirst("Composed from registry version \\d+\\.", ""));
    }

    @Test
    void aPublicationIsAnsweredOnceItIsStoredAndServed() {
        Answer answer = publish(gadgets("atelier-gadgets", "1.0.0"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(201);
        assertThat(answer.text("status")).isEqualTo("ACCEPTED");
        assertThat(answer.text("outcome")).isEqualTo("PUBLISHED");
        assertThat(answer.body().path("code").isNull()).isTrue();
        assertThat(answer.text("portId")).isEqualTo("atelier-gadgets");
        assertThat(answer.text("domain")).isEqualTo(DOMAIN);
        assertThat(answer.text("version")).isEqualTo("1.0.0");
        assertThat(answer.body().path("urns").valueStream().map(JsonNode::asString))
                .containsExactly("urn:portico:atelier:gadgets:gadgets:v1");
        assertThat(answer.text("portStatus")).isEqualTo("UP");
        assertThat(answer.body().path("registryVersion").asLong()).isEqualTo(store.registryVersion());
        long schemaVersion = answer.body().path("schemaVersion").asLong();
        assertThat(answer.body().path("versionVerdict").path("message").asString())
                .isEqualTo("first publication, as version 1.0.0");
        assertThat(answer.body().path("changes").isNull()).isTrue();

        JsonNode nodes = graphQlData(GADGETS).path("atelier").path("gadgets").path("nodes");
        assertThat(nodes.size()).isEqualTo(3);
        assertThat(nodes.get(1).path("name").asString()).isEqualTo("kettle");
        assertThat(nodes.get(1).path("price").asString()).isEqualTo("24.50");
        assertThat(graphQlData("{ schemaVersion }").path("schemaVersion").asLong()).isGreaterThanOrEqualTo(schemaVersion);
    }

    @Test
    void aCheckIsADryRun() {
        Untouched before = untouched();

        Answer answer = http.check(gadgets("atelier-dry", "1.0.0"), token(DOMAIN));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.text("outcome")).isEqualTo("CHECKED");
        assertThat(answer.body().path("dryRun").asBoolean()).isTrue();
        assertThat(answer.body().path("registryVersion").isNull()).isTrue();
        assertThat(untouched()).isEqualTo(before);
        assertThat(store.history("atelier-dry")).isEmpty();
        assertThat(http.get("/api/ports/atelier-dry", token(DOMAIN)).status()).isEqualTo(404);
    }

    @Test
    void republishingTheLiveVersionChangesNothing() {
        assertThat(publish(gadgets("atelier-again", "1.0.0")).status()).isEqualTo(201);
        Untouched before = untouched();

        Answer again = publish(gadgets("atelier-again", "1.0.0"));

        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.text("outcome")).isEqualTo("UNCHANGED");
        assertThat(again.body().path("registryVersion").isNull()).isTrue();
        assertThat(again.body().path("changes").path("summary").asString()).isEqualTo("no changes");
        assertThat(untouched()).isEqualTo(before);
        assertThat(store.history("atelier-again")).hasSize(1);
    }

    @Test
    void aBreakingChangeNeedsANewMajorVersion() {
        assertThat(publish(gadgets("atelier-versions", "1.0.0")).status()).isEqualTo(201);
        String withoutPrice = gadgets("atelier-versions", "1.1.0")
                .replace("      - name: price\n        logicalType: number\n        physicalType: DECIMAL(10,2)\n", "");
        Untouched before = untouched();

        Answer refused = publish(withoutPrice);

        assertThat(refused.status()).as("%s", refused).isEqualTo(409);
        assertThat(refused.text("outcome")).isEqualTo("CONFLICT");
        assertThat(refused.text("code")).isEqualTo("INVALID_CONTRACT");
        assertThat(refused.problemPaths()).containsExactly("$.version");
        assertThat(refused.problemKinds()).containsExactly("VERSION");
        JsonNode changes = refused.body().path("changes");
        assertThat(changes.path("highestSeverity").asString()).isEqualTo("BREAKING");
        assertThat(changes.path("changes").get(0).path("kind").asString()).isEqualTo("FIELD_REMOVED");
        assertThat(changes.path("changes").get(0).path("path").asString())
                .isEqualTo("$.schema[gadgets].properties[price]");
        JsonNode verdict = refused.body().path("versionVerdict");
        assertThat(verdict.path("accepted").asBoolean()).isFalse();
        assertThat(verdict.path("suggestedVersion").asString()).isEqualTo("2.0.0");
        assertThat(refused.text("message")).contains("bump the major version to 2.0.0");
        assertThat(untouched()).isEqualTo(before);

        Answer major = publish(withoutPrice.replace("version: 1.1.0", "version: 2.0.0"));

        assertThat(major.status()).as("%s", major).isEqualTo(201);
        assertThat(major.body().path("versionVerdict").path("sideBySide").asBoolean()).isTrue();
        assertThat(major.body().path("urns").get(0).asString()).isEqualTo("urn:portico:atelier:gadgets:gadgets:v2");
        assertThat(graphQlData("{ atelier { gadgets(first: 1) { nodes { gadgetId name } } } }")
                .path("atelier").path("gadgets").path("nodes").size()).isEqualTo(1);
        assertThat(store.history("atelier-versions")).extracting(stored -> stored.version())
                .containsExactly("1.0.0", "2.0.0");
    }

    static Stream<Arguments> refusals() {
        String valid = Gadgets.document("atelier-refused", DOMAIN, "1.0.0", "URL");
        return Stream.of(
                Arguments.of("not YAML", "a: [b", 400, "MALFORMED", "BAD_REQUEST", "$", "DOCUMENT"),
                Arguments.of("a missing field", valid.replace("domain: atelier\n", ""), 422, "INVALID",
                        "INVALID_CONTRACT", "$.domain", "STRUCTURE"),
                Arguments.of("an unreachable endpoint, whose domain cannot be verified",
                        valid.replace("URL", TestPort.NOWHERE), 403, "FORBIDDEN", "FORBIDDEN", "$.servers[0]",
                        "ENDPOINT_OWNERSHIP"),
                Arguments.of("a dataset the port lacks", valid.replace("physicalName: gadgets", "physicalName: gizmos"),
                        422, "INVALID", "INVALID_CONTRACT", "$.schema[0]", "DATASET_MISSING"),
                Arguments.of("a field type mismatch", valid.replace("logicalType: string", "logicalType: boolean"),
                        422, "INVALID", "INVALID_CONTRACT", "$.schema[0].properties[1].logicalType", "FIELD_TYPE"),
                Arguments.of("a required field nullable at the port", valid.replace(
                                "physicalType: DECIMAL(10,2)", "physicalType: DECIMAL(10,2)\n        required: true"),
                        422, "INVALID", "INVALID_CONTRACT", "$.schema[0].properties[2].required", "NULLABILITY"),
                Arguments.of("a dataset named __x", valid.replace("- name: gadgets", "- name: __x"), 422, "INVALID",
                        "INVALID_CONTRACT", "$.schema[0].name", "GRAPHQL_NAME"),
                Arguments.of("a type of the gateway's schema (PageInfo)", valid.replace("domain: atelier", "domain: page")
                                .replace("- name: gadgets", "- name: info"), 422, "INVALID", "INVALID_CONTRACT",
                        "$.schema[0].name", "NAME_COLLISION"),
                Arguments.of("a second domain claiming SalesOrders", valid.replace("domain: atelier", "domain: Sales")
                                .replace("- name: gadgets", "- name: orders"), 422, "INVALID", "INVALID_CONTRACT",
                        "$.schema[0].name", "NAME_COLLISION"),
                // A major version beyond an int: the parser accepted it, so a check answered CHECKED while the store
                // refused the publication, URNs named it v0 and registration's own major was -1. Refused as it is read.
                Arguments.of("a major version beyond what the registry keeps", valid.replace("version: 1.0.0",
                        "version: 99999999999.0.0"), 422, "INVALID", "INVALID_CONTRACT", "$.version", "STRUCTURE"),
                Arguments.of("a token for another domain", valid.replace("domain: atelier", "domain: crm"), 403,
                        "FORBIDDEN", "FORBIDDEN", "$.domain", "AUTHORIZATION"),
                Arguments.of("the id of a port configured at the gateway",
                        valid.replace("id: atelier-refused", "id: sales-orders-port"), 409, "CONFLICT",
                        "INVALID_CONTRACT", "$.id", "PORT_ID"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void everyRefusalIsPreciseAndChangesNothing(String what, String document, int status, String outcome,
            String code, String path, String kind) {
        Untouched before = untouched();

        for (String endpoint : List.of("/api/ports/check", "/api/ports")) {
            Answer answer = http.post(endpoint, document.replace("URL", urlFor(document)), RegistrationHttp.YAML,
                    token(DOMAIN, "Sales", "page"));

            assertThat(answer.status()).as("%s %s: %s", what, endpoint, answer).isEqualTo(status);
            assertThat(answer.text("status")).isEqualTo("REFUSED");
            assertThat(answer.text("outcome")).isEqualTo(outcome);
            assertThat(answer.text("code")).isEqualTo(code);
            assertThat(answer.problemPaths()).as("%s", answer).contains(path);
            assertThat(answer.problemKinds()).as("%s", answer).contains(kind);
            assertThat(answer.body().path("problems").get(0).path("problem").asString()).isNotBlank();
            assertThat(answer.body().path("problems").get(0).path("expected").asString()).isNotBlank();
        }
        assertThat(untouched()).as(what).isEqualTo(before);
        assertThat(store.history("atelier-refused")).isEmpty();
    }

    @Test
    void anotherDomainCannotTakeOverARegisteredPortId() {
        assertThat(publish(gadgets("atelier-owned", "1.0.0")).status()).isEqualTo(201);
        Untouched before = untouched();

        Answer answer = http.publish(Gadgets.document("atelier-owned", "hijack", "2.0.0", port.url()),
                token("hijack"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(403);
        assertThat(answer.problemPaths()).containsExactly("$.id");
        assertThat(answer.text("message")).isEqualTo("port 'atelier-owned' is registered by domain 'atelier'"
                + " (version 1.0.0), and 'ci-hijack' may not publish ports of 'atelier'");
        assertThat(untouched()).isEqualTo(before);
    }

    @Test
    void anIdLongerThanTheRegistryKeepsIsInvalid() {
        Untouched before = untouched();
        String id = "atelier-" + "x".repeat(300);

        Answer answer = publish(gadgets(id, "1.0.0"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(422);
        assertThat(answer.text("outcome")).isEqualTo("INVALID");
        assertThat(answer.problemPaths()).containsExactly("$.id");
        assertThat(answer.text("message")).contains("is not a usable port id");
        assertThat(untouched()).isEqualTo(before);
    }

    /** The finding: an id with a line break was accepted and forged a line in the gateway's log. */
    @Test
    void anIdThatWouldForgeALogLineIsRefusedAndForgesNone(CapturedOutput output) {
        Untouched before = untouched();
        String forged = "2026-12-07T10:00:00.000Z  INFO 1 --- [main] i.p.gateway.registry.PortRegistry : port"
                + " 'payroll-port' of domain 'hr' registered";
        String document = gadgets("atelier-forger", "1.0.0").replace("id: atelier-forger",
                "id: \"atelier-forger\\n" + forged + "\"");

        for (String endpoint : List.of("/api/ports/check", "/api/ports")) {
            Answer answer = http.post(endpoint, document, RegistrationHttp.YAML, token(DOMAIN));

            assertThat(answer.status()).as("%s", answer).isEqualTo(422);
            assertThat(answer.problemPaths()).containsExactly("$.id");
            assertThat(answer.body().path("problems").get(0).path("problem").asString())
                    .startsWith("'atelier-forger\\u000A2026-12-07").doesNotContain("\n");
        }
        assertThat(output.getAll().lines()).as("log lines").noneMatch(line -> line.startsWith(forged));
        assertThat(untouched()).isEqualTo(before);
    }

    @Test
    void aContractOfTenMegabytesIsRefusedBeforeItIsRead() {
        Untouched before = untouched();
        byte[] tenMegabytes = ("# " + "x".repeat(99) + "\n").repeat(100_000).getBytes();

        Answer answer = http.post("/api/ports", HttpRequest.BodyPublishers.ofByteArray(tenMegabytes),
                RegistrationHttp.YAML, token(DOMAIN));

        assertThat(answer.status()).as("%s", answer).isEqualTo(413);
        assertThat(answer.text("outcome")).isEqualTo("TOO_LARGE");
        assertThat(answer.text("message")).isEqualTo("the contract is too large: 10200000 bytes, the limit is"
                + " 1048576 characters");
        assertThat(untouched()).isEqualTo(before);
    }

    @Test
    void aContractOverTheCharacterLimitIsRefusedToo() {
        String document = gadgets("atelier-large", "1.0.0") + "# " + "x".repeat(1 << 20) + "\n";

        Answer answer = http.publish(document, token(DOMAIN));

        assertThat(answer.status()).as("%s", answer).isEqualTo(413);
        assertThat(answer.text("message")).startsWith("the contract is too large: 10");
    }

    @Test
    void registrationNeedsAValidToken() {
        Untouched before = untouched();

        Answer anonymous = http.publish(gadgets("atelier-anonymous", "1.0.0"), null);
        Answer invalid = http.publish(gadgets("atelier-anonymous", "1.0.0"), token(DOMAIN) + "x");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().path("errors").get(0).path("extensions").path("code").asString())
                .isEqualTo("UNAUTHENTICATED");
        assertThat(invalid.status()).isEqualTo(401);
        assertThat(invalid.body().path("errors").get(0).path("message").asString()).contains("signature");
        assertThat(untouched()).isEqualTo(before);
    }

    @Test
    void aBodyThatIsNoContractIsRefusedByItsMediaType() {
        Answer answer = http.post("/api/ports", "{}", "application/octet-stream", token(DOMAIN));

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.text("outcome")).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void jsonContractsAreAcceptedToo() {
        String json = """
                {"apiVersion": "v3.1.0", "kind": "DataContract", "id": "atelier-json", "version": "1.0.0",
                 "status": "active", "domain": "atelier", "dataProduct": "parts",
                 "servers": [{"server": "workshop", "type": "custom", "customProperties": [
                   {"property": "flightSqlUrl", "value": "%s"}, {"property": "sqlDialect", "value": "DUCKDB"}]}],
                 "schema": [{"name": "parts", "properties": [
                   {"name": "part_id", "logicalType": "integer", "required": true, "primaryKey": true},
                   {"name": "label", "logicalType": "string"}]}]}
                """.formatted(port.url());

        Answer answer = http.post("/api/ports", json, "application/json", token(DOMAIN));
        if (answer.status() == 201) {
            published.add("atelier-json");
        }

        assertThat(answer.status()).as("%s", answer).isEqualTo(201);
        assertThat(graphQlData("{ atelier { parts { nodes { partId label } } } }").path("atelier").path("parts")
                .path("nodes").size()).isEqualTo(2);
    }

    @Test
    void theApiListsPortsWithTheirHistory() {
        assertThat(publish(gadgets("atelier-listed", "1.0.0")).status()).isEqualTo(201);
        assertThat(publish(gadgets("atelier-listed", "1.0.1")).status()).isEqualTo(201);

        Answer list = http.get("/api/ports", token(DOMAIN));
        Answer detail = http.get("/api/ports/atelier-listed", token(DOMAIN));

        assertThat(list.status()).isEqualTo(200);
        JsonNode listed = list.body().valueStream()
                .filter(port -> port.path("id").asString().equals("atelier-listed"))
                .findFirst().orElseThrow();
        assertThat(listed.path("version").asString()).isEqualTo("1.0.1");
        assertThat(listed.path("source").asString()).isEqualTo("registry");
        assertThat(listed.path("served").asString()).isEqualTo("UP");
        assertThat(listed.path("registeredBy").asString()).isEqualTo("ci-atelier");
        assertThat(listed.path("urns").get(0).asString()).isEqualTo("urn:portico:atelier:gadgets:gadgets:v1");
        assertThat(list.body().valueStream().map(port -> port.path("id").asString()))
                .as("the demo's configured ports").contains("sales-orders-port");
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body().path("active").size()).isEqualTo(1);
        assertThat(detail.body().path("history").valueStream().map(entry -> entry.path("status").asString()))
                .containsExactly("superseded", "active");
        assertThat(detail.body().path("history").get(1).path("document").asString()).contains("version: 1.0.1");
        assertThat(http.get("/api/ports/nothing-here", token(DOMAIN)).status()).isEqualTo(404);
    }

    @Test
    void aRetiredPortLeavesTheSchema() {
        assertThat(publish(gadgets("atelier-retired", "1.0.0")).status()).isEqualTo(201);
        assertThat(http.delete("/api/ports/atelier-retired", token("crm")).status()).as("another domain's token")
                .isEqualTo(403);

        Answer retired = http.delete("/api/ports/atelier-retired", token(DOMAIN));

        assertThat(retired.status()).as("%s", retired).isEqualTo(200);
        assertThat(retired.text("outcome")).isEqualTo("RETIRED");
        assertThat(retired.body().path("registryVersion").asLong()).isEqualTo(store.registryVersion());
        Answer query = http.graphQl(GADGETS, null, null);
        assertThat(query.body().path("errors").get(0).path("extensions").path("code").asString())
                .isEqualTo("GRAPHQL_VALIDATION_FAILED");
        assertThat(http.delete("/api/ports/atelier-retired", token(DOMAIN)).status()).as("again").isEqualTo(404);
        assertThat(http.delete("/api/ports/never-registered", token(DOMAIN)).status()).isEqualTo(404);
        assertThat(http.delete("/api/ports/sales-orders-port", token("sales")).status()).as("a configured port")
                .isEqualTo(409);
    }

    /**
     * Whether a port is configured at this gateway has one answer, the registry's ({@link PortRegistry#isLocal}).
     * Registration used to decide it itself: served here and no active version in the store. A port retired through
     * another replica is both until this gateway's next poll, so retiring it answered 409 "configured at this
     * gateway" instead of 404 "retired already", publishing it again was refused 409 the same way, and the listing
     * showed it as configured. It is a stored port: the registry registered it from the store.
     */
    @Test
    void aPortRetiredThroughAnotherReplicaIsNotTakenForAConfiguredOne() {
        assertThat(publish(gadgets("atelier-elsewhere", "1.0.0")).status()).isEqualTo(201);
        synchronizer.stop();
        try {
            store.retire("atelier-elsewhere", "another-replica");
            assertThat(registry.statuses()).as("not synchronized yet").extracting(PortStatus::portId)
                    .contains("atelier-elsewhere");

            Answer retired = http.delete("/api/ports/atelier-elsewhere", token(DOMAIN));
            Answer list = http.get("/api/ports", token(DOMAIN));
            Answer republished = publish(gadgets("atelier-elsewhere", "1.0.1"));

            assertThat(retired.status()).as("%s", retired).isEqualTo(404);
            assertThat(retired.text("message")).contains("retired already");
            assertThat(list.body().valueStream().filter(port -> port.path("id").asString().equals("atelier-elsewhere"))
                    .map(port -> port.path("source").asString())).doesNotContain("configuration");
            assertThat(republished.status()).as("%s", republished).isEqualTo(201);
            assertThat(registry.isLocal("atelier-elsewhere")).isFalse();
        } finally {
            synchronizer.start();
        }
    }

    /**
     * Every change of a port is its domain's: another domain's token retires no major version of it (the right is
     * {@code PublishingRights}', the same that publishes and invalidates cached answers).
     */
    @Test
    void anotherDomainCannotRetireAMajorVersionOfAPortItDoesNotOwn() {
        assertThat(publish(gadgets("atelier-guarded", "1.0.0")).status()).isEqualTo(201);
        Untouched before = untouched();

        Answer answer = http.delete("/api/ports/atelier-guarded?major=1", token("crm"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(403);
        assertThat(answer.text("code")).isEqualTo("FORBIDDEN");
        assertThat(answer.text("message")).contains("'ci-crm' may not publish, retire or invalidate ports of domain"
                + " 'atelier'");
        assertThat(untouched()).isEqualTo(before);
        assertThat(store.history("atelier-guarded")).extracting(stored -> stored.status().name())
                .containsExactly("ACTIVE");
    }
}

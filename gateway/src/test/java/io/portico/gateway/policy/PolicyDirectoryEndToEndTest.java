package io.portico.gateway.policy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.testing.PolicyDirectory;
import io.portico.gateway.testing.DemoGatewayTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A gateway whose policies come from a directory (reloaded every 50 ms) and whose audit events go to a file: the
 * audit trail of a request, and reloads while requests run, where every request must be answered under one whole
 * policy set (two connections of one request never disagree).
 */
@DemoGatewayTest
class PolicyDirectoryEndToEndTest {

    private static final PolicyDirectory POLICIES = PolicyDirectory.create("portico-policies");
    private static final Path AUDIT_LOG = POLICIES.auditLog();
    private static final String HASHING = PolicyDirectory.demoPolicies();
    private static final String DENYING = HASHING.replace(
            "fields: [email]}\n    effect: mask\n    mask: hash", "fields: [email]}\n    effect: deny");

    @LocalServerPort
    int port;

    private PolicyHttp http;

    @DynamicPropertySource
    static void policies(DynamicPropertyRegistry registry) {
        POLICIES.write(HASHING);
        registry.add("portico.policies.directory", () -> POLICIES.path().toString());
        registry.add("portico.policies.reload-interval", () -> "50ms");
        registry.add("portico.policies.audit-log", AUDIT_LOG::toString);
    }

    @BeforeAll
    static void theDemoPoliciesHashEmails() {
        assertThat(HASHING).as("the policy text the tests change").contains("fields: [email]}\n    effect: mask\n    mask: hash");
    }

    @BeforeEach
    void connect() {
        http = new PolicyHttp(port);
    }

    @AfterAll
    static void restore() {
        POLICIES.write(HASHING);
    }

    @Test
    void everyRequestLeavesOneAuditEventWithDecisionsAndNoValue() throws IOException {
        JsonNode raw = http.graphQl("{ crm { customers(first: 5, orderBy: [{customerId: ASC}]) { nodes { email } } } }",
                http.token("audit-steward", "steward", Map.of()));
        http.graphQl("""
                query AuditMe { crm { customers(first: 5, orderBy: [{customerId: ASC}], where: {segment: {eq: "SMB"}}) {
                  nodes { customerId email birthDate } } } }""", http.token("audit-ada", "analyst", Map.of()));

        JsonNode event = lastEventOf("audit-ada");
        assertThat(event.path("subject").path("roles").get(0).asString()).isEqualTo("analyst");
        assertThat(event.path("operation").path("name").asString()).isEqualTo("AuditMe");
        assertThat(event.path("operation").path("hash").asString()).matches("[0-9a-f]{64}");
        assertThat(event.path("path").asString()).isEqualTo("graphql");
        assertThat(event.path("outcome").asString()).isEqualTo("PARTIAL");
        assertThat(event.path("errorCodes").get(0).asString()).isEqualTo("FORBIDDEN");
        JsonNode dataset = event.path("datasets").get(0);
        assertThat(dataset.path("urn").asString()).isEqualTo("urn:portico:crm:customers:customers:v1");
        assertThat(dataset.path("rowsReturned").asLong()).isBetween(1L, 5L);
        Map<String, String> effects = new java.util.HashMap<>();
        dataset.path("fields").forEach(field -> effects.put(field.path("field").asString(),
                field.path("effect").asString() + "/" + field.path("rule").asString()));
        assertThat(effects).containsEntry("customer_id", "allow/defaults.unmatched")
                .containsEntry("email", "mask/analysts-hash-contact-emails")
                .containsEntry("birth_date", "deny/defaults.classified.restricted");

        String trail = Files.readString(AUDIT_LOG, UTF_8);
        raw.path("data").path("crm").path("customers").path("nodes")
                .forEach(node -> assertThat(trail).doesNotContain(node.path("email").asString()));
        assertThat(trail).as("no literal of the query either").doesNotContain("SMB");
    }

    @Test
    void aReloadNeverMixesTwoPolicySetsInOneRequest() throws Exception {
        String analyst = http.token("reload-ada", "analyst", Map.of());
        String query = """
                { crm { a: customers(first: 15) { nodes { email } }
                        b: customers(first: 15, orderBy: [{region: ASC}]) { nodes { email } } } }""";
        Set<String> seen = Collections.synchronizedSet(new HashSet<>());
        List<String> mixed = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int client = 0; client < 4; client++) {
                futures.add(clients.submit(() -> {
                    while (running.get()) {
                        JsonNode response = http.graphQl(query, analyst);
                        String a = shape(response, "a");
                        String b = shape(response, "b");
                        int forbidden = response.path("errors").size();
                        boolean consistent = a.equals(b) && forbidden == ("denied".equals(a) ? 2 : 0);
                        if (!consistent) {
                            mixed.add(response.toString());
                        }
                        seen.add(a);
                    }
                    return null;
                }));
            }
            for (int flip = 0; flip < 12; flip++) {
                POLICIES.write(flip % 2 == 0 ? DENYING : HASHING);
                Thread.sleep(400);
            }
            running.set(false);
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            running.set(false);
            clients.shutdownNow();
        }
        assertThat(mixed).as("responses answered under two policy sets").isEmpty();
        assertThat(seen).as("both sets were in force at some point").containsExactlyInAnyOrder("hashed", "denied");
    }

    /** "hashed" when every email of the connection is a hash, "denied" when every one is null, else what it is. */
    private static String shape(JsonNode response, String connection) {
        List<JsonNode> emails = new ArrayList<>();
        response.path("data").path("crm").path(connection).path("nodes").forEach(node -> emails.add(node.path("email")));
        if (!emails.isEmpty() && emails.stream().allMatch(JsonNode::isNull)) {
            return "denied";
        }
        if (!emails.isEmpty() && emails.stream().allMatch(email -> email.asString().matches("[0-9a-f]{64}"))) {
            return "hashed";
        }
        return "other: " + emails;
    }

    private static JsonNode lastEventOf(String subject) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode last = null;
        for (String line : Files.readAllLines(AUDIT_LOG, UTF_8)) {
            JsonNode event = json.readTree(line);
            if (subject.equals(event.path("subject").path("id").asString())) {
                last = event;
            }
        }
        assertThat(last).as("an audit event of %s", subject).isNotNull();
        return last;
    }
}

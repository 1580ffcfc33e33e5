package io.portico.gateway.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.Poll;
import io.portico.gateway.demo.DemoMesh;
import io.portico.gateway.testing.PolicyDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whole answers kept ({@code io.portico.gateway.answers}) on top of the result cache, in the real gateway over HTTP
 * with the embedded demo mesh, the demo policies (from a directory, so a test can change them) and real demo JWTs.
 * Every test is an attack or a promise: a kept answer never reaches another subject (a property test over
 * generated queries and subjects), never outlives a policy change, a port invalidation or its port answers, is
 * never made of what is not a port answer (registry fields, errors, mutations), and a request it answers is
 * audited like the request that made it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "portico.demo.enabled=true",
        "portico.demo.seed=42",
        "portico.demo.scale=0.01",
        "portico.ports.retry-interval=500ms",
        "portico.cache.enabled=true",
        "portico.cache.ttl.crm-customers-port=10m",
        "portico.cache.ttl.sales-orders-port=10m",
        "portico.cache.ttl.logistics-shipments-port=10m",
        "portico.policies.reload-interval=50ms"})
class AnswerCacheEndToEndTest {

    private static final PolicyDirectory POLICIES = PolicyDirectory.create("portico-answers");
    private static final Path AUDIT_LOG = POLICIES.auditLog();
    private static final String DEMO_POLICIES = PolicyDirectory.demoPolicies();
    private static final String EMAIL_HASHED = "fields: [email]}\n    effect: mask\n    mask: hash";
    private static final String CRM = "crm-customers-port";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ResultCache cache;

    @Autowired
    DemoMesh mesh;

    private CacheHttp http;
    private Map<String, String> subjects;

    @DynamicPropertySource
    static void policies(DynamicPropertyRegistry registry) {
        POLICIES.write(DEMO_POLICIES);
        registry.add("portico.policies.directory", () -> POLICIES.path().toString());
        registry.add("portico.policies.audit-log", AUDIT_LOG::toString);
    }

    @AfterAll
    static void restore() {
        POLICIES.write(DEMO_POLICIES);
    }

    @BeforeAll
    static void theDemoPoliciesHashEmails() {
        assertThat(DEMO_POLICIES).as("the policy text the tests change").contains(EMAIL_HASHED);
    }

    @BeforeEach
    void connect() {
        http = new CacheHttp(port);
        subjects = new LinkedHashMap<>();
        subjects.put("steward", http.token("answers-steward", List.of("steward"), Map.of(), List.of()));
        subjects.put("analyst", http.token("answers-analyst", List.of("analyst"), Map.of(), List.of()));
        subjects.put("other analyst", http.token("answers-analyst-2", List.of("analyst"), Map.of(), List.of()));
        subjects.put("support EMEA", http.token("answers-support-emea", List.of("support"),
                Map.of("region", "EMEA"), List.of()));
        subjects.put("support AMER", http.token("answers-support-amer", List.of("support"),
                Map.of("region", "AMER"), List.of()));
        subjects.put("anonymous", null);
    }

    @Test
    void aRepeatedQueryIsAnsweredWholeWithTheSameAnswerAndNoPortStatement() {
        String query = "{ crm { customers(first: 6, orderBy: [{customerId: ASC}]) { totalCount nodes { customerId"
                + " email region } } } }";
        String steward = subjects.get("steward");
        cache.clear();
        JsonNode first = http.graphQl(query, steward);
        double hits = answerHits();
        int statements = crmStatements();

        JsonNode second = http.graphQl(query, steward);

        assertThat(second).isEqualTo(first);
        assertThat(answerHits()).as("the second ask was answered whole").isEqualTo(hits + 1);
        assertThat(crmStatements()).as("no port statement for it").isEqualTo(statements);
    }

    /**
     * The attack: one subject's answer kept, then another subject sends the very same document. Each subject's
     * answer must be the one it gets with nothing kept, and no kept answer may be handed across subjects (not even
     * between two analysts, whose answers are equal: a subject is a key of its own).
     */
    @Test
    void noKeptAnswerReachesAnotherSubject() {
        Random random = new Random(20261208);
        List<String> names = List.copyOf(subjects.keySet());
        for (int index = 0; index < 40; index++) {
            String query = GeneratedQueries.customers(random);
            String first = names.get(random.nextInt(names.size()));
            String second = names.get((names.indexOf(first) + 1 + random.nextInt(names.size() - 1)) % names.size());
            cache.clear();
            JsonNode fresh = http.graphQl(query, subjects.get(second));
            cache.clear();
            http.graphQl(query, subjects.get(first));
            http.graphQl(query, subjects.get(first));
            double hits = answerHits();

            JsonNode afterOther = http.graphQl(query, subjects.get(second));

            assertThat(afterOther).as("query %d as %s after %s: %s", index, second, first, query).isEqualTo(fresh);
            assertThat(answerHits()).as("query %d as %s after %s: answered from another's answer", index, second,
                    first).isEqualTo(hits);
        }
        assertThat(answersKeptTotal()).as("answers were kept at all (else this test proves nothing)")
                .isGreaterThan(10);
    }

    @Test
    void aPolicyChangeEndsEveryKeptAnswer() {
        String query = "{ crm { customers(first: 3, orderBy: [{customerId: ASC}]) { nodes { customerId email } } } }";
        String analyst = subjects.get("analyst");
        http.graphQl(query, analyst);
        JsonNode hashed = http.graphQl(query, analyst);
        assertThat(emails(hashed)).allMatch(email -> email.matches("[0-9a-f]{64}"));
        try {
            POLICIES.write(DEMO_POLICIES.replace(EMAIL_HASHED, "fields: [email]}\n    effect: deny"));

            JsonNode denied = Poll.value("the analyst's answer under the new policies", DEADLINE,
                    () -> http.graphQl(query, analyst), answer -> answer.has("errors"));

            assertThat(CrmCustomers.codes(denied)).contains("FORBIDDEN");
        } finally {
            POLICIES.write(DEMO_POLICIES);
        }
        Poll.value("the analyst's answer under the demo policies again", DEADLINE,
                () -> http.graphQl(query, analyst), answer -> !answer.has("errors"));
    }

    @Test
    void anInvalidationOrADroppedPortAnswerEndsAKeptAnswer() throws Exception {
        String query = "{ crm { customers(first: 1, where: {customerId: {eq: 9}}) { nodes { customerId segment } } } }";
        String steward = subjects.get("steward");
        String before = CrmCustomers.segmentOf(http.graphQl(query, steward));
        http.graphQl(query, steward);
        try {
            CrmCustomers.execute(mesh, "update customers set segment = 'REFRESHED' where customer_id = 9");
            assertThat(CrmCustomers.segmentOf(http.graphQl(query, steward))).as("kept, not yet refreshed").isEqualTo(before);

            String publisher = http.token("answers-ci-crm", List.of("publisher"), Map.of(), List.of("crm"));
            assertThat(http.post("/api/ports/" + CRM + "/invalidate", publisher).status()).isEqualTo(200);

            assertThat(CrmCustomers.segmentOf(http.graphQl(query, steward))).isEqualTo("REFRESHED");
            http.graphQl(query, steward);
            CrmCustomers.execute(mesh, "update customers set segment = 'AGAIN' where customer_id = 9");
            cache.clear();
            assertThat(CrmCustomers.segmentOf(http.graphQl(query, steward))).as("its port answer dropped").isEqualTo("AGAIN");
        } finally {
            CrmCustomers.execute(mesh, "update customers set segment = '" + before + "' where customer_id = 9");
            cache.invalidate(CRM);
        }
    }

    @Test
    void answersThatReadMoreThanPortAnswersAreNeverKept() {
        String steward = subjects.get("steward");
        String analyst = subjects.get("analyst");
        List<Map.Entry<String, String>> asks = List.of(
                Map.entry("{ schemaVersion crm { customers(first: 2) { nodes { customerId } } } }", steward),
                Map.entry("{ crm { customers(first: 2) { nodes { customerId } } } dataProducts { totalCount } }",
                        steward),
                Map.entry("{ crm { customers(first: 2) { nodes { customerId birthDate } } } }", analyst),
                Map.entry("{ crm { customers(first: 2) { nodes { customerId nosuchfield } } } }", steward),
                Map.entry("{ crm { customers(first: 2) { nodes { customerId } } } __schema { queryType { name } } }",
                        steward));
        for (Map.Entry<String, String> ask : asks) {
            double kept = answersKeptTotal();
            double hits = answerHits();
            JsonNode first = http.graphQl(ask.getKey(), ask.getValue());
            JsonNode second = http.graphQl(ask.getKey(), ask.getValue());

            assertThat(second).isEqualTo(first);
            assertThat(answersKeptTotal()).as("kept: %s (%s)", ask.getKey(), first).isEqualTo(kept);
            assertThat(answerHits()).isEqualTo(hits);
        }
    }

    @Test
    void aRequestAnsweredWholeIsAuditedAsTheRequestThatMadeTheAnswer() throws IOException {
        String query = "query Kept { crm { customers(first: 4, orderBy: [{customerId: ASC}]) { nodes { customerId"
                + " email phone } } } }";
        String analyst = http.token("answers-audited", List.of("analyst"), Map.of(), List.of());
        http.graphQl(query, analyst);
        double hits = answerHits();
        http.graphQl(query, analyst);
        assertThat(answerHits()).isEqualTo(hits + 1);

        List<JsonNode> events = Poll.value("two audit events of answers-audited", DEADLINE,
                () -> eventsOf("answers-audited"), found -> found.size() == 2);
        JsonNode made = events.get(0);
        JsonNode answered = events.get(1);
        assertThat(answered.path("requestId").asString()).isNotEqualTo(made.path("requestId").asString());
        assertThat(answered.path("operation")).isEqualTo(made.path("operation"));
        assertThat(answered.path("operation").path("name").asString()).isEqualTo("Kept");
        assertThat(answered.path("datasets")).isEqualTo(made.path("datasets"));
        assertThat(answered.path("datasets").path(0).path("fields").toString()).contains("\"field\":\"email\"",
                "\"effect\":\"mask\"");
        assertThat(answered.path("outcome").asString()).isEqualTo("OK");
    }

    @Test
    void aGetAnsweredWholeCarriesTheSameCacheControlAndEntityTag() {
        String query = "{ crm { customers(first: 2, orderBy: [{customerId: ASC}]) { nodes { customerId } } } }";
        String steward = subjects.get("steward");
        CacheHttp.Answer first = http.getGraphQl(query, steward);
        double hits = answerHits();
        CacheHttp.Answer second = http.getGraphQl(query, steward);

        assertThat(answerHits()).isEqualTo(hits + 1);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("Cache-Control")).isEqualTo(first.header("Cache-Control")).startsWith("private");
        assertThat(second.header("ETag")).isEqualTo(first.header("ETag")).isNotNull();
    }

    private double answerHits() {
        Counter hits = meters.find("portico.answer.cache.requests").tag("result", "hit").counter();
        return hits == null ? 0 : hits.count();
    }

    private double answersKeptTotal() {
        Counter kept = meters.find("portico.answer.cache.kept").counter();
        return kept == null ? 0 : kept.count();
    }

    private int crmStatements() {
        return mesh.port(DemoDomain.CRM).port().statementLog().entries().size();
    }

    private static List<String> emails(JsonNode response) {
        List<String> emails = new ArrayList<>();
        response.path("data").path("crm").path("customers").path("nodes")
                .forEach(node -> emails.add(node.path("email").asString()));
        return emails;
    }

    private static List<JsonNode> eventsOf(String subject) {
        try {
            List<JsonNode> events = new ArrayList<>();
            for (String line : Files.readAllLines(AUDIT_LOG, UTF_8)) {
                JsonNode event = JSON.readTree(line);
                if (subject.equals(event.path("subject").path("id").asString())) {
                    events.add(event);
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

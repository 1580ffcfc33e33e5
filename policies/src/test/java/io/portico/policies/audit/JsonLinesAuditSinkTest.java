package io.portico.policies.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.policies.Subject;
import io.portico.policies.TestRegistries;
import io.portico.policies.decision.Decisions;
import io.portico.policies.decision.PolicyEvaluator;
import io.portico.policies.store.ClasspathPolicies;
import io.portico.schema.compose.Urns;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonLinesAuditSinkTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CUSTOMERS = Urns.dataset("crm", "customers", "customers", 1);
    private static final Subject SUPPORT = new Subject("sue@example.com", Set.of("support"), Set.of("team-emea"),
            Set.of(), Map.of("region", "EMEA", "employee_number", "4711"));
    private static final Decisions DECISIONS =
            PolicyEvaluator.decide(SUPPORT, TestRegistries.demo(1), ClasspathPolicies.demo());

    @TempDir
    Path directory;

    @Test
    void writesOneParseableJsonObjectPerEvent() throws Exception {
        StringWriter out = new StringWriter();
        try (JsonLinesAuditSink sink = new JsonLinesAuditSink(out)) {
            sink.record(supportEvent("r-1"));
            sink.record(supportEvent("r-2"));
        }

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode event = JSON.readTree(lines.getFirst());
        assertThat(event.get("timestamp").stringValue()).isEqualTo("2026-11-02T10:15:30.123Z");
        assertThat(event.get("requestId").stringValue()).isEqualTo("r-1");
        assertThat(event.at("/subject/id").stringValue()).isEqualTo("sue@example.com");
        assertThat(event.at("/subject/roles/0").stringValue()).isEqualTo("support");
        assertThat(event.at("/operation/name").stringValue()).isEqualTo("Customers");
        assertThat(event.at("/operation/hash").stringValue()).hasSize(64)
                .isEqualTo(AuditOperation.sha256("query Customers { crm { customers { nodes { email } } } }"));
        assertThat(event.get("path").stringValue()).isEqualTo("graphql");
        JsonNode dataset = event.at("/datasets/0");
        assertThat(dataset.get("urn").stringValue()).isEqualTo(CUSTOMERS);
        assertThat(dataset.at("/fields/0").toString())
                .isEqualTo("{\"field\":\"customer_id\",\"effect\":\"allow\",\"rule\":\"defaults.unmatched\"}");
        assertThat(dataset.at("/fields/1").toString()).isEqualTo("{\"field\":\"phone\",\"effect\":\"mask\","
                + "\"rule\":\"support-sees-phone-last-4\",\"mask\":\"show-last-4\"}");
        assertThat(dataset.at("/fields/2").toString()).isEqualTo("{\"field\":\"birth_date\",\"effect\":\"deny\","
                + "\"rule\":\"defaults.classified.restricted\"}");
        assertThat(dataset.get("fields")).hasSize(3);
        assertThat(dataset.get("joinFields")).as("read only to join on; customer_id was also read").hasSize(1);
        assertThat(dataset.at("/joinFields/0").toString())
                .isEqualTo("{\"field\":\"region\",\"effect\":\"allow\",\"rule\":\"defaults.unmatched\"}");
        assertThat(dataset.at("/rowFilters/0").toString())
                .isEqualTo("{\"rule\":\"support-sees-own-region\",\"predicate\":\"region = subject.region\"}");
        assertThat(dataset.get("rowsReturned").longValue()).isEqualTo(17);
        assertThat(event.get("durationMs").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(event.get("outcome").stringValue()).isEqualTo("PARTIAL");
        assertThat(event.at("/errorCodes/0").stringValue()).isEqualTo("FORBIDDEN");
        assertThat(event.has("traceId")).as("no trace: tracing is off").isFalse();
    }

    @Test
    void aTracedRequestsEventNamesItsTraceBesideItsRequestId() throws Exception {
        StringWriter out = new StringWriter();
        try (JsonLinesAuditSink sink = new JsonLinesAuditSink(out)) {
            sink.record(supportEvent("r-1", "4bf92f3577b34da6a3ce929d0e0e4736"));
        }

        JsonNode event = JSON.readTree(out.toString());
        assertThat(event.get("requestId").stringValue()).isEqualTo("r-1");
        assertThat(event.get("traceId").stringValue()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void holdsNoDataValueAndNoSubjectAttributeValue() {
        String json = supportEvent("r-1").toJson();

        assertThat(json).doesNotContain("EMEA", "4711", "team-emea", "'EMEA'");
        assertThat(json).doesNotContain("\n");
    }

    @Test
    void appendsToAFileAndLinesNeverInterleave() throws Exception {
        Path log = directory.resolve("audit.jsonl");
        Files.writeString(log, "{\"earlier\":true}\n");
        int threads = 8;
        int perThread = 50;
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.appendingTo(log);
                ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int id = thread;
                futures.add(executor.submit(() -> {
                    for (int index = 0; index < perThread; index++) {
                        sink.record(supportEvent("r-" + id + "-" + index));
                    }
                }));
            }
            for (java.util.concurrent.Future<?> future : futures) {
                future.get();
            }
        }

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(1 + threads * perThread);
        for (String line : lines) {
            assertThat(JSON.readTree(line).isObject()).isTrue();
        }
    }

    @Test
    void aClosedSinkRefusesEvents() {
        JsonLinesAuditSink sink = new JsonLinesAuditSink(new StringWriter());
        sink.close();
        sink.close();

        assertThatThrownBy(() -> sink.record(supportEvent("r-1"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theInMemoryAndLoggingSinksTakeEvents() {
        InMemoryAuditSink memory = new InMemoryAuditSink();
        memory.record(supportEvent("r-1"));
        assertThat(memory.events()).extracting(AuditEvent::requestId).containsExactly("r-1");
        memory.close();
        assertThatThrownBy(() -> memory.record(supportEvent("r-2"))).isInstanceOf(IllegalStateException.class);

        try (AuditSink logging = AuditSinks.logging()) {
            logging.record(supportEvent("r-3"));
        }
    }

    /** A support user's query of three customer fields, decided by the demo policies. */
    private static AuditEvent supportEvent(String requestId) {
        return supportEvent(requestId, null);
    }

    private static AuditEvent supportEvent(String requestId, String traceId) {
        Decisions decisions = DECISIONS;
        assertThat(decisions.dataset(CUSTOMERS).rowFilter().text()).as("the bound filter has the value")
                .contains("EMEA");
        AuditDataset customers = AuditDataset.of(decisions.dataset(CUSTOMERS),
                List.of("customer_id", "phone", "birth_date"), List.of("customer_id", "region"), 17);
        return new AuditEvent(Instant.parse("2026-11-02T10:15:30.123Z"), requestId, traceId,
                AuditSubject.of(SUPPORT),
                AuditOperation.of("Customers", "query Customers { crm { customers { nodes { email } } } }"),
                "graphql", List.of(customers), Duration.ofMillis(12).plusNanos(500_000), AuditOutcome.PARTIAL,
                List.of("FORBIDDEN"));
    }
}

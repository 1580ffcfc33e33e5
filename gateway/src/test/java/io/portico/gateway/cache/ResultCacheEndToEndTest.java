package io.portico.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portico.flight.StatementLog;
import io.portico.flight.demo.DemoDomain;
import io.portico.gateway.demo.DemoMesh;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The result cache in the real gateway over HTTP, with the embedded demo mesh (real Flight SQL ports over DuckDB),
 * the demo policies and real demo JWTs: cached answers equal uncached ones for every demo role; no cached entry
 * carries one subject's masked or row-filtered data to another (a property test over generated queries); an
 * invalidation by the owning domain is visible to the next request, and only the owning domain may make one; one
 * port statement answers many concurrent identical requests; the admin endpoint is the platform's; the meters are
 * at {@code /actuator/prometheus}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "portico.demo.enabled=true",
        "portico.demo.seed=42",
        "portico.demo.scale=0.01",
        "portico.ports.retry-interval=500ms",
        "portico.cache.enabled=true",
        // The result cache alone: whole answers would answer the repeated asks these tests count port answers of
        // (AnswerCacheEndToEndTest runs both).
        "portico.cache.answers.enabled=false",
        // The demo contracts state a latency of 2 s (their freshness); the tests must not race it.
        "portico.cache.ttl.crm-customers-port=10m",
        "portico.cache.ttl.sales-orders-port=10m",
        "portico.cache.ttl.logistics-shipments-port=10m"})
class ResultCacheEndToEndTest {

    private static final String CRM = "crm-customers-port";

    @LocalServerPort
    int port;

    @Autowired
    ResultCache cache;

    @Autowired
    DemoMesh mesh;

    @Autowired
    MeterRegistry meters;

    @Autowired
    CacheInvalidationSynchronizer synchronizer;

    private CacheHttp http;
    private Map<String, String> subjects;

    @BeforeEach
    void connect() {
        http = new CacheHttp(port);
        subjects = new java.util.LinkedHashMap<>();
        subjects.put("steward", http.token("cache-steward", List.of("steward"), Map.of(), List.of()));
        subjects.put("analyst", http.token("cache-analyst", List.of("analyst"), Map.of(), List.of()));
        subjects.put("support EMEA", http.token("cache-support-emea", List.of("support"), Map.of("region", "EMEA"),
                List.of()));
        subjects.put("support AMER", http.token("cache-support-amer", List.of("support"), Map.of("region", "AMER"),
                List.of()));
        subjects.put("anonymous", null);
    }

    @Test
    void cachedAndUncachedAnswersAreIdenticalForEveryRoleOfTheDemo() {
        List<String> queries = List.of(
                "{ crm { customers(first: 25) { totalCount nodes { " + String.join(" ", GeneratedQueries.CUSTOMER_FIELDS) + " } } } }",
                "{ sales { orders(first: 10, where: {status: {eq: \"SHIPPED\"}}) { totalCount nodes { orderId"
                        + " customerId status totalAmount customer { fullName email region } } } } }",
                "{ crm { customers(first: 5, orderBy: [{signupDate: DESC}]) { nodes { customerId phone } } } }");
        for (Map.Entry<String, String> subject : subjects.entrySet()) {
            for (String query : queries) {
                cache.clear();
                JsonNode uncached = http.graphQl(query, subject.getValue());
                double hits = hits();

                JsonNode cached = http.graphQl(query, subject.getValue());

                assertThat(hits()).as("%s: the second answer came from the cache", subject.getKey())
                        .isGreaterThan(hits);
                assertThat(cached).as("%s: %s", subject.getKey(), query).isEqualTo(uncached);
            }
        }
    }

    @Test
    void noCachedEntryCarriesOneSubjectsDataToAnother() {
        Random random = new Random(20261207);
        List<String> names = List.copyOf(subjects.keySet());
        double shared = 0;
        for (int index = 0; index < 60; index++) {
            String query = GeneratedQueries.customers(random);
            String first = names.get(random.nextInt(names.size()));
            String second = names.get(random.nextInt(names.size()));
            if (first.equals(second)) {
                second = names.get((names.indexOf(first) + 1) % names.size());
            }
            cache.clear();
            JsonNode uncached = http.graphQl(query, subjects.get(second));
            cache.clear();
            http.graphQl(query, subjects.get(first));
            double hits = hits();

            JsonNode afterOther = http.graphQl(query, subjects.get(second));

            shared += hits() - hits;
            assertThat(afterOther).as("query %d as %s after %s: %s", index, second, first, query)
                    .isEqualTo(uncached);
        }
        assertThat(shared).as("entries were shared between subjects (steward and analyst read the same statements)")
                .isGreaterThan(5);
    }

    @Test
    void anInvalidationByTheOwningDomainIsVisibleToTheNextRequest() throws Exception {
        String steward = subjects.get("steward");
        String query = "{ crm { customers(first: 1, where: {customerId: {eq: 7}}) { nodes { customerId segment } } } }";
        String before = CrmCustomers.segmentOf(http.graphQl(query, steward));
        try {
            CrmCustomers.execute(mesh, "update customers set segment = 'REFRESHED' where customer_id = 7");
            assertThat(CrmCustomers.segmentOf(http.graphQl(query, steward))).as("cached, not yet refreshed").isEqualTo(before);

            CacheHttp.Answer invalidated = http.post("/api/ports/" + CRM + "/invalidate", publisher("crm"));

            assertThat(invalidated.status()).as("%s", invalidated.body()).isEqualTo(200);
            assertThat(invalidated.body().path("portId").asString()).isEqualTo(CRM);
            assertThat(invalidated.body().path("droppedEntries").asInt()).isPositive();
            assertThat(CrmCustomers.segmentOf(http.graphQl(query, steward))).isEqualTo("REFRESHED");
        } finally {
            CrmCustomers.execute(mesh, "update customers set segment = '" + before + "' where customer_id = 7");
            cache.invalidate(CRM);
        }
    }

    @Test
    void anInvalidationMadeHereIsNotAppliedASecondTimeWhenThePollReadsItBack() {
        String query = "{ crm { customers(first: 4343) { nodes { customerId segment } } } }";
        StatementLog log = mesh.port(DemoDomain.CRM).port().statementLog();
        synchronizer.stop(); // this test runs the poll itself, after the load
        try {
            assertThat(http.post("/api/ports/" + CRM + "/invalidate", publisher("crm")).status()).isEqualTo(200);
            http.graphQl(query, subjects.get("steward"));

            synchronizer.synchronizeNow();
            http.graphQl(query, subjects.get("steward"));
        } finally {
            synchronizer.start();
        }

        assertThat(log.entries().stream().filter(entry -> entry.sql().contains(" 4344")).count())
                .as("statements for two asks around the poll that read this gateway's own invalidation back")
                .isEqualTo(1);
    }

    @Test
    void onlyTheOwningDomainMayInvalidateAPort() {
        CacheHttp.Answer otherDomain = http.post("/api/ports/" + CRM + "/invalidate", publisher("sales"));
        assertThat(otherDomain.status()).isEqualTo(403);
        assertThat(otherDomain.body().path("code").asString()).isEqualTo("FORBIDDEN");

        CacheHttp.Answer unknown = http.post("/api/ports/no-such-port/invalidate", publisher("crm"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("code").asString()).isEqualTo("NOT_FOUND");

        assertThat(http.post("/api/ports/" + CRM + "/invalidate", null).status()).isEqualTo(401);

        String mutation = "mutation { invalidatePortCache(id: \"" + CRM + "\") { portId domain epoch } }";
        JsonNode accepted = http.graphQl(mutation, publisher("crm"));
        assertThat(accepted.path("data").path("invalidatePortCache").path("domain").asString()).as("%s", accepted)
                .isEqualTo("crm");
        assertThat(CrmCustomers.codes(http.graphQl(mutation, publisher("sales")))).containsExactly("FORBIDDEN");
        assertThat(CrmCustomers.codes(http.graphQl(mutation, null))).containsExactly("UNAUTHENTICATED");
        assertThat(CrmCustomers.codes(http.graphQl("mutation { invalidatePortCache(id: \"nope\") { portId } }",
                publisher("crm")))).containsExactly("NOT_FOUND");
    }

    @Test
    void concurrentIdenticalRequestsMakeOnePortStatement() throws Exception {
        cache.clear();
        String marker = "4242";
        String query = "{ crm { customers(first: " + marker + ") { nodes { customerId region segment } } } }";
        StatementLog log = mesh.port(DemoDomain.CRM).port().statementLog();
        int requests = 24;
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int index = 0; index < requests; index++) {
                answers.add(clients.submit(() -> {
                    go.await();
                    return http.graphQl(query, subjects.get("analyst"));
                }));
            }
            go.countDown();
            JsonNode first = answers.getFirst().get(30, TimeUnit.SECONDS);
            for (Future<JsonNode> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(first);
            }
        } finally {
            clients.shutdownNow();
        }
        long statements = log.entries().stream()
                .filter(entry -> entry.sql().contains(" " + (Integer.parseInt(marker) + 1)))
                .count();
        assertThat(statements).as("statements the crm port received for %d identical requests", requests)
                .isEqualTo(1);
    }

    @Test
    void theAdminEndpointIsThePlatformsAndTheMetersAreAtPrometheus() {
        http.graphQl("{ crm { customers(first: 3) { nodes { customerId } } } }", subjects.get("analyst"));
        http.graphQl("{ crm { customers(first: 3) { nodes { customerId } } } }", subjects.get("analyst"));
        String platform = http.token("cache-operator", List.of("platform"), Map.of(), List.of());

        assertThat(http.get("/api/admin/cache", subjects.get("analyst")).status()).isEqualTo(403);
        assertThat(http.get("/api/admin/cache", null).status()).isEqualTo(401);
        CacheHttp.Answer inspected = http.get("/api/admin/cache", platform);
        assertThat(inspected.status()).isEqualTo(200);
        JsonNode crm = inspected.body().path("ports").path(CRM);
        assertThat(crm.path("entries").asLong()).as("%s", inspected.body()).isPositive();
        assertThat(crm.path("bytes").asLong()).isPositive();
        assertThat(crm.path("hits").asLong()).isPositive();

        String metrics = http.prometheus();
        assertThat(metrics).contains("portico_cache_hits_total{port=\"" + CRM + "\"}",
                "portico_cache_misses_total{port=\"" + CRM + "\"}",
                "portico_cache_loads_seconds_count{port=\"" + CRM + "\"}",
                "portico_cache_held_bytes{port=\"" + CRM + "\"}",
                "portico_cache_entries{port=\"" + CRM + "\"}");

        assertThat(http.delete("/api/admin/cache", subjects.get("analyst")).status()).isEqualTo(403);
        CacheHttp.Answer cleared = http.delete("/api/admin/cache", platform);
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.body().path("droppedEntries").asInt()).isPositive();
        assertThat(cache.holdings()).isEmpty();
    }

    private String publisher(String domain) {
        return http.token("ci-" + domain, List.of("publisher"), Map.of(), List.of(domain));
    }

    private double hits() {
        return meters.find(ResultCacheMeters.HITS).counters().stream().mapToDouble(Counter::count).sum();
    }
}

package io.portico.benchmarks.harness;

import io.portico.flight.demo.DemoDomain;
import io.portico.gateway.PorticoApplication;
import io.portico.gateway.demo.DemoMesh;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nested relationship queries against the demo mesh: latency over HTTP and the number of statements each port
 * received per request (read from the demo ports' statement logs, which is why the gateway runs in this JVM, with
 * its own registry in a temporary folder).
 *
 * <p>Workloads: 100 orders with their {@code customerId} (no relationship, the baseline); the same 100 orders with
 * {@code customer { fullName region }} and {@code shipments { nodes { carrier } }} (sales -> crm, sales <- logistics);
 * 100 customers with {@code orders(first: 5)}, one page per customer. With N+1 resolution the nested query would
 * send 201 statements; batched it sends one per port.
 *
 * <p>Run: {@code ./portico bench nested [--scale S] [--warmups N] [--iterations N]} (defaults 1.0, 20, 200).
 */
public final class NestedQueryHarness {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String FLAT = "{ sales { orders(first: 100) { nodes { orderId customerId } } } }";
    static final String NESTED = """
            { sales { orders(first: 100) { nodes {
                orderId customer { fullName region } shipments { nodes { carrier } }
            } } } }""";
    static final String PER_PARENT_PAGES = """
            { crm { customers(first: 100) { nodes { customerId orders(first: 5) { nodes { orderId totalAmount } } } } } }""";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    private final DemoMesh demo;
    private String token;

    private NestedQueryHarness(URI base, DemoMesh demo) {
        this.base = base;
        this.demo = demo;
    }

    public static void main(String[] arguments) throws Exception {
        double scale = 1.0;
        int warmups = 20;
        int iterations = 200;
        for (int index = 0; index + 1 < arguments.length; index += 2) {
            switch (arguments[index]) {
                case "--scale" -> scale = Double.parseDouble(arguments[index + 1]);
                case "--warmups" -> warmups = Integer.parseInt(arguments[index + 1]);
                case "--iterations" -> iterations = Integer.parseInt(arguments[index + 1]);
                default -> throw new IllegalArgumentException("unknown option " + arguments[index]
                        + "; options: --scale S, --warmups N, --iterations N");
            }
        }
        Path work = Files.createTempDirectory("portico-bench-nested");
        SpringApplication application = new SpringApplication(PorticoApplication.class);
        try (ConfigurableApplicationContext context = application.run(
                "--spring.profiles.active=demo", "--server.port=0", "--portico.demo.scale=" + scale,
                "--portico.demo.data-dir=" + work.resolve("demo"),
                "--spring.datasource.url=jdbc:h2:file:" + work.resolve("registry/portico") + ";WRITE_DELAY=0",
                "--logging.level.root=WARN")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            NestedQueryHarness harness = new NestedQueryHarness(URI.create("http://127.0.0.1:" + port),
                    context.getBean(DemoMesh.class));
            harness.run(scale, warmups, iterations);
        }
    }

    private void run(double scale, int warmups, int iterations) throws IOException, InterruptedException {
        token = JSON.readTree(post("/demo/token", "{\"roles\":[\"steward\"]}", null)).path("token").asString();
        List<String> lines = new ArrayList<>();
        lines.add("| workload | runs | p50 ms | p90 ms | p99 ms | statements per request (sales / crm / logistics) |");
        lines.add("|---|---|---|---|---|---|");
        lines.add(measure("100 orders, no relationship", FLAT, warmups, iterations));
        lines.add(measure("100 orders -> customer -> shipments", NESTED, warmups, iterations));
        lines.add(measure("100 customers -> orders(first: 5) each", PER_PARENT_PAGES, warmups, iterations));
        System.out.printf(Locale.ROOT, "%nPortico nested-query harness: demo scale %s, %d cores, Java %s%n%n",
                scale, Runtime.getRuntime().availableProcessors(), Runtime.version());
        lines.forEach(System.out::println);
    }

    private String measure(String name, String query, int warmups, int iterations)
            throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("query", query));
        JsonNode first = JSON.readTree(post("/graphql", body, token));
        if (first.has("errors")) {
            throw new IllegalStateException(name + " answered errors: " + first.get("errors"));
        }
        for (int warmup = 0; warmup < warmups; warmup++) {
            post("/graphql", body, token);
        }
        clearStatementLogs();
        post("/graphql", body, token);
        Map<DemoDomain, Integer> statements = statementCounts();
        long[] nanos = new long[iterations];
        for (int iteration = 0; iteration < iterations; iteration++) {
            long start = System.nanoTime();
            post("/graphql", body, token);
            nanos[iteration] = System.nanoTime() - start;
        }
        LatencySummary latency = new LatencySummary(nanos);
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %d / %d / %d |", name, latency.count(),
                latency.percentileMillis(50), latency.percentileMillis(90), latency.percentileMillis(99),
                statements.get(DemoDomain.SALES), statements.get(DemoDomain.CRM), statements.get(DemoDomain.LOGISTICS));
    }

    private void clearStatementLogs() {
        demo.ports().forEach(port -> port.port().statementLog().clear());
    }

    private Map<DemoDomain, Integer> statementCounts() {
        Map<DemoDomain, Integer> counts = new EnumMap<>(DemoDomain.class);
        demo.ports().forEach(port -> counts.put(port.domain(), port.port().statementLog().entries().size()));
        return counts;
    }

    private byte[] post(String path, String body, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered HTTP " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return response.body();
    }
}

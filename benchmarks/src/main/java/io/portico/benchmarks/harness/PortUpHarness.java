package io.portico.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 13's "from a table to a GraphQL answer in one command, under 10 seconds": for a DuckDB file and a Parquet
 * file of 1,000 orders, runs {@code ./portico port up FILE --domain D} exactly as a domain team types it (the
 * launcher, its JDK lookup and build check included, the contract drafted since none exists), then polls the
 * gateway's {@code /graphql} every 50 ms as the domain's token until the new dataset answers with rows. Prints,
 * per run, the seconds from the command's start to the port's "listening" line, to its "registered" line and to the
 * first GraphQL answer; then the median of each source. Each run publishes under a domain of its own (so every run
 * drafts, serves and publishes from nothing) and stops its port afterwards.
 *
 * <p>Run it with {@code ./portico bench portup [--runs N]}, which starts the demo gateway first.
 */
public final class PortUpHarness {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private PortUpHarness() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        URI gateway = URI.create(options.getOrDefault("--url", "http://localhost:18080"));
        Path launcher = Path.of(options.getOrDefault("--launcher", "./portico")).toAbsolutePath();
        int runs = Integer.parseInt(options.getOrDefault("--runs", "3"));
        int rows = Integer.parseInt(options.getOrDefault("--rows", "1000"));

        Path folder = Files.createTempDirectory("portico-portup-");
        Map<String, List<Run>> results = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            for (String source : List.of("duckdb", "parquet")) {
                Path runFolder = Files.createDirectories(folder.resolve(source + run));
                Path table = source.equals("duckdb") ? duckDbFile(runFolder, rows) : parquetFile(runFolder, rows);
                String domain = "up" + source + run;
                Run result = portUp(launcher, gateway, table, domain);
                System.out.printf(Locale.ROOT, "run %d %-8s listening %5.1f s, registered %5.1f s, first answer %5.1f s%n",
                        run, source, result.listening(), result.registered(), result.answered());
                results.computeIfAbsent(source, key -> new ArrayList<>()).add(result);
            }
        }
        System.out.printf(Locale.ROOT, "%n`port up` of %d rows to the first GraphQL answer, median of %d run(s):%n%n",
                rows, runs);
        System.out.println("| source | port listening | published | first GraphQL answer |");
        System.out.println("|---|---|---|---|");
        results.forEach((source, list) -> System.out.printf(Locale.ROOT, "| %s | %.1f s | %.1f s | **%.1f s** |%n",
                source, median(list, Run::listening), median(list, Run::registered), median(list, Run::answered)));
    }

    /** The seconds from the command's start to the port's "listening" and "registered" lines and the first answer. */
    private record Run(double listening, double registered, double answered) {
    }

    private static Run portUp(Path launcher, URI gateway, Path table, String domain) throws Exception {
        String token = DemoTokens.mint(gateway, Map.of("subject", "portico-bench-" + domain,
                "roles", List.of("steward"), "domains", List.of(domain), "lifetime", "1h"));
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "port", "up", table.toString(),
                "--domain", domain, "--gateway-url", gateway.toString())
                .directory(table.getParent().toFile())
                .redirectErrorStream(true);
        builder.environment().put("PORTICO_TOKEN", token);
        long start = System.nanoTime();
        Process process = builder.start();
        Map<String, Double> seen = new HashMap<>();
        Path log = table.getParent().resolve("port-up.log");
        Thread output = Thread.ofPlatform().daemon().start(() -> readLines(process, start, seen, log));
        try {
            double answered;
            try {
                answered = waitForAnswer(gateway, token, domain, start, process);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + " (the command's output: " + log + ")", e);
            }
            synchronized (seen) {
                return new Run(seen.getOrDefault("listening", Double.NaN),
                        seen.getOrDefault("registered", Double.NaN), answered);
            }
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            output.join(5_000);
        }
    }

    private static void readLines(Process process, long start, Map<String, Double> seen, Path log) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             java.io.Writer copy = Files.newBufferedWriter(log)) {
            String line;
            while ((line = lines.readLine()) != null) {
                copy.write(line + System.lineSeparator());
                copy.flush();
                double at = seconds(start);
                synchronized (seen) {
                    if (line.contains(" listening on ")) {
                        seen.putIfAbsent("listening", at);
                    } else if (line.contains("registered at ")) {
                        seen.putIfAbsent("registered", at);
                    }
                }
            }
        } catch (IOException e) {
            // the port was stopped
        }
    }

    private static double waitForAnswer(URI gateway, String token, String domain, long start, Process process)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String body = JSON.writeValueAsString(Map.of("query", "{ " + domain + " { orders(first: 1) { nodes { orderId } } } }"));
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("port up of " + domain + " exited with " + process.exitValue());
            }
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(gateway.resolve("/graphql"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                JsonNode nodes = JSON.readTree(answer.body()).path("data").path(domain).path("orders").path("nodes");
                if (nodes.isArray() && !nodes.isEmpty()) {
                    return seconds(start);
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no GraphQL answer for " + domain + " within " + DEADLINE);
    }

    private static Path duckDbFile(Path folder, int rows) throws SQLException {
        Path file = folder.resolve("shop.duckdb");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute(ordersTable(rows));
        }
        return file;
    }

    private static Path parquetFile(Path folder, int rows) throws SQLException {
        Path file = folder.resolve("orders.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute(ordersTable(rows));
            statement.execute("COPY orders TO '" + file + "' (FORMAT parquet)");
        }
        return file;
    }

    private static String ordersTable(int rows) {
        return "CREATE TABLE orders AS SELECT i AS order_id, 'customer-' || (i % 97) AS customer,"
                + " CAST(i * 1.25 AS DECIMAL(10, 2)) AS amount, DATE '2026-01-01' + CAST(i % 300 AS INTEGER) AS ordered_on"
                + " FROM range(1, " + (rows + 1) + ") t(i)";
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int index = 0; index < args.length; index++) {
            if (index + 1 >= args.length || !args[index].startsWith("--")) {
                throw new IllegalArgumentException("usage: PortUpHarness [--url GATEWAY] [--launcher PATH]"
                        + " [--runs N] [--rows N]");
            }
            options.put(args[index], args[++index]);
        }
        return options;
    }
}

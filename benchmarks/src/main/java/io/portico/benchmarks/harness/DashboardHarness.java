package io.portico.benchmarks.harness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The dashboard workload of issue 11 against a running demo gateway, from a separate JVM: 16 clients going round
 * the 20 aggregate queries of {@link DashboardQueries} for a fixed time, requests/s, p50, p99, port calls and
 * cache hits per request.
 *
 * <ul>
 *   <li>With {@code --uncached} (a gateway started with {@code portico.cache.enabled=false}): the workload, and
 *       the orders-per-status-and-month aggregate one at a time through the gateway against the same statement
 *       sent straight to the sales port ({@code --sales-port}; {@code --port-statement} to send another): the
 *       gateway's ratio.</li>
 *   <li>Otherwise (cache on): the cache is cleared ({@code --admin-token}, a platform token), then the workload
 *       cold (the first asks of each query miss) and warm; then a cached one-port query one at a time, and
 *       {@code { schemaVersion }} against the cached one-port query at 16 clients (their ratio).</li>
 * </ul>
 */
public final class DashboardHarness {

    private static final String NO_PORT = "{ schemaVersion }";

    private DashboardHarness() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        ConcurrentLoad load = new ConcurrentLoad(options.url(), options.token());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String query : DashboardQueries.ALL) {
            load.oneAtATime(query, 1);
        }
        System.out.printf(Locale.ROOT, "dashboard workload (%d aggregate queries, %d clients) against %s, %s;"
                + " load average before: %s%n", DashboardQueries.ALL.size(), options.clients(), options.url(),
                options.uncached() ? "cache off" : "cache on", GatewayMeters.loadAverage());
        if (options.uncached()) {
            workload(load, http, options, "uncached", Duration.ofSeconds(options.warmupSeconds()));
            portRatio(load, options);
        } else {
            warmUp(load, options);
            clearCache(http, options);
            workload(load, http, options, "cold (cache cleared)", Duration.ZERO);
            workload(load, http, options, "warm", Duration.ZERO);
            LatencySummary cachedOnePort = load.oneAtATime(SmallQueryHarness.ONE_PORT, options.iterations());
            LatencySummary cachedQ1 = load.oneAtATime(SmallQueryHarness.Q1, options.iterations());
            LatencySummary noPort = load.oneAtATime(NO_PORT, options.iterations());
            System.out.printf(Locale.ROOT, "  one at a time, cached   one port p50 %.3f ms  Q1 p50 %.3f ms"
                    + "  { schemaVersion } p50 %.3f ms%n", cachedOnePort.percentileMillis(50),
                    cachedQ1.percentileMillis(50), noPort.percentileMillis(50));
            double noPortRate = rate(load, NO_PORT, options);
            double onePortRate = rate(load, SmallQueryHarness.ONE_PORT, options);
            System.out.printf(Locale.ROOT, "  16 clients: { schemaVersion } %.0f requests/s, cached one-port query"
                    + " %.0f requests/s (ratio %.2f)%n", noPortRate, onePortRate, onePortRate / noPortRate);
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", GatewayMeters.loadAverage());
    }

    /** A round of every measured workload, unmeasured: the JIT needs minutes on 2 cores. */
    private static void warmUp(ConcurrentLoad load, Options options) throws Exception {
        Duration warmUp = Duration.ofSeconds(options.warmupSeconds());
        load.run(DashboardQueries.ALL, options.clients(), warmUp);
        load.run(NO_PORT, options.clients(), warmUp);
        load.run(SmallQueryHarness.ONE_PORT, options.clients(), warmUp);
    }

    private static void workload(ConcurrentLoad load, HttpClient http, Options options, String name, Duration warmUp)
            throws Exception {
        if (!warmUp.isZero()) {
            load.run(DashboardQueries.ALL, options.clients(), warmUp);
        }
        double callsBefore = GatewayMeters.sum(http, options.url(), GatewayMeters.PORT_CALLS);
        double hitsBefore = GatewayMeters.sum(http, options.url(), GatewayMeters.CACHE_HITS);
        double wholeBefore = GatewayMeters.sum(http, options.url(), GatewayMeters.ANSWER_HITS);
        ConcurrentLoad.Result result = load.run(DashboardQueries.ALL, options.clients(),
                Duration.ofSeconds(options.seconds()));
        long requests = result.latency().count();
        System.out.printf(Locale.ROOT, "  %-22s %7.0f requests/s  p50 %7.3f ms  p99 %7.3f ms  %.4f port calls/request"
                + "  %.4f cache hits/request  %.4f answered whole/request (%d requests)%n", name,
                result.requestsPerSecond(),
                result.latency().percentileMillis(50), result.latency().percentileMillis(99),
                (GatewayMeters.sum(http, options.url(), GatewayMeters.PORT_CALLS) - callsBefore) / requests,
                (GatewayMeters.sum(http, options.url(), GatewayMeters.CACHE_HITS) - hitsBefore) / requests,
                (GatewayMeters.sum(http, options.url(), GatewayMeters.ANSWER_HITS) - wholeBefore) / requests,
                requests);
    }

    private static double rate(ConcurrentLoad load, String query, Options options) throws Exception {
        load.run(query, options.clients(), Duration.ofSeconds(Math.max(1, options.warmupSeconds() / 2)));
        return load.run(query, options.clients(), Duration.ofSeconds(options.seconds())).requestsPerSecond();
    }

    /**
     * The orders-per-status-and-month aggregate one at a time through the (uncached) gateway, and its statement
     * straight to the sales port: the gateway's time over the port's.
     */
    private static void portRatio(ConcurrentLoad load, Options options) throws Exception {
        int iterations = Math.max(20, options.iterations() / 10);
        LatencySummary gateway = load.oneAtATime(DashboardQueries.ORDERS_BY_STATUS_AND_MONTH, iterations);
        if (options.salesPort() == null) {
            System.out.printf(Locale.ROOT, "  orders per status and month, one at a time: p50 %.2f ms"
                    + " (no --sales-port: no port-alone figure)%n", gateway.percentileMillis(50));
            return;
        }
        String credential = DemoPortCredential.of(options.url().resolve("/"), "sales");
        try (BufferAllocator allocator = new RootAllocator();
                FlightPull pull = new FlightPull(allocator, options.salesPort(), Optional.of(credential))) {
            FlightPull.Result direct = pull.run(options.portStatement(), 2 * iterations, iterations);
            LatencySummary again = load.oneAtATime(DashboardQueries.ORDERS_BY_STATUS_AND_MONTH, iterations);
            double gatewayMillis = Math.min(gateway.percentileMillis(50), again.percentileMillis(50));
            double portMillis = direct.latency().percentileMillis(50);
            System.out.printf(Locale.ROOT, "  orders per status and month (200,000 orders), one at a time:"
                    + " gateway p50 %.2f ms, its statement at the port alone p50 %.2f ms (%d groups): ratio %.2f%n",
                    gatewayMillis, portMillis, direct.rows(), gatewayMillis / portMillis);
        }
    }

    private static void clearCache(HttpClient http, Options options) throws Exception {
        if (options.adminToken() == null) {
            throw new IllegalArgumentException("--admin-token (a platform token) is needed to clear the cache");
        }
        HttpResponse<String> cleared = http.send(HttpRequest.newBuilder(options.url().resolve("/api/admin/cache"))
                .header("Authorization", "Bearer " + options.adminToken()).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        if (cleared.statusCode() != 200) {
            throw new IllegalStateException("clearing the cache answered " + cleared.statusCode() + ": "
                    + cleared.body());
        }
    }



    /** The harness's options. */
    private record Options(URI url, String token, String adminToken, boolean uncached, int clients, int seconds,
            int warmupSeconds, int iterations, String salesPort, String portStatement) {

        static Options parse(String[] args) {
            URI url = URI.create("http://localhost:8080/graphql");
            String token = null;
            String adminToken = null;
            boolean uncached = false;
            int clients = 16;
            int seconds = 30;
            int warmupSeconds = 30;
            int iterations = 1000;
            String salesPort = null;
            String portStatement = DashboardQueries.ORDERS_BY_STATUS_AND_MONTH_STATEMENT;
            for (int index = 0; index < args.length; index++) {
                String value = index + 1 < args.length ? args[index + 1] : null;
                switch (args[index]) {
                    case "--url" -> url = URI.create(value);
                    case "--token" -> token = value;
                    case "--admin-token" -> adminToken = value;
                    case "--uncached" -> {
                        uncached = true;
                        continue;
                    }
                    case "--clients" -> clients = Integer.parseInt(value);
                    case "--seconds" -> seconds = Integer.parseInt(value);
                    case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(value);
                    case "--iterations" -> iterations = Integer.parseInt(value);
                    case "--sales-port" -> salesPort = value;
                    case "--port-statement" -> portStatement = value;
                    case "--help", "-h" -> {
                        System.out.println("DashboardHarness [--url URL] [--token T] [--admin-token T] [--uncached]"
                                + " [--clients 16] [--seconds 30] [--warmup-seconds 30] [--iterations 1000]"
                                + " [--sales-port grpc+tcp://HOST:PORT --port-statement SQL]");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[index]);
                }
                index++;
            }
            return new Options(url, token, adminToken, uncached, clients, seconds, warmupSeconds, iterations,
                    salesPort, portStatement);
        }
    }
}

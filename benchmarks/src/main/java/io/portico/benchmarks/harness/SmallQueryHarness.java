package io.portico.benchmarks.harness;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Small concurrent queries against a running demo gateway, from a separate process: what dashboards and apps send
 * (issue "one read path at wire speed"). For each workload, a warm-up long enough to reach the compiled steady
 * state, then a fixed time of closed-loop load; it prints requests/s, p50, p99 and the port calls per request (read
 * from the gateway's {@code portico_port_calls_seconds_count} meter), then the one-at-a-time latency of the same
 * queries, and the machine's load average before and after.
 *
 * <ul>
 *   <li>Q1, 16 clients: 10 orders with their customers (two ports).</li>
 *   <li>Q3, 4 clients: 100 orders with their customers, with the email (two ports).</li>
 *   <li>one port: 10 orders alone; and {@code { schemaVersion }}, which calls no port (the HTTP, security and
 *       GraphQL layers alone).</li>
 *   <li>with {@code --sales-port}: the one-port query's statement sent straight to the sales port, one at a time,
 *       so the gateway's own share of the one-port query shows.</li>
 * </ul>
 *
 * <p>Run: {@code ./portico bench small [--seconds 20] [--warmup-seconds 20] [--iterations 300] [--warmup-runs 1]}
 * ({@code --warmup-runs}: unmeasured rounds of every workload first, for the JIT; the launcher starts
 * the demo gateway and passes {@code --url} and a steward {@code --token}).
 */
public final class SmallQueryHarness {

    static final String Q1 = "{ sales { orders(first: 10) { nodes { orderId totalAmount customer { fullName region } } } } }";
    static final String Q3 = "{ sales { orders(first: 100) { nodes { orderId totalAmount"
            + " customer { fullName email region } } } } }";
    static final String ONE_PORT = "{ sales { orders(first: 10) { nodes { orderId totalAmount } } } }";
    static final String NO_PORT = "{ schemaVersion }";
    /** The statement the demo gateway sends the sales port for {@link #ONE_PORT} (steward: no row filter). */
    static final String ONE_PORT_STATEMENT =
            "select \"order_id\", \"total_amount\" from \"orders\" order by \"order_id\" asc limit 11";

    private SmallQueryHarness() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        ConcurrentLoad load = new ConcurrentLoad(options.url(), options.token());
        HttpClient http = ConcurrentLoad.newClient();
        load.send(http, Q1);
        warmUp(load, options);
        System.out.printf(Locale.ROOT, "small queries against %s; load average before: %s%n", options.url(),
                GatewayMeters.loadAverage());
        concurrent(load, http, options, "Q1 10 orders + customers", Q1, 16);
        concurrent(load, http, options, "Q3 100 orders + customers", Q3, 4);
        concurrent(load, http, options, "one port, 10 orders", ONE_PORT, 16);
        concurrent(load, http, options, "{ schemaVersion }, no port", NO_PORT, 16);
        LatencySummary onePort = null;
        for (String[] single : new String[][] {{"Q1", Q1}, {"one port", ONE_PORT}, {"{ schemaVersion }", NO_PORT}}) {
            LatencySummary latency = load.oneAtATime(single[1], options.iterations());
            System.out.printf(Locale.ROOT, "  one at a time  %-28s p50 %7.2f ms  p99 %7.2f ms%n", single[0],
                    latency.percentileMillis(50), latency.percentileMillis(99));
            onePort = single[1].equals(ONE_PORT) ? latency : onePort;
        }
        if (options.salesPort() != null) {
            straightToThePort(options, onePort);
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", GatewayMeters.loadAverage());
    }

    /**
     * {@code --warmup-runs} rounds of every concurrent workload, unmeasured: on 2 cores the JIT is still compiling
     * the gateway's hot paths minutes into a run, longer than one workload's warm-up.
     */
    private static void warmUp(ConcurrentLoad load, Options options) throws Exception {
        for (int run = 1; run <= options.warmupRuns(); run++) {
            System.out.printf(Locale.ROOT, "warm-up run %d of %d (%d s per workload)%n", run, options.warmupRuns(),
                    options.warmupSeconds());
            for (String query : new String[] {Q1, Q3, ONE_PORT, NO_PORT}) {
                load.run(query, query.equals(Q3) ? 4 : 16, Duration.ofSeconds(options.warmupSeconds()));
            }
            load.oneAtATime(ONE_PORT, options.iterations());
        }
    }

    private static void concurrent(ConcurrentLoad load, HttpClient http, Options options, String name, String query,
            int clients) throws Exception {
        load.run(query, clients, Duration.ofSeconds(options.warmupSeconds()));
        double callsBefore = GatewayMeters.sum(http, options.url(), GatewayMeters.PORT_CALLS);
        ConcurrentLoad.Result result = load.run(query, clients, Duration.ofSeconds(options.seconds()));
        double calls = GatewayMeters.sum(http, options.url(), GatewayMeters.PORT_CALLS) - callsBefore;
        System.out.printf(Locale.ROOT, "  %-30s %2d clients  %7.0f requests/s  p50 %7.2f ms  p99 %7.2f ms"
                + "  %.2f port calls/request (%d requests)%n", name, clients, result.requestsPerSecond(),
                result.latency().percentileMillis(50), result.latency().percentileMillis(99),
                calls / result.latency().count(), result.latency().count());
    }



    /**
     * The one-port query's statement sent straight to the sales port (with the sales domain's credential, from the
     * demo gateway), one at a time: the port's share of the one-port query; the rest is the gateway's own.
     */
    private static void straightToThePort(Options options, LatencySummary onePort) throws Exception {
        String credential = DemoPortCredential.of(options.url().resolve("/"), "sales");
        try (BufferAllocator allocator = new RootAllocator();
                FlightPull pull = new FlightPull(allocator, options.salesPort(), Optional.of(credential))) {
            // The pulls warm this JVM's Flight client first (its code is cold, unlike the gateway's): 5 x the iterations.
            FlightPull.Result direct = pull.run(ONE_PORT_STATEMENT, 5 * options.iterations(), options.iterations());
            double portMillis = direct.latency().percentileMillis(50);
            System.out.printf(Locale.ROOT, "  one at a time  %-28s p50 %7.2f ms  p99 %7.2f ms (%d rows)%n",
                    "its statement, port alone", portMillis, direct.latency().percentileMillis(99), direct.rows());
            System.out.printf(Locale.ROOT, "  gateway's own share of the one-port query (p50 - port alone p50): %.2f ms%n",
                    onePort.percentileMillis(50) - portMillis);
        }
    }

    /** The harness's options. */
    private record Options(URI url, String token, int seconds, int warmupSeconds, int iterations, String salesPort,
            int warmupRuns) {

        static Options parse(String[] args) {
            URI url = URI.create("http://localhost:8080/graphql");
            String token = null;
            int seconds = 20;
            int warmupSeconds = 20;
            int iterations = 300;
            String salesPort = null;
            int warmupRuns = 0;
            for (int index = 0; index < args.length; index++) {
                String value = index + 1 < args.length ? args[index + 1] : null;
                switch (args[index]) {
                    case "--url" -> url = URI.create(value);
                    case "--token" -> token = value;
                    case "--seconds" -> seconds = Integer.parseInt(value);
                    case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(value);
                    case "--iterations" -> iterations = Integer.parseInt(value);
                    case "--sales-port" -> salesPort = value;
                    case "--warmup-runs" -> warmupRuns = Integer.parseInt(value);
                    case "--help", "-h" -> {
                        System.out.println("SmallQueryHarness [--url URL] [--token T] [--seconds 20]"
                                + " [--warmup-seconds 20] [--iterations 300] [--warmup-runs 0] [--sales-port grpc+tcp://HOST:PORT]");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[index]);
                }
                index++;
            }
            return new Options(url, token, seconds, warmupSeconds, iterations, salesPort, warmupRuns);
        }
    }
}

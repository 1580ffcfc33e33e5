package io.portico.benchmarks.harness;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The end-to-end harness: drives a running gateway over HTTP and its sales port over Flight SQL, and prints what a
 * client sees.
 *
 * <p>Workloads, each run one request at a time after warm-up:
 * <ul>
 *   <li>GraphQL, 1,000 rows of {@code sales.orders} with 6 columns, ordered by {@code orderId};</li>
 *   <li>GraphQL, 100,000 rows of the same (needs the default demo scale 1.0 or more: 200,000 orders);</li>
 *   <li>a direct Flight SQL pull of {@code SELECT * FROM orders} from the sales port, and of the same 6 columns,
 *       to compare the gateway's cost with the port's.</li>
 * </ul>
 * It reports latency p50/p99 (nearest rank), rows/s at the median, response bytes, Arrow MB/s, and the gateway's
 * peak resident memory ({@code VmHWM}, Linux only).
 *
 * <p>Run it with {@code ./portico bench}, which starts the demo gateway, passes the sales port's location and the
 * gateway's pid, and stops the gateway afterwards; or by hand against a running gateway (see
 * {@link HarnessOptions#USAGE}). It is not a test: the figures go to {@code docs/performance.md}.
 */
public final class EndToEndHarness {

    private static final String ORDERS_QUERY = """
            query Orders($first: Int!) {
              sales {
                orders(first: $first, orderBy: [{orderId: ASC}]) {
                  nodes { orderId customerId status currency totalAmount createdAt }
                }
              }
            }""";

    private static final List<String> FLIGHT_STATEMENTS = List.of(
            "SELECT * FROM orders",
            "SELECT order_id, customer_id, status, currency, total_amount, created_at FROM orders");

    private EndToEndHarness() {
    }

    /** Arrow 18.3's zero-copy Flight read path reaches into gRPC internals the gRPC in use no longer has. */
    private static final String ZERO_COPY_READ = "arrow.flight.enable_zero_copy_read";

    public static void main(String[] arguments) throws Exception {
        if (System.getProperty(ZERO_COPY_READ) == null) {
            System.setProperty(ZERO_COPY_READ, "false");
        }
        HarnessOptions options;
        try {
            options = HarnessOptions.parse(arguments);
        } catch (IllegalArgumentException badOptions) {
            System.err.println(badOptions.getMessage());
            System.exit(2);
            return;
        }

        GraphqlWorkload graphql = new GraphqlWorkload(options.graphqlUrl());
        System.out.printf("Waiting for the gateway at %s ...%n", options.graphqlUrl());
        graphql.awaitReady(options.waitForGateway());
        OptionalLong gatewayPid = options.gatewayPid().isPresent() ? options.gatewayPid() : ProcessMemory.findGateway();

        System.out.println("GraphQL, 1,000 rows ...");
        GraphqlWorkload.Result small = graphql.run("GraphQL sales.orders first: 1000, 6 columns", ORDERS_QUERY,
                Map.of("first", 1_000), "data.sales.orders", 1_000, options.warmups(), options.iterations());
        System.out.println("GraphQL, 100,000 rows ...");
        GraphqlWorkload.Result large = graphql.run("GraphQL sales.orders first: 100000, 6 columns", ORDERS_QUERY,
                Map.of("first", 100_000), "data.sales.orders", 100_000, options.warmups(), options.largeIterations());

        List<FlightPull.Result> pulls = List.of();
        if (options.salesPort().isPresent()) {
            System.out.println("Direct Flight SQL pulls from " + options.salesPort().get() + " ...");
            pulls = pullDirectly(options);
        }

        printReport(options, List.of(small, large), pulls, gatewayPid);
    }

    /**
     * Pulls from the sales port with its credential: {@code --port-token}, else the one the demo gateway gives the
     * sales domain's publishers (the port answers nothing else).
     */
    private static List<FlightPull.Result> pullDirectly(HarnessOptions options) throws Exception {
        String credential = options.portToken().isPresent() ? options.portToken().get()
                : DemoPortCredential.of(options.graphqlUrl().resolve("/"), "sales");
        try (BufferAllocator allocator = new RootAllocator();
                FlightPull pull = new FlightPull(allocator, options.salesPort().orElseThrow(),
                        java.util.Optional.of(credential))) {
            return FLIGHT_STATEMENTS.stream().map(sql -> runPull(pull, sql, options)).toList();
        }
    }

    private static FlightPull.Result runPull(FlightPull pull, String sql, HarnessOptions options) {
        try {
            return pull.run(sql, 2, options.flightIterations());
        } catch (Exception failure) {
            throw new IllegalStateException("Flight SQL pull of '" + sql + "' failed: " + failure.getMessage(), failure);
        }
    }

    private static void printReport(HarnessOptions options, List<GraphqlWorkload.Result> graphqlResults,
            List<FlightPull.Result> pulls, OptionalLong gatewayPid) {
        System.out.println();
        System.out.printf("Portico end-to-end harness: gateway %s, %d cores, harness on Java %s%n",
                options.graphqlUrl(), Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.println();
        System.out.println("| workload | runs | p50 ms | p99 ms | max ms | rows | rows/s at p50 | response bytes |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (GraphqlWorkload.Result result : graphqlResults) {
            System.out.println(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %,d | %,.0f | %,d |",
                    result.name(), result.latency().count(), result.latency().percentileMillis(50),
                    result.latency().percentileMillis(99), result.latency().maxMillis(), result.rows(),
                    result.rowsPerSecondAtMedian(), result.responseBytes()));
        }

        if (!pulls.isEmpty()) {
            System.out.println();
            System.out.println("| direct Flight SQL pull (sales port) | runs | p50 ms | p99 ms | rows | rows/s at p50 | Arrow MB | MB/s at p50 |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (FlightPull.Result pull : pulls) {
                System.out.println(String.format(Locale.ROOT, "| `%s` | %d | %.1f | %.1f | %,d | %,.0f | %.1f | %.0f |",
                        pull.sql(), pull.latency().count(), pull.latency().percentileMillis(50),
                        pull.latency().percentileMillis(99), pull.rows(), pull.rowsPerSecondAtMedian(),
                        pull.bytes() / 1e6, pull.megabytesPerSecondAtMedian()));
            }
        } else {
            System.out.println();
            System.out.println("(direct Flight SQL pull skipped: pass --sales-port grpc+tcp://HOST:PORT)");
        }

        System.out.println();
        if (gatewayPid.isEmpty()) {
            System.out.println("Gateway memory: not one gateway process found on this machine (none or several); pass --gateway-pid");
            return;
        }
        long pid = gatewayPid.getAsLong();
        OptionalLong peak = ProcessMemory.peakResidentKib(pid);
        OptionalLong now = ProcessMemory.residentKib(pid);
        if (peak.isEmpty()) {
            System.out.println("Gateway memory: /proc/" + pid + "/status is not readable");
            return;
        }
        System.out.println(String.format(Locale.ROOT, "Gateway (pid %d) peak RSS (VmHWM): %.0f MiB; RSS now: %.0f MiB",
                pid, peak.getAsLong() / 1024.0, now.orElse(0) / 1024.0));
    }
}

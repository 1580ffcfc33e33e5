package io.portico.benchmarks.harness;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Pulls the demo's {@code sales.orders} whole, in one run: directly from the sales port (with the sales domain's
 * port credential), through the gateway's Flight SQL endpoint as a steward (no mask applies) and as a role whose
 * policy masks two text columns, the three pulls interleaved round by round so they see the same machine. Prints
 * rows/s and Arrow MB/s at the median of each, and the gateway/direct ratios (issue 12's target: at least 0.9
 * without masks).
 *
 * <p>Run it with {@code ./portico bench flightsql}, which starts the demo gateway at scale 50 (10 million orders)
 * with its Flight SQL endpoint and a policy masking {@code status} and {@code currency} for role
 * {@code bench-masked}.
 */
public final class FlightSqlPullHarness {

    private static final String DIRECT = "SELECT * FROM orders";
    private static final String THROUGH_GATEWAY = "SELECT * FROM sales.orders";

    private FlightSqlPullHarness() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        URI gateway = URI.create(options.getOrDefault("--url", "http://localhost:18080"));
        String flight = options.getOrDefault("--flight", "grpc+tcp://localhost:18815");
        String salesPort = required(options, "--sales-port");
        int warmups = Integer.parseInt(options.getOrDefault("--warmups", "2"));
        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "5"));

        String portCredential = DemoPortCredential.of(gateway, "sales");
        String steward = DemoTokens.withRole(gateway, "steward");
        String masked = DemoTokens.withRole(gateway, "bench-masked");
        try (BufferAllocator allocator = new RootAllocator();
             FlightPull direct = new FlightPull(allocator, salesPort, Optional.of(portCredential));
             FlightPull unmasked = new FlightPull(allocator, flight, Optional.of(steward));
             FlightPull withMasks = new FlightPull(allocator, flight, Optional.of(masked))) {
            Map<String, Source> sources = new LinkedHashMap<>();
            sources.put("direct from the sales port", new Source(direct, DIRECT));
            sources.put("through the gateway, no mask (steward)", new Source(unmasked, THROUGH_GATEWAY));
            sources.put("through the gateway, 2 masked columns", new Source(withMasks, THROUGH_GATEWAY));
            for (int warmup = 0; warmup < warmups; warmup++) {
                for (Source source : sources.values()) {
                    source.pull(false);
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (Source source : sources.values()) {
                    source.pull(true);
                }
            }
            print(sources, warmups, rounds);
        }
    }

    /** One way of pulling the orders, and its measured pulls. */
    private static final class Source {
        private final FlightPull pull;
        private final String sql;
        private final List<Long> nanos = new ArrayList<>();
        private long rows;
        private long bytes;

        Source(FlightPull pull, String sql) {
            this.pull = pull;
            this.sql = sql;
        }

        void pull(boolean measured) throws Exception {
            FlightPull.Timed timed = pull.pullOnce(sql);
            rows = timed.rows();
            bytes = timed.bytes();
            if (measured) {
                nanos.add(timed.nanos());
            }
        }

        LatencySummary latency() {
            return new LatencySummary(nanos.stream().mapToLong(Long::longValue).toArray());
        }

        double megabytesPerSecond() {
            return bytes / 1e6 / (latency().percentileMillis(50) / 1000.0);
        }

        double rowsPerSecond() {
            return rows / (latency().percentileMillis(50) / 1000.0);
        }
    }

    private static void print(Map<String, Source> sources, int warmups, int rounds) {
        System.out.printf(Locale.ROOT, "%nFlight SQL pull of sales.orders, %d warm-up round(s), %d measured round(s),"
                + " interleaved; load average %s%n%n", warmups, rounds, GatewayMeters.loadAverage());
        System.out.println("| pull | rows | Arrow MB | p50 s | max s | rows/s at p50 | MB/s at p50 | vs direct |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        double directRate = sources.values().iterator().next().megabytesPerSecond();
        sources.forEach((name, source) -> System.out.printf(Locale.ROOT,
                "| %s | %,d | %,.0f | %.2f | %.2f | %,.0f | %,.0f | %.2f |%n", name, source.rows, source.bytes / 1e6,
                source.latency().percentileMillis(50) / 1000, source.latency().maxMillis() / 1000,
                source.rowsPerSecond(), source.megabytesPerSecond(), source.megabytesPerSecond() / directRate));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int index = 0; index < args.length; index++) {
            if (!args[index].startsWith("--") || index + 1 >= args.length) {
                throw new IllegalArgumentException("usage: FlightSqlPullHarness --sales-port LOCATION [--url URL]"
                        + " [--flight LOCATION] [--warmups N] [--rounds N]; got '" + args[index] + "'");
            }
            options.put(args[index], args[++index]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}

package io.portico.benchmarks.harness;

import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.ContractBuilder;
import io.portico.flight.testkit.PortProxy;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.PorticoApplication;
import io.portico.gateway.port.PortCredentials;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fan-out and throughput of cross-domain GraphQL queries, in one JVM: the three demo ports (DuckDB, in memory) each
 * behind a {@link PortProxy} (the test kit's, without its TCP relay) that adds a known latency before every result
 * stream, and the gateway started on them, queried over HTTP on loopback.
 *
 * <ol>
 *   <li><b>Fan-out.</b> With delays of (by default) 50, 100 and 150 ms, the median latency of a query of each domain
 *       alone, then of one query over all three; it prints latency / slowest port, which should be at most 1.2 (the
 *       calls run in parallel, not one after another: their sum would give about 2).</li>
 *   <li><b>Throughput.</b> Without delays, 16 clients (by default) send a small cross-domain query (5 rows of each
 *       domain) back to back for a while, after a third as long unmeasured: requests/s, p50 and p99; first against
 *       that gateway (result cache off), then against a second one on the same ports with the cache on.</li>
 * </ol>
 *
 * <p>Run: {@code ./portico bench fanout [--delays 50,100,150] [--iterations 40] [--clients 16] [--seconds 15]
 * [--scale 0.01]}.
 */
public final class FanOutHarness {

    private static final Map<DemoDomain, String> ALONE = Map.of(
            DemoDomain.SALES, "sales { orders(first: 10) { nodes { orderId status } } }",
            DemoDomain.CRM, "crm { customers(first: 10) { nodes { customerId region } } }",
            DemoDomain.LOGISTICS, "logistics { shipments(first: 10) { nodes { shipmentId carrier } } }");
    private static final String SMALL_CROSS_DOMAIN = """
            { sales { orders(first: 5) { nodes { orderId status } } }
              crm { customers(first: 5) { nodes { customerId region } } }
              logistics { shipments(first: 5) { nodes { shipmentId carrier } } } }""";

    private FanOutHarness() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Map<DemoDomain, TestPort> ports = new EnumMap<>(DemoDomain.class);
        Map<DemoDomain, PortProxy> delayed = new EnumMap<>(DemoDomain.class);
        Path contracts = Files.createTempDirectory("portico-fanout");
        try {
            byte[] key = new byte[PortCredentials.MINIMUM_KEY_BYTES];
            new SecureRandom().nextBytes(key);
            String secret = Base64.getEncoder().encodeToString(key);
            PortCredentials credentials = PortCredentials.fromSecret(secret, 1, Map.of());
            List<String> gatewayArguments = new ArrayList<>(List.of("--server.port=0",
                    "--portico.ports.credentials.secret=" + secret,
                    "--logging.level.io.portico.audit=WARN", "--logging.level.root=WARN"));
            int index = 0;
            for (DemoDomain domain : DemoDomain.values()) {
                String credential = credentials.credentialOf(domain.domain());
                TestPort port = TestPort.builder().database(DemoDatabases.inMemory(domain, 42, options.scale()))
                        .contract(ContractBuilder.demo(domain)).accepting(credential)
                        .start();
                ports.put(domain, port);
                PortProxy proxy = PortProxy.withoutRelay(port.location(), credential);
                delayed.put(domain, proxy);
                Path contract = contracts.resolve(domain.domain() + ".odcs.yaml");
                Files.writeString(contract, domain.contractDocument()
                        .replaceAll("grpc\\+tcp://[a-z-]+:\\d+", proxy.location().toString()));
                gatewayArguments.add("--portico.ports.contracts[" + index++ + "]=" + contract);
            }
            try (ConfigurableApplicationContext gateway = startGateway(gatewayArguments, "fanout")) {
                ConcurrentLoad load = new ConcurrentLoad(endpoint(gateway), null);
                fanOut(load, delayed, options);
                delayed.values().forEach(proxy -> proxy.delay(Duration.ZERO));
                throughput(load, options, "result cache off");
            }
            // The same ports behind a second gateway with the result cache on (answers kept the 2 s the demo
            // contracts' freshness says): what repeated small queries cost when the ports are seldom asked again.
            List<String> cached = new ArrayList<>(gatewayArguments);
            cached.add("--portico.cache.enabled=true");
            try (ConfigurableApplicationContext gateway = startGateway(cached, "fanout-cached")) {
                throughput(new ConcurrentLoad(endpoint(gateway), null), options, "result cache on");
            }
        } finally {
            for (PortProxy proxy : delayed.values()) {
                proxy.close();
            }
            for (TestPort port : ports.values()) {
                port.close();
            }
        }
    }

    /** A gateway on the harness's ports, with its own in-memory registry database {@code database}. */
    private static ConfigurableApplicationContext startGateway(List<String> arguments, String database) {
        List<String> all = new ArrayList<>(arguments);
        all.add("--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
        return new SpringApplicationBuilder(PorticoApplication.class).run(all.toArray(String[]::new));
    }

    private static URI endpoint(ConfigurableApplicationContext gateway) {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) gateway).getWebServer().getPort()
                + "/graphql");
    }

    private static void fanOut(ConcurrentLoad load, Map<DemoDomain, PortProxy> delayed, Options options)
            throws Exception {
        DemoDomain[] domains = DemoDomain.values();
        for (int index = 0; index < domains.length; index++) {
            delayed.get(domains[index]).delay(Duration.ofMillis(options.delays()[index]));
        }
        System.out.printf(Locale.ROOT, "fan-out: port delays %s ms, %d runs each (after %d warm-up runs)%n",
                java.util.Arrays.toString(options.delays()), options.iterations(), options.iterations() / 4);
        double slowest = 0;
        double sum = 0;
        for (DemoDomain domain : domains) {
            LatencySummary alone = load.oneAtATime("{ " + ALONE.get(domain) + " }", options.iterations());
            slowest = Math.max(slowest, alone.percentileMillis(50));
            sum += alone.percentileMillis(50);
            System.out.printf(Locale.ROOT, "  %-10s alone      p50 %7.1f ms  p99 %7.1f ms%n", domain.domain(),
                    alone.percentileMillis(50), alone.percentileMillis(99));
        }
        String all = "{ " + String.join(" ", ALONE.get(DemoDomain.SALES), ALONE.get(DemoDomain.CRM),
                ALONE.get(DemoDomain.LOGISTICS)) + " }";
        LatencySummary together = load.oneAtATime(all, options.iterations());
        System.out.printf(Locale.ROOT, "  all three  together   p50 %7.1f ms  p99 %7.1f ms%n",
                together.percentileMillis(50), together.percentileMillis(99));
        System.out.printf(Locale.ROOT, "  latency / slowest port (p50): %.2f (target <= 1.2; sequential calls would"
                + " give about %.2f)%n", together.percentileMillis(50) / slowest, sum / slowest);
    }

    private static void throughput(ConcurrentLoad load, Options options, String cache) throws Exception {
        load.oneAtATime(SMALL_CROSS_DOMAIN, 50);
        load.run(SMALL_CROSS_DOMAIN, options.clients(), Duration.ofSeconds(Math.max(1, options.seconds() / 3)));
        ConcurrentLoad.Result result = load.run(SMALL_CROSS_DOMAIN, options.clients(),
                Duration.ofSeconds(options.seconds()));
        System.out.printf(Locale.ROOT, "throughput, %s: small cross-domain query (3 ports x 5 rows), %d clients,"
                + " %d s: %.0f requests/s, p50 %.1f ms, p99 %.1f ms (%d requests)%n", cache, options.clients(),
                options.seconds(), result.requestsPerSecond(), result.latency().percentileMillis(50),
                result.latency().percentileMillis(99), result.latency().count());
    }

    /** The harness's options. */
    private record Options(long[] delays, int iterations, int clients, int seconds, double scale) {

        static Options parse(String[] args) {
            long[] delays = {50, 100, 150};
            int iterations = 40;
            int clients = 16;
            int seconds = 15;
            double scale = 0.01;
            for (int index = 0; index < args.length; index++) {
                String value = index + 1 < args.length ? args[index + 1] : null;
                switch (args[index]) {
                    case "--delays" -> delays = java.util.Arrays.stream(value.split(",")).map(String::strip)
                            .mapToLong(Long::parseLong).toArray();
                    case "--iterations" -> iterations = Integer.parseInt(value);
                    case "--clients" -> clients = Integer.parseInt(value);
                    case "--seconds" -> seconds = Integer.parseInt(value);
                    case "--scale" -> scale = Double.parseDouble(value);
                    case "--help", "-h" -> {
                        System.out.println("FanOutHarness [--delays 50,100,150] [--iterations 40] [--clients 16]"
                                + " [--seconds 15] [--scale 0.01]");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[index]);
                }
                index++;
            }
            if (delays.length != 3) {
                throw new IllegalArgumentException("--delays takes three delays in ms: sales, crm, logistics");
            }
            return new Options(delays, iterations, clients, seconds, scale);
        }
    }
}

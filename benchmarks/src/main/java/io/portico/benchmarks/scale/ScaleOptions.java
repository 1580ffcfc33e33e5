package io.portico.benchmarks.scale;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Command-line options of the {@link RegistryScaleHarness}.
 *
 * @param gateway           the gateway's base URL
 * @param ports             how many products (contracts, datasets, tables) to generate and register
 * @param concurrency       concurrent registration clients
 * @param productsPerDomain products of one domain (1,000 at 20 a domain: 50 domains)
 * @param rows              rows in each generated table
 * @param tablesPerPort     tables one Flight SQL port serves at most; 0: one port per domain serves all of its
 *                          tables (a port belongs to one domain, so it never serves two domains' tables)
 * @param token             one token naming every generated domain; empty: one demo token per domain
 * @param gatewayLog        the gateway's log file, for its schema build times; empty: not reported
 * @param gatewayPid        the gateway's process id, for heap and RSS; empty: not reported
 * @param recording         where the gateway's Java Flight Recorder recording of the registrations goes; empty: none
 * @param republications    times the last contract is republished (patch versions) to sample the rebuild time
 * @param warmups           unmeasured small queries before the measured ones
 * @param iterations        measured small queries
 * @param waitForGateway    how long to wait for the gateway to answer at start
 */
record ScaleOptions(
        URI gateway,
        int ports,
        int concurrency,
        int productsPerDomain,
        int rows,
        int tablesPerPort,
        Optional<String> token,
        Optional<Path> gatewayLog,
        OptionalLong gatewayPid,
        Optional<Path> recording,
        int republications,
        int warmups,
        int iterations,
        Duration waitForGateway) {

    static final String USAGE = """
            Usage: RegistryScaleHarness [options]
              --url URL                  the gateway (default http://localhost:8080)
              --ports N                  generated ports to register, one dataset of 20 fields each (default 1000)
              --concurrency C            concurrent registration clients (default 8)
              --products-per-domain P    products of one domain (default 20: 1,000 ports are 50 domains x 20)
              --rows R                   rows in each generated table (default 10)
              --tables-per-port T        tables one Flight SQL port serves at most (default 0: one port per
                                         domain; a port belongs to one domain and never serves two domains')
              --token TOKEN              a bearer token naming every generated domain (default: one demo token
                                         per domain from POST /demo/token; the demo gateway only)
              --gateway-log FILE         the gateway's log, for its schema build times ("built in X ms")
              --gateway-pid PID          the gateway's process, for heap after a full GC (jcmd) and RSS
              --jfr FILE                 record the gateway with Java Flight Recorder (profile settings) while
                                         the ports register (needs --gateway-pid); read it with `jfr print`
              --republish K              republish the last contract K times (1.0.1, 1.0.2, ...), one at a time,
                                         for more samples of the rebuild time at N ports (default 5)
              --warmups N                unmeasured small queries (default 20)
              --iterations N             measured small queries (default 200)
              --wait-seconds N           wait this long for the gateway to answer (default 180)
            The gateway must be able to reach this JVM's port on 127.0.0.1 (run both on one machine).
            """;

    ScaleOptions {
        requireAtLeast(ports, 2, "--ports");
        requireAtLeast(concurrency, 1, "--concurrency");
        requireAtLeast(productsPerDomain, 1, "--products-per-domain");
        requireAtLeast(rows, 10, "--rows");
        requireAtLeast(tablesPerPort, 0, "--tables-per-port");
        requireAtLeast(republications, 0, "--republish");
        requireAtLeast(warmups, 0, "--warmups");
        requireAtLeast(iterations, 1, "--iterations");
        if (recording.isPresent() && gatewayPid.isEmpty()) {
            throw new IllegalArgumentException("--jfr needs --gateway-pid");
        }
    }

    static ScaleOptions parse(String... arguments) {
        URI gateway = URI.create("http://localhost:8080");
        int ports = 1_000;
        int concurrency = 8;
        int productsPerDomain = 20;
        int rows = 10;
        int tablesPerPort = 0;
        Optional<String> token = Optional.empty();
        Optional<Path> gatewayLog = Optional.empty();
        OptionalLong gatewayPid = OptionalLong.empty();
        Optional<Path> recording = Optional.empty();
        int republications = 5;
        int warmups = 20;
        int iterations = 200;
        Duration wait = Duration.ofSeconds(180);
        for (int index = 0; index < arguments.length; index++) {
            String name = arguments[index];
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (index + 1 >= arguments.length) {
                throw new IllegalArgumentException("option " + name + " needs a value\n" + USAGE);
            }
            String value = arguments[++index];
            switch (name) {
                case "--url" -> gateway = URI.create(value);
                case "--ports" -> ports = Integer.parseInt(value);
                case "--concurrency" -> concurrency = Integer.parseInt(value);
                case "--products-per-domain" -> productsPerDomain = Integer.parseInt(value);
                case "--rows" -> rows = Integer.parseInt(value);
                case "--tables-per-port" -> tablesPerPort = Integer.parseInt(value);
                case "--token" -> token = Optional.of(value);
                case "--gateway-log" -> gatewayLog = Optional.of(Path.of(value));
                case "--gateway-pid" -> gatewayPid = OptionalLong.of(Long.parseLong(value));
                case "--jfr" -> recording = Optional.of(Path.of(value));
                case "--republish" -> republications = Integer.parseInt(value);
                case "--warmups" -> warmups = Integer.parseInt(value);
                case "--iterations" -> iterations = Integer.parseInt(value);
                case "--wait-seconds" -> wait = Duration.ofSeconds(Long.parseLong(value));
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        return new ScaleOptions(gateway, ports, concurrency, productsPerDomain, rows, tablesPerPort, token,
                gatewayLog, gatewayPid, recording, republications, warmups,
                iterations, wait);
    }

    /** Tables one port serves: {@link #tablesPerPort}, or all of them. */
    int tablesPerPortOrAll() {
        return tablesPerPort == 0 ? ports : Math.min(tablesPerPort, ports);
    }

    private static void requireAtLeast(int value, int minimum, String option) {
        if (value < minimum) {
            throw new IllegalArgumentException(option + " must be at least " + minimum + ", was " + value);
        }
    }
}

package io.portico.benchmarks.harness;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Command-line options of the {@link EndToEndHarness}.
 *
 * @param graphqlUrl        the gateway's GraphQL endpoint
 * @param salesPort         the sales port's Flight SQL location for the direct pull; empty skips the pull
 * @param gatewayPid        the gateway's process id for its peak RSS; empty finds it by its command line
 * @param portToken         the sales port's credential; empty: the demo gateway's credential of the sales domain
 * @param warmups           GraphQL warm-up requests per query
 * @param iterations        measured GraphQL requests of the 1,000-row query
 * @param largeIterations   measured GraphQL requests of the 100,000-row query
 * @param flightIterations  measured direct Flight SQL pulls
 * @param waitForGateway    how long to wait for the gateway to answer before giving up
 */
record HarnessOptions(
        URI graphqlUrl,
        Optional<String> salesPort,
        OptionalLong gatewayPid,
        Optional<String> portToken,
        int warmups,
        int iterations,
        int largeIterations,
        int flightIterations,
        Duration waitForGateway) {

    static final String USAGE = """
            Usage: EndToEndHarness [options]
              --url URL                 GraphQL endpoint (default http://localhost:8080/graphql)
              --sales-port LOCATION     sales port for the direct Flight SQL pull, e.g. grpc+tcp://127.0.0.1:40123
                                        (the demo gateway prints it at start; without it the pull is skipped)
              --gateway-pid PID         gateway process for peak RSS (default: found by its command line)
              --port-token CREDENTIAL   the sales port's credential (default: the demo gateway gives it to a
                                        demo token of the sales domain, GET /api/port-credentials/sales)
              --warmups N               warm-up requests per GraphQL query (default 20)
              --iterations N            measured requests of the 1k-row query (default 50)
              --large-iterations N      measured requests of the 100k-row query (default 10)
              --flight-iterations N     measured direct Flight SQL pulls (default 5)
              --wait-seconds N          wait this long for the gateway to answer (default 180)
            """;

    HarnessOptions {
        requirePositive(warmups, "--warmups", true);
        requirePositive(iterations, "--iterations", false);
        requirePositive(largeIterations, "--large-iterations", false);
        requirePositive(flightIterations, "--flight-iterations", false);
    }

    static HarnessOptions parse(String... arguments) {
        URI url = URI.create("http://localhost:8080/graphql");
        Optional<String> salesPort = Optional.empty();
        OptionalLong gatewayPid = OptionalLong.empty();
        Optional<String> portToken = Optional.empty();
        int warmups = 20;
        int iterations = 50;
        int largeIterations = 10;
        int flightIterations = 5;
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
                case "--url" -> url = URI.create(value);
                case "--sales-port" -> salesPort = Optional.of(value);
                case "--gateway-pid" -> gatewayPid = OptionalLong.of(Long.parseLong(value));
                case "--port-token" -> portToken = Optional.of(value);
                case "--warmups" -> warmups = Integer.parseInt(value);
                case "--iterations" -> iterations = Integer.parseInt(value);
                case "--large-iterations" -> largeIterations = Integer.parseInt(value);
                case "--flight-iterations" -> flightIterations = Integer.parseInt(value);
                case "--wait-seconds" -> wait = Duration.ofSeconds(Long.parseLong(value));
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        return new HarnessOptions(url, salesPort, gatewayPid, portToken, warmups, iterations, largeIterations,
                flightIterations, wait);
    }

    private static void requirePositive(int value, String option, boolean zeroAllowed) {
        if (value < 0 || (value == 0 && !zeroAllowed)) {
            throw new IllegalArgumentException(option + " must be " + (zeroAllowed ? "0 or more" : "at least 1")
                    + ", was " + value);
        }
    }
}

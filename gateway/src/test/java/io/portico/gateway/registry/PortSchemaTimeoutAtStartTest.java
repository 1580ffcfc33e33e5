package io.portico.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.demo.DemoDatabases;
import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.ContractBuilder;
import io.portico.flight.testkit.PortProxy;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.PorticoApplication;
import io.portico.gateway.testing.TestPortCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A port whose schema fetch hangs when the gateway starts (a {@link PortProxy} in front of a real port, sending
 * nothing on the GetTables stream until the gateway gives up after {@code portico.ports.schema-timeout}) is DOWN at
 * start; every retry that fails logs one line with the port, its address and the reason, and once the port answers
 * it is UP within seconds, although the configured retry interval is half a minute: the retries back off from one
 * second. Before, a failed retry logged nothing and the port came back only after the full retry interval.
 */
@ExtendWith(OutputCaptureExtension.class)
class PortSchemaTimeoutAtStartTest {

    private static final String PORT_ID = "crm-customers-port";
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(30);

    @TempDir
    Path contracts;

    @Test
    void aPortWhoseSchemaFetchTimedOutAtStartIsUpWithinSecondsOfAnsweringAndEveryFailedRetryIsLogged(
            CapturedOutput output) throws Exception {
        try (TestPort crm = TestPortCredentials.testPort().database(DemoDatabases.inMemory(DemoDomain.CRM, 7, 0.002))
                .contract(ContractBuilder.demo(DemoDomain.CRM)).start();
             PortProxy hanging = PortProxy.inFrontOf(crm.location(),
                     TestPortCredentials.credentialOf(DemoDomain.CRM.domain()))) {
            hanging.hang();
            Path contract = contracts.resolve("crm.odcs.yaml");
            Files.writeString(contract, DemoDomain.CRM.contractDocument()
                    .replaceAll("grpc\\+tcp://[a-z-]+:\\d+", hanging.url()));
            try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(PorticoApplication.class).run(
                    "--server.port=0",
                    "--portico.ports.contracts[0]=" + contract.toUri(),
                    "--portico.ports.schema-timeout=1s",
                    "--portico.ports.retry-interval=" + RETRY_INTERVAL.toSeconds() + "s")) {
                PortRegistry registry = gateway.getBean(PortRegistry.class);
                assertThat(registry.statuses()).extracting(PortStatus::state).containsExactly(PortStatus.State.DOWN);

                // 1 s, then 2 s after the first failed retry (each retry hangs for the 1 s schema timeout).
                await(() -> failedRetries(output, hanging.url()).size() >= 2, Duration.ofSeconds(15),
                        "two failed retries logged");
                hanging.reset();
                long answering = System.nanoTime();
                await(() -> registry.statuses().getFirst().up(), Duration.ofSeconds(10),
                        "the port UP after it answers");
                System.out.printf("UP %d ms after the port answered%n", (System.nanoTime() - answering) / 1_000_000);

                List<String> failures = failedRetries(output, hanging.url());
                assertThat(failures).allSatisfy(line -> assertThat(line)
                        .contains(PORT_ID, "(crm)", hanging.url(), "did not answer in time"));
                int loggedWhenUp = failures.size();
                assertThat(registry.retryDownPorts()).isEmpty();
                assertThat(failedRetries(output, hanging.url())).hasSize(loggedWhenUp);
            }
        }
    }

    /** The log lines of retries that left the port down. */
    private static List<String> failedRetries(CapturedOutput output, String address) {
        return output.getOut().lines()
                .filter(line -> line.contains("port '" + PORT_ID + "'") && line.contains("is still down, retried"))
                .filter(line -> line.contains(address))
                .toList();
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("%s within %s", what, timeout).isTrue();
    }
}

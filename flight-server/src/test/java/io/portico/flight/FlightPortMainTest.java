package io.portico.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.ContractBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlightPortMainTest {

    @Test
    void hasDefaultsForEverythingButTheContractAndTheCredential() {
        FlightPortArguments arguments = parse("--demo", "sales");
        assertThat(arguments.demo()).isEqualTo(DemoDomain.SALES);
        assertThat(arguments.contract()).isNull();
        assertThat(arguments.database()).isEqualTo("duckdb:memory");
        assertThat(arguments.host()).as("this machine only, unless told otherwise").isEqualTo("127.0.0.1");
        assertThat(arguments.port()).isEqualTo(31337);
        assertThat(arguments.seed()).isEqualTo(42);
        assertThat(arguments.scale()).isEqualTo(1.0);
        assertThat(arguments.batchRows()).isEqualTo(65_536);
        assertThat(arguments.sessionPool()).isEqualTo(FlightPortConfig.DEFAULT_SESSION_POOL_SIZE);
        assertThat(arguments.statementCache()).isEqualTo(FlightPortConfig.DEFAULT_STATEMENT_CACHE_SIZE);
        assertThat(arguments.duckDbPath()).isNull();
        assertThat(arguments.tls()).isNull();
    }

    @Test
    void readsEveryOption() {
        FlightPortArguments arguments = FlightPortArguments.parse(new String[] {
                "--contract", "/contracts/sales.odcs.yaml", "--database", "jdbc:postgresql://db/sales", "--user", "port",
                "--host", "127.0.0.1", "--port", "0", "--seed", "7", "--scale", "0.5", "--batch-rows", "1024",
                "--session-pool", "3", "--statement-cache", "0"},
                Map.of(FlightPortArguments.PASSWORD_VARIABLE, "from-the-environment",
                        FlightPortArguments.CREDENTIALS_VARIABLE, TestCredentials.PORT));
        assertThat(arguments.contract()).isEqualTo(Path.of("/contracts/sales.odcs.yaml"));
        assertThat(arguments.database()).isEqualTo("jdbc:postgresql://db/sales");
        assertThat(arguments.user()).isEqualTo("port");
        assertThat(arguments.password()).isEqualTo("from-the-environment");
        assertThat(arguments.host()).isEqualTo("127.0.0.1");
        assertThat(arguments.port()).isZero();
        assertThat(arguments.seed()).isEqualTo(7);
        assertThat(arguments.scale()).isEqualTo(0.5);
        assertThat(arguments.batchRows()).isEqualTo(1024);
        assertThat(arguments.sessionPool()).isEqualTo(3);
        assertThat(arguments.statementCache()).isZero();
        assertThat(arguments.toString()).doesNotContain("from-the-environment").doesNotContain(TestCredentials.PORT);
        assertThat(parse("--demo", "crm", "--database", "duckdb:/data/crm.duckdb").duckDbPath())
                .isEqualTo("/data/crm.duckdb");
    }

    @Test
    void explainsWhatIsWrongWithACommandLine() {
        assertThatThrownBy(() -> parse()).hasMessage("give --contract FILE or --demo DOMAIN");
        assertThatThrownBy(() -> parse("--demo", "sales", "--port")).hasMessage("--port needs a value");
        assertThatThrownBy(() -> parse("--demo", "sales", "--port", "http")).hasMessage("--port needs a whole number, got 'http'");
        assertThatThrownBy(() -> parse("--demo", "sales", "--port", "70000")).hasMessage("--port must be between 0 and 65535, got 70000");
        assertThatThrownBy(() -> parse("--demo", "sales", "--verbose", "yes")).hasMessage("unknown option --verbose");
        assertThatThrownBy(() -> parse("--demo", "finance")).hasMessageContaining("unknown demo domain 'finance'");
        assertThatThrownBy(() -> parse("--demo", "sales", "--database", "jdbc:postgresql://db/sales"))
                .hasMessageContaining("--demo generates its data with DuckDB");
        assertThatThrownBy(() -> parse("--contract", "c.yaml", "--database", "mysql://db")).hasMessageContaining("--database must be");
        assertThatThrownBy(() -> parse("--demo", "sales", "--scale", "0")).hasMessage("--scale must be a positive number, got 0.0");
        assertThatThrownBy(() -> parse("--demo", "sales", "--session-pool", "-1"))
                .hasMessage("--session-pool must not be negative, got -1");
        assertThatThrownBy(() -> parse("--demo", "sales", "--statement-cache", "many"))
                .hasMessage("--statement-cache needs a whole number, got 'many'");
        assertThat(parse("--help").help()).isTrue();
    }

    @Test
    void needsTheCredentialFromAFileTheEnvironmentOrTheGatewayNeverFromTheCommandLine() {
        assertThatThrownBy(() -> FlightPortArguments.parse(new String[] {"--demo", "sales"}, Map.of()))
                .hasMessageStartingWith("the port needs the port credential of its domain")
                .hasMessageContaining("--credential-file FILE").hasMessageContaining("PORTICO_PORT_CREDENTIALS");
        assertThatThrownBy(() -> parse("--demo", "sales", "--credential", "secret-on-the-command-line"))
                .hasMessageStartingWith("--credential is not an option").hasMessageNotContaining("secret-on");
        assertThat(FlightPortArguments.parse(new String[] {"--demo", "sales", "--credential-file", "/run/sales"},
                Map.of()).credentialFile()).isEqualTo(Path.of("/run/sales"));
        assertThat(FlightPortArguments.parse(new String[] {"--demo", "sales"},
                Map.of(FlightPortArguments.CREDENTIAL_FILE_VARIABLE, "/run/secrets/sales")).credentialFile())
                .isEqualTo(Path.of("/run/secrets/sales"));
        assertThat(FlightPortArguments.parse(new String[] {"--demo", "sales", "--gateway-url", "http://gateway:8080"},
                Map.of("PORTICO_GATEWAY_TOKEN", "token")).hasConfiguredCredentials()).isFalse();
        assertThatThrownBy(() -> parse("--demo", "sales", "--tls-cert", "port.pem"))
                .hasMessage("give --tls-cert and --tls-key together");
    }

    @Test
    void readsTheCredentialsOfAFileAndOfTheEnvironmentTogether(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("sales.credential");
        Files.writeString(file, "# the sales port credential, and the next one while rotating\n"
                + TestCredentials.PORT + "\n\n" + TestCredentials.OTHER_DOMAIN + "\n");
        FlightPortArguments arguments = FlightPortArguments.parse(new String[] {"--demo", "sales", "--credential-file",
                file.toString()}, Map.of(FlightPortArguments.CREDENTIALS_VARIABLE, "third-credential-of-sales-0003"));
        io.portico.flight.auth.AcceptedCredentials credentials = FlightPortMain.credentials(arguments,
                ContractBuilder.demo(DemoDomain.SALES));
        assertThat(credentials.size()).isEqualTo(3);
        assertThat(credentials.accepts(TestCredentials.PORT)).isTrue();
        assertThat(credentials.accepts("third-credential-of-sales-0003")).isTrue();
        assertThat(credentials.toString()).doesNotContain(TestCredentials.PORT);

        Files.writeString(file, "short\n");
        assertThatThrownBy(() -> FlightPortMain.credentials(FlightPortArguments.parse(new String[] {"--demo", "sales",
                "--credential-file", file.toString()}, Map.of()), ContractBuilder.demo(DemoDomain.SALES)))
                .hasMessageContaining("credential file " + file).hasMessageContaining("at least 16 characters")
                .hasMessageNotContaining("short");
    }

    @Test
    void startsADemoPortFromTheCommandLine(@TempDir Path directory) throws Exception {
        Path database = directory.resolve("crm.duckdb");
        String[] args = {"--demo", "crm", "--database", "duckdb:" + database, "--host", "127.0.0.1", "--port", "0",
                "--scale", "0.01", "--batch-rows", "64"};
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (FlightPortMain.RunningPort running = FlightPortMain.launch(parse(args), new PrintStream(printed, true, StandardCharsets.UTF_8));
             RootAllocator allocator = new RootAllocator();
             FlightSqlClient client = new FlightSqlClient(TestCredentials.client(allocator, running.port().location()))) {
            Location location = running.port().location();
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("generated demo data for crm (seed 42, scale 0.01)")
                    .contains("output port crm-customers-port (domain crm, version 1.0.0) listening on " + location.getUri())
                    .contains("dataset customers -> table ");
            try (FlightStream stream = client.getStream(client.execute("SELECT count(*) FROM customers")
                    .getEndpoints().getFirst().getTicket())) {
                assertThat(stream.next()).isTrue();
                assertThat(stream.getRoot().getVector(0).getObject(0)).isEqualTo(200L);
            }
        }
        assertThat(Files.exists(database)).isTrue();

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        try (FlightPortMain.RunningPort running = FlightPortMain.launch(parse(args), new PrintStream(again, true, StandardCharsets.UTF_8))) {
            assertThat(again.toString(StandardCharsets.UTF_8)).contains("demo table customers exists in duckdb:" + database + "; keeping it");
            assertThat(running.port().publishedTables()).extracting(PublishedTable::name).isEqualTo(List.of("customers"));
        }
    }

    @Test
    void refusesToStartWhenTheContractsTableIsMissing(@TempDir Path directory) throws Exception {
        Path contract = directory.resolve("sales.odcs.yaml");
        Files.writeString(contract, DemoDomain.SALES.contractDocument());
        assertThatThrownBy(() -> FlightPortMain.launch(parse("--contract", contract.toString(), "--port", "0"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .hasMessageContaining("dataset 'orders' of contract sales-orders-port: table 'orders' does not exist");
    }

    private static FlightPortArguments parse(String... args) {
        return FlightPortArguments.parse(args, Map.of(FlightPortArguments.CREDENTIALS_VARIABLE, TestCredentials.PORT));
    }
}

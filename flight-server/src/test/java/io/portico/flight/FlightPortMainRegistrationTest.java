package io.portico.flight;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.portico.flight.registration.FakeGateway;
import io.portico.flight.registration.FakeGateway.Reply;
import io.portico.flight.registration.FakeGateway.Request;
import io.portico.flight.testkit.Poll;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code --gateway-url}/{@code --gateway-token}: the port registers its contract once it listens, and when the
 * contract file changes it serves the new contract on the same address and registers it again; a changed contract
 * that is invalid, or that the database cannot serve, is not registered and the port keeps its contract; one the
 * gateway refuses is served no longer: the port serves the version the gateway accepted again.
 */
class FlightPortMainRegistrationTest {

    private static final Reply PUBLISHED = new Reply(201,
            FakeGateway.result("ACCEPTED", "PUBLISHED", "published", "[]"));

    private static String contract(String version, boolean withParts, String table) {
        return contract(version, withParts, table, "grpc+tcp://127.0.0.1:31337");
    }

    private static String contract(String version, boolean withParts, String table, String flightSqlUrl) {
        String parts = withParts ? """
                  - name: parts
                    properties:
                      - name: part_id
                        logicalType: integer
                """ : "";
        return """
                apiVersion: v3.1.0
                kind: DataContract
                id: lab-port
                version: %s
                status: active
                domain: lab
                dataProduct: gadgets
                servers:
                  - server: lab
                    type: custom
                    customProperties:
                      - property: flightSqlUrl
                        value: %s
                schema:
                  - name: gadgets
                    physicalName: %s
                    properties:
                      - name: gadget_id
                        logicalType: integer
                %s""".formatted(version, flightSqlUrl, table, parts);
    }

    @Test
    void registersAtStartAndAgainWhenTheContractChanges(@TempDir Path directory) throws Exception {
        Path database = directory.resolve("lab.duckdb");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE gadgets (gadget_id BIGINT)");
            statement.execute("CREATE TABLE parts (part_id BIGINT)");
        }
        Path contractFile = directory.resolve("lab.odcs.yaml");
        String first = contract("1.0.0", false, "gadgets");
        Files.writeString(contractFile, first);

        try (FakeGateway gateway = FakeGateway.start(0, PUBLISHED)) {
            FlightPortArguments arguments = FlightPortArguments.parse(new String[] {"--contract", contractFile.toString(),
                    "--database", "duckdb:" + database, "--host", "127.0.0.1", "--port", "0",
                    "--gateway-url", gateway.url().toString()}, Map.of("PORTICO_GATEWAY_TOKEN", "lab-token",
                    FlightPortArguments.CREDENTIALS_VARIABLE, TestCredentials.PORT));
            try (FlightPortMain.RunningPort running = FlightPortMain.launch(arguments,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
                URI location = running.port().location().getUri();
                FlightPortMain.registerWithGateway(arguments, running, Duration.ofMillis(200));

                Request registration = gateway.next();
                assertThat(registration.body()).isEqualTo(first);
                assertThat(registration.header("Authorization")).isEqualTo("Bearer lab-token");

                String second = contract("1.1.0", true, "gadgets");
                Files.writeString(contractFile, second);
                assertThat(gateway.next().body()).isEqualTo(second);
                assertThat(running.port().contract().version()).isEqualTo("1.1.0");
                assertThat(running.port().publishedTables()).extracting(PublishedTable::name)
                        .containsExactly("gadgets", "parts");
                assertThat(running.port().location().getUri()).as("the same address").isEqualTo(location);

                Files.writeString(contractFile, "not: [a contract");
                Thread.sleep(1000);
                Files.writeString(contractFile, contract("1.2.0", false, "gizmos"));
                Thread.sleep(1500);
                assertThat(gateway.pending()).as("neither is registered").isZero();
                assertThat(running.port().contract().version()).isEqualTo("1.1.0");
                assertThat(running.port().location().getUri()).isEqualTo(location);
            }
        }
    }

    /**
     * The user's scenario: the port serves gadgets and parts and is registered; the team edits the contract into a
     * breaking change (parts removed, same major version) and the gateway refuses it. The port serves the version
     * the gateway accepted again (both tables, on the same address) and logs the refusal and what it serves.
     */
    @Test
    void aChangedContractTheGatewayRefusesIsNotServedTheAcceptedVersionIs(@TempDir Path directory) throws Exception {
        Path database = gadgetsAndParts(directory);
        Path contractFile = directory.resolve("lab.odcs.yaml");
        Files.writeString(contractFile, contract("1.0.0", true, "gadgets"));
        Reply refused = new Reply(409, FakeGateway.result("REFUSED", "INCOMPATIBLE",
                "version 1.1.0 breaks version 1.0.0 without a new major version",
                "[{\"path\":\"$.schema[1]\",\"problem\":\"dataset parts removed\",\"expected\":\"2.0.0\"}]"));
        ListAppender<ILoggingEvent> log = capture();
        try (FakeGateway gateway = FakeGateway.start(0, PUBLISHED, refused)) {
            FlightPortArguments arguments = arguments(contractFile, database, gateway.url().toString());
            try (FlightPortMain.RunningPort running = FlightPortMain.launch(arguments,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
                URI location = running.port().location().getUri();
                FlightPortMain.registerWithGateway(arguments, running, Duration.ofMillis(200));
                assertThat(gateway.next()).as("the first registration").isNotNull();

                Files.writeString(contractFile, contract("1.1.0", false, "gadgets"));
                assertThat(gateway.next().body()).as("the breaking change is registered").contains("1.1.0");

                Poll.until("the port serves the accepted version again", Duration.ofSeconds(10),
                        () -> running.port().contract().version().equals("1.0.0"));
                assertThat(running.port().publishedTables()).extracting(PublishedTable::name)
                        .containsExactly("gadgets", "parts");
                assertThat(running.port().location().getUri()).as("the same address").isEqualTo(location);
                assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).anySatisfy(message ->
                        assertThat(message).contains("refused contract lab-port version 1.1.0", "409 INCOMPATIBLE",
                                "breaks version 1.0.0", "serves version 1.0.0 again"));
            }
        } finally {
            release(log);
        }
    }

    /** Without {@code --gateway-url} the contract file is watched too: a changed contract is served. */
    @Test
    void withoutAGatewayAChangedContractIsServed(@TempDir Path directory) throws Exception {
        Path database = gadgetsAndParts(directory);
        Path contractFile = directory.resolve("lab.odcs.yaml");
        Files.writeString(contractFile, contract("1.0.0", false, "gadgets"));
        FlightPortArguments arguments = arguments(contractFile, database, null);
        try (FlightPortMain.RunningPort running = FlightPortMain.launch(arguments,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            FlightPortMain.registerWithGateway(arguments, running, Duration.ofMillis(200));

            Files.writeString(contractFile, contract("1.1.0", true, "gadgets"));

            Poll.until("the port serves the changed contract", Duration.ofSeconds(10),
                    () -> running.port().contract().version().equals("1.1.0"));
            assertThat(running.port().publishedTables()).extracting(PublishedTable::name)
                    .containsExactly("gadgets", "parts");
        }
    }

    /**
     * {@code --port} other than the port of the contract's {@code flightSqlUrl}: the gateway would call the URL and
     * refuse the registration; the port says so when it starts, naming both.
     */
    @Test
    void aPortListeningElsewhereThanItsFlightSqlUrlSaysSoAtStart(@TempDir Path directory) throws Exception {
        Path database = gadgetsAndParts(directory);
        Path contractFile = directory.resolve("lab.odcs.yaml");
        int published = FakeGateway.freePort();
        Files.writeString(contractFile, contract("1.0.0", false, "gadgets", "grpc+tcp://127.0.0.1:" + published));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (FlightPortMain.RunningPort running = FlightPortMain.launch(arguments(contractFile, database, null),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            int listening = running.port().location().getUri().getPort();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("WARNING: the contract's flightSqlUrl"
                    + " grpc+tcp://127.0.0.1:" + published + " names TCP port " + published
                    + ", but this port listens on " + listening, "Start with --port " + published);
        }

        ByteArrayOutputStream agreeing = new ByteArrayOutputStream();
        FlightPortArguments onItsPort = FlightPortArguments.parse(new String[] {"--contract", contractFile.toString(),
                "--database", "duckdb:" + database, "--host", "127.0.0.1", "--port", String.valueOf(published)},
                Map.of(FlightPortArguments.CREDENTIALS_VARIABLE, TestCredentials.PORT));
        try (FlightPortMain.RunningPort running = FlightPortMain.launch(onItsPort,
                new PrintStream(agreeing, true, StandardCharsets.UTF_8))) {
            assertThat(agreeing.toString(StandardCharsets.UTF_8)).doesNotContain("WARNING");
        }
    }

    private static Path gadgetsAndParts(Path directory) throws Exception {
        Path database = directory.resolve("lab.duckdb");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE gadgets (gadget_id BIGINT)");
            statement.execute("CREATE TABLE parts (part_id BIGINT)");
        }
        return database;
    }

    private static FlightPortArguments arguments(Path contractFile, Path database, String gatewayUrl) {
        List<String> arguments = new ArrayList<>(List.of("--contract", contractFile.toString(),
                "--database", "duckdb:" + database, "--host", "127.0.0.1", "--port", "0"));
        if (gatewayUrl != null) {
            arguments.addAll(List.of("--gateway-url", gatewayUrl));
        }
        return FlightPortArguments.parse(arguments.toArray(String[]::new), Map.of("PORTICO_GATEWAY_TOKEN",
                "lab-token", FlightPortArguments.CREDENTIALS_VARIABLE, TestCredentials.PORT));
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(FlightPortMain.class)).addAppender(appender);
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(FlightPortMain.class)).detachAppender(appender);
    }

    @Test
    void aGatewayUrlNeedsAToken() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FlightPortArguments.parse(new String[] {
                        "--demo", "sales", "--gateway-url", "http://gateway:8080"}, Map.of()))
                .hasMessage("--gateway-url needs a token: give --gateway-token TOKEN or set PORTICO_GATEWAY_TOKEN");
        FlightPortArguments arguments = FlightPortArguments.parse(new String[] {"--demo", "sales", "--gateway-url",
                "http://gateway:8080", "--gateway-token", "abc"}, Map.of());
        assertThat(arguments.gatewayUrl()).isEqualTo(URI.create("http://gateway:8080"));
        assertThat(arguments.gatewayToken()).isEqualTo("abc");
        assertThat(arguments.toString()).doesNotContain("abc");
    }
}

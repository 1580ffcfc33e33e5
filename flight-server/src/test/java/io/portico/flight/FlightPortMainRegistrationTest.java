package io.portico.flight;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.registration.FakeGateway;
import io.portico.flight.registration.FakeGateway.Reply;
import io.portico.flight.registration.FakeGateway.Request;
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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --gateway-url}/{@code --gateway-token}: the port registers its contract once it listens, and when the
 * contract file changes it serves the new contract on the same address and registers it again; a changed contract
 * that is invalid, or that the database cannot serve, is not registered and the port keeps its contract.
 */
class FlightPortMainRegistrationTest {

    private static final Reply PUBLISHED = new Reply(201,
            FakeGateway.result("ACCEPTED", "PUBLISHED", "published", "[]"));

    private static String contract(String version, boolean withParts, String table) {
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
                        value: grpc+tcp://127.0.0.1:31337
                schema:
                  - name: gadgets
                    physicalName: %s
                    properties:
                      - name: gadget_id
                        logicalType: integer
                %s""".formatted(version, table, parts);
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

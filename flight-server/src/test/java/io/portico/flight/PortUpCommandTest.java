package io.portico.flight;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.registration.FakeGateway;
import io.portico.flight.registration.FakeGateway.Reply;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code port up}: drafts the contract beside the table when there is none, keeps the team's contract when there
 * is one, and serves the table and registers the contract as {@code port serve --gateway-url} does.
 */
class PortUpCommandTest {

    private static final Reply PUBLISHED = new Reply(201, FakeGateway.result("ACCEPTED", "PUBLISHED", "published", "[]"));
    private static final Map<String, String> ENVIRONMENT = Map.of("PORTICO_GATEWAY_TOKEN", "shop-token",
            FlightPortArguments.CREDENTIALS_VARIABLE, TestCredentials.PORT);

    @TempDir
    Path folder;

    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(messages, true, StandardCharsets.UTF_8);

    @Test
    void draftsTheContractBesideTheTableServesItAndRegistersIt() throws Exception {
        Path file = folder.resolve("shop.duckdb");
        createShop(file);

        try (FakeGateway gateway = FakeGateway.start(0, PUBLISHED)) {
            List<String> serve = PortUpCommand.prepare(new String[] {file.toString(), "--domain", "shop",
                    "--product", "orders", "--gateway-url", gateway.url().toString()}, ENVIRONMENT, System.out, err);

            Path contract = folder.resolve("shop.odcs.yaml");
            assertThat(contract).isRegularFile();
            assertThat(messages.toString(StandardCharsets.UTF_8)).contains("drafted the contract " + contract);
            OutputPortContract drafted = ContractParser.parse(Files.readString(contract));
            assertThat(drafted.id()).isEqualTo("shop-orders");
            assertThat(serve).containsSequence("--contract", contract.toString())
                    .containsSequence("--database", "duckdb:" + file.toAbsolutePath())
                    .containsSequence("--gateway-url", gateway.url().toString());
            int port = Integer.parseInt(serve.get(serve.indexOf("--port") + 1));
            assertThat(drafted.flightServer().orElseThrow().flightSqlUrl()).contains("grpc+tcp://127.0.0.1:" + port);

            FlightPortArguments arguments = FlightPortArguments.parse(serve.toArray(String[]::new), ENVIRONMENT);
            try (RootAllocator allocator = new RootAllocator();
                 FlightPortMain.RunningPort running = FlightPortMain.launch(arguments, err)) {
                FlightPortMain.registerWithGateway(arguments, running, Duration.ofMillis(200));
                assertThat(gateway.next().body()).isEqualTo(Files.readString(contract));
                assertThat(running.port().location().getUri().getPort()).isEqualTo(port);
                try (FlightSqlClient client = new FlightSqlClient(TestCredentials.client(allocator,
                        running.port().location()))) {
                    assertThat(count(client, "SELECT count(*) FROM orders")).isEqualTo(2);
                }
            }
        }
    }

    @Test
    void keepsTheTeamsContractAndItsAddress() throws Exception {
        Path file = folder.resolve("shop.duckdb");
        createShop(file);
        List<String> first = PortUpCommand.prepare(new String[] {file.toString(), "--port", "31999"}, ENVIRONMENT,
                System.out, err);
        Path contract = folder.resolve("shop.odcs.yaml");
        String edited = Files.readString(contract).replace("TODO: what this data product holds and what it is for.",
                "Orders of the shop.");
        Files.writeString(contract, edited);

        List<String> second = PortUpCommand.prepare(new String[] {file.toString()}, ENVIRONMENT, System.out, err);

        assertThat(Files.readString(contract)).isEqualTo(edited);
        assertThat(first).containsSequence("--port", "31999");
        assertThat(second).containsSequence("--port", "31999").containsSequence("--contract", contract.toString());
    }

    @Test
    void servesAFolderOfParquetFiles() throws Exception {
        Path data = Files.createDirectory(folder.resolve("exports"));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT range AS order_id FROM range(5)) TO '" + data.resolve("orders.parquet")
                    + "' (FORMAT parquet)");
        }
        List<String> serve = PortUpCommand.prepare(new String[] {data.toString(), "--port", "0"}, ENVIRONMENT,
                System.out, err);
        assertThat(data.resolve("exports.odcs.yaml")).isRegularFile();
        assertThat(ContractParser.parse(Files.readString(data.resolve("exports.odcs.yaml"))).id())
                .as("one table: the data product is named after it").isEqualTo("exports-orders");
        assertThat(serve).containsSequence("--database", "files:" + data.toAbsolutePath());

        FlightPortArguments arguments = FlightPortArguments.parse(serve.toArray(String[]::new), ENVIRONMENT);
        try (RootAllocator allocator = new RootAllocator();
             FlightPortMain.RunningPort running = FlightPortMain.launch(arguments, err);
             FlightSqlClient client = new FlightSqlClient(TestCredentials.client(allocator, running.port().location()))) {
            assertThat(count(client, "SELECT count(*) FROM orders")).isEqualTo(5);
        }
    }

    private static void createShop(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (order_id BIGINT PRIMARY KEY, email VARCHAR NOT NULL)");
            statement.execute("INSERT INTO orders VALUES (1, 'ada@example.com'), (2, 'alan@example.net')");
        }
    }

    private static long count(FlightSqlClient client, String sql) throws Exception {
        FlightInfo info = client.execute(sql);
        try (FlightStream stream = client.getStream(info.getEndpoints().getFirst().getTicket())) {
            return ((Number) Rows.read(stream).getFirst().getFirst()).longValue();
        }
    }
}

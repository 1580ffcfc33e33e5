package io.portico.flight;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.draft.ContractDrafter;
import io.portico.flight.draft.DataFiles;
import io.portico.flight.draft.TableSource;
import io.portico.flight.testkit.Poll;
import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.OutputPortContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serving must not lock the owning team out of its own data. A DuckDB file is served read-only, a connection per
 * statement ({@link PortDatabase.DuckDbFile}), while a writer in another process updates it; Parquet files are
 * re-read when replaced ({@link DataFiles}).
 */
class DuckDbFileServingTest {

    private static final int UPDATES = 40;

    @TempDir
    Path folder;

    @Test
    void aWriterInAnotherProcessUpdatesTheFileWhileThePortIsQueried() throws Exception {
        Path file = folder.resolve("team.duckdb");
        execute("jdbc:duckdb:" + file, "CREATE TABLE counters (id BIGINT PRIMARY KEY, value BIGINT NOT NULL)",
                "INSERT INTO counters VALUES (1, 0)");
        OutputPortContract contract = draft(file.toString());

        try (RootAllocator allocator = new RootAllocator();
             FlightPort port = FlightPort.start(FlightPortConfig.of(contract, PortDatabase.duckDbFile(file),
                     TestCredentials.accepted()), allocator);
             FlightSqlClient client = new FlightSqlClient(TestCredentials.client(allocator, port.location()))) {
            assertThat(value(client)).isZero();

            Process writer = javaProcess(DuckDbWriterProcess.class, file.toString(), Integer.toString(UPDATES));
            List<Long> seen = new ArrayList<>();
            while (writer.isAlive()) {
                seen.add(value(client));
            }
            String output = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.exitValue()).as("the writer's output: %s", output).isZero();
            assertThat(output).startsWith("done " + UPDATES);

            assertThat(value(client)).isEqualTo(UPDATES);
            assertThat(seen).as("the port read while the writer wrote, each answer a committed value").isNotEmpty()
                    .isSorted().allSatisfy(value -> assertThat(value).isBetween(0L, (long) UPDATES));
        }
    }

    @Test
    void theFileIsFreeBetweenStatements() throws Exception {
        Path file = folder.resolve("team.duckdb");
        execute("jdbc:duckdb:" + file, "CREATE TABLE counters (id BIGINT PRIMARY KEY, value BIGINT NOT NULL)",
                "INSERT INTO counters VALUES (1, 0)");
        OutputPortContract contract = draft(file.toString());

        try (RootAllocator allocator = new RootAllocator();
             FlightPort port = FlightPort.start(FlightPortConfig.of(contract, PortDatabase.duckDbFile(file),
                     TestCredentials.accepted()), allocator);
             FlightSqlClient client = new FlightSqlClient(TestCredentials.client(allocator, port.location()))) {
            assertThat(value(client)).isZero();
            // a writer that does not retry: the port must hold no lock once its statement is done
            execute("jdbc:duckdb:" + file, "UPDATE counters SET value = 7");
            assertThat(value(client)).isEqualTo(7);
        }
    }

    @Test
    void parquetFilesAreReadAgainWhenReplaced() throws Exception {
        Path data = Files.createDirectory(folder.resolve("exports"));
        Path parquet = data.resolve("counters.parquet");
        writeParquet(parquet, 1);
        OutputPortContract contract = draft(data.toString());

        try (RootAllocator allocator = new RootAllocator();
             DuckDBConnection views = DataFiles.at(data).open();
             FlightPort port = FlightPort.start(FlightPortConfig.of(contract, PortDatabase.duckDb(views),
                     TestCredentials.accepted()), allocator);
             FlightSqlClient client = new FlightSqlClient(TestCredentials.client(allocator, port.location()))) {
            assertThat(value(client)).isEqualTo(1);

            Path next = Files.createTempDirectory(folder, "next").resolve("counters.parquet");
            writeParquet(next, 2);
            Files.move(next, parquet, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

            assertThat(Poll.value("the replaced file served", Duration.ofSeconds(10), () -> value(client),
                    value -> value == 2)).isEqualTo(2);
        }
    }

    @Test
    void filesServedAsViewsCannotReachOtherFiles() throws Exception {
        Path data = Files.createDirectory(folder.resolve("exports"));
        writeParquet(data.resolve("counters.parquet"), 1);
        Path secret = Files.writeString(folder.resolve("secret.csv"), "a\nsecret\n");

        try (DuckDBConnection views = DataFiles.at(data).open(); Statement statement = views.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> statement.executeQuery("SELECT * FROM read_csv('" + secret + "')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Permission Error");
        }
    }

    private static OutputPortContract draft(String source) throws SQLException {
        return ContractParser.parse(new ContractDrafter().draft(TableSource.parse(source, null, null), null, "team",
                "counters", "grpc+tcp://127.0.0.1:31337"));
    }

    private static long value(FlightSqlClient client) {
        FlightInfo info = client.execute("SELECT value FROM counters");
        try (FlightStream stream = client.getStream(info.getEndpoints().getFirst().getTicket())) {
            List<List<Object>> rows = Rows.read(stream);
            assertThat(rows).hasSize(1);
            return ((Number) rows.getFirst().getFirst()).longValue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeParquet(Path file, long value) throws SQLException {
        execute("jdbc:duckdb:", "COPY (SELECT 1::BIGINT AS id, " + value + "::BIGINT AS value) TO '" + file
                + "' (FORMAT parquet)");
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Runs {@code main} of {@code mainClass} in a new JVM on this test's class path. */
    static Process javaProcess(Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}

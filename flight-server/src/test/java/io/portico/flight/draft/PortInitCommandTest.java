package io.portico.flight.draft;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.schema.contract.ContractParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of {@code port init}: output, exit codes, and what it refuses. */
class PortInitCommandTest {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsTheDraftOrWritesItWithoutOverwriting() throws Exception {
        Path file = folder.resolve("shop.duckdb");
        ContractDrafterTest.execute("jdbc:duckdb:" + file, ContractDrafterTest.SHOP);

        assertThat(run(file.toString(), "--table", "orders", "--port", "32000")).isZero();
        assertThat(ContractParser.parse(out.toString(StandardCharsets.UTF_8)).id()).isEqualTo("shop-orders");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("grpc+tcp://127.0.0.1:32000");

        Path contract = folder.resolve("shop.odcs.yaml");
        assertThat(run(file.toString(), "--domain", "Web Shop", "--out", contract.toString())).isZero();
        assertThat(ContractParser.parse(Files.readString(contract)).domain()).isEqualTo("web-shop");
        assertThat(run(file.toString(), "--out", contract.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("exists; give --force to overwrite it");
        assertThat(run(file.toString(), "--out", contract.toString(), "--force")).isZero();
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThat(run(folder.resolve("missing.duckdb").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such DuckDB file");
        assertThat(run(folder.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("holds no .parquet or .csv file");
        assertThat(run("shop.duckdb", "--colour", "red")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --colour");
        assertThat(run()).isEqualTo(2);
    }

    @Test
    void aMissingTableIsNamed() throws Exception {
        Path file = folder.resolve("shop.duckdb");
        ContractDrafterTest.execute("jdbc:duckdb:" + file, ContractDrafterTest.SHOP);

        assertThat(run(file.toString(), "--table", "invoices")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no table 'invoices' in the source");
    }

    private int run(String... args) {
        return PortInitCommand.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}

package io.portico.flight.draft;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.schema.contract.ContractParser;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.FieldContract;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.RelationshipContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drafts from real sources made in the test: a DuckDB file, a Parquet file and a folder of Parquet and CSV files
 * (written by DuckDB's COPY), and an H2 database over JDBC. Every draft parses as Portico's contract and validates
 * against the official ODCS v3.1 JSON Schema.
 */
class ContractDrafterTest {

    private static final String URL = "grpc+tcp://127.0.0.1:31337";

    @TempDir
    Path folder;

    private final ContractDrafter drafter = new ContractDrafter();

    @Test
    void draftsEveryTableOfADuckDbFileWithKeysRelationshipsAndSuggestions() throws Exception {
        Path file = folder.resolve("shop.duckdb");
        execute("jdbc:duckdb:" + file, SHOP);

        String yaml = drafter.draft(TableSource.parse(file.toString(), null, null), null, "shop", "orders", URL);

        assertThat(OdcsSchema.errors(yaml)).isEmpty();
        OutputPortContract contract = ContractParser.parse(yaml);
        assertThat(contract.id()).isEqualTo("shop-orders");
        assertThat(contract.domain()).isEqualTo("shop");
        assertThat(contract.flightServer().orElseThrow().flightSqlUrl()).contains(URL);
        assertThat(contract.flightServer().orElseThrow().sqlDialect()).contains("DUCKDB");
        assertThat(contract.datasets()).extracting(DatasetContract::name).containsExactly("customers", "orders");

        DatasetContract customers = contract.dataset("customers").orElseThrow();
        assertThat(customers.primaryKey()).extracting(FieldContract::name).containsExactly("customer_id");
        assertThat(customers.fields()).extracting(FieldContract::name, FieldContract::logicalType, FieldContract::required)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("customer_id", "integer", true),
                        org.assertj.core.groups.Tuple.tuple("full_name", "string", true),
                        org.assertj.core.groups.Tuple.tuple("contact", "string", false),
                        org.assertj.core.groups.Tuple.tuple("birth_date", "date", false),
                        org.assertj.core.groups.Tuple.tuple("segment", "string", false));
        assertThat(classification(customers, "full_name")).isEqualTo("confidential");
        assertThat(classification(customers, "contact")).isEqualTo("confidential");   // by its values: emails
        assertThat(classification(customers, "birth_date")).isEqualTo("confidential");
        assertThat(classification(customers, "segment")).isNull();
        assertThat(classification(customers, "customer_id")).isNull();

        DatasetContract orders = contract.dataset("orders").orElseThrow();
        assertThat(orders.primaryKey()).extracting(FieldContract::name).containsExactly("order_id");
        assertThat(field(orders, "amount").physicalType()).isEqualTo("DECIMAL(10,2)");
        assertThat(field(orders, "amount").logicalType()).isEqualTo("number");
        assertThat(field(orders, "placed_at").logicalType()).isEqualTo("timestamp");
        assertThat(orders.relationships()).extracting(RelationshipContract::fromFields, RelationshipContract::toDataset,
                        RelationshipContract::toFields)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(List.of("customer_id"), "customers",
                        List.of("customer_id")));

        assertThat(yaml).contains("classification: confidential   # suggested: review")
                .contains("property: " + ContractDraftWriter.SUGGESTION_PROPERTY)
                .contains("looks like an email address (3 of 3 sampled values)")
                .contains("description: \"TODO: describe full_name.\"");
    }

    @Test
    void draftsOneTableWhenAsked() throws Exception {
        Path file = folder.resolve("shop.duckdb");
        execute("jdbc:duckdb:" + file, SHOP);

        OutputPortContract contract = ContractParser.parse(
                drafter.draft(TableSource.parse("duckdb:" + file, null, null), "orders", "shop", "orders", URL));

        assertThat(contract.datasets()).extracting(DatasetContract::name).containsExactly("orders");
    }

    @Test
    void draftsAParquetFileAndAFolderOfParquetAndCsvFiles() throws Exception {
        Path data = Files.createDirectory(folder.resolve("exports"));
        execute("jdbc:duckdb:", List.of(SHOP.get(0), SHOP.get(1),
                "COPY customers TO '" + data.resolve("customers.parquet") + "' (FORMAT parquet)",
                "COPY (SELECT 1 AS id, '+44 20 7946 0958' AS phone UNION ALL SELECT 2, '+33 1 23 45 67 89')"
                        + " TO '" + data.resolve("Call List.csv") + "' (HEADER)"));

        OutputPortContract file = ContractParser.parse(drafter.draft(
                TableSource.parse(data.resolve("customers.parquet").toString(), null, null), null, "crm", "customers", URL));
        assertThat(file.datasets()).singleElement().satisfies(dataset -> {
            assertThat(dataset.name()).isEqualTo("customers");
            assertThat(field(dataset, "customer_id").logicalType()).isEqualTo("integer");
            assertThat(field(dataset, "birth_date").logicalType()).isEqualTo("date");
            assertThat(classification(dataset, "contact")).isEqualTo("confidential");
        });

        String yaml = drafter.draft(TableSource.parse(data.toString(), null, null), null, "crm", "exports", URL);
        assertThat(OdcsSchema.errors(yaml)).isEmpty();
        OutputPortContract both = ContractParser.parse(yaml);
        assertThat(both.datasets()).extracting(DatasetContract::name).containsExactly("call_list", "customers");
        DatasetContract calls = both.dataset("call_list").orElseThrow();
        assertThat(calls.physicalName()).isEqualTo("call_list");
        assertThat(field(calls, "phone").classification()).isEqualTo("confidential");
    }

    @Test
    void draftsAJdbcDatabaseWithItsKeys() throws Exception {
        String url = "jdbc:h2:mem:drafter" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
        try (Connection keepAlive = DriverManager.getConnection(url)) {
            execute(url, List.of(
                    "CREATE TABLE customers (customer_id BIGINT PRIMARY KEY, email VARCHAR(200) NOT NULL)",
                    "CREATE TABLE orders (order_id BIGINT PRIMARY KEY, customer_id BIGINT REFERENCES customers(customer_id),"
                            + " total DECIMAL(12,2) NOT NULL)"));

            String yaml = drafter.draft(TableSource.parse(url, null, null), null, "shop", "orders", URL);

            assertThat(OdcsSchema.errors(yaml)).isEmpty();
            OutputPortContract contract = ContractParser.parse(yaml);
            assertThat(contract.flightServer().orElseThrow().sqlDialect()).contains("H2");
            assertThat(contract.datasets()).extracting(DatasetContract::name).containsExactly("customers", "orders");
            DatasetContract orders = contract.dataset("orders").orElseThrow();
            assertThat(orders.primaryKey()).extracting(FieldContract::name).containsExactly("order_id");
            assertThat(field(orders, "total").physicalType()).isEqualTo("DECIMAL(12,2)");
            assertThat(orders.relationships()).extracting(RelationshipContract::toDataset).containsExactly("customers");
            assertThat(classification(contract.dataset("customers").orElseThrow(), "email")).isEqualTo("confidential");
        }
    }

    static final List<String> SHOP = List.of(
            "CREATE TABLE customers (customer_id BIGINT PRIMARY KEY, full_name VARCHAR NOT NULL, contact VARCHAR,"
                    + " birth_date DATE, segment VARCHAR)",
            "INSERT INTO customers VALUES (1, 'Ada Lovelace', 'ada@example.com', DATE '1815-12-10', 'gold'),"
                    + " (2, 'Grace Hopper', 'grace@example.org', DATE '1906-12-09', 'silver'),"
                    + " (3, 'Alan Turing', 'alan@example.net', NULL, 'gold')",
            "CREATE TABLE orders (order_id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers(customer_id),"
                    + " amount DECIMAL(10,2), placed_at TIMESTAMP)",
            "INSERT INTO orders VALUES (10, 1, 12.50, TIMESTAMP '2026-01-02 10:00:00'), (11, 2, 7.25, NULL)");

    static void execute(String url, List<String> statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static FieldContract field(DatasetContract dataset, String name) {
        return dataset.fields().stream().filter(field -> field.name().equals(name)).findFirst().orElseThrow();
    }

    private static String classification(DatasetContract dataset, String name) {
        return field(dataset, name).classification();
    }
}

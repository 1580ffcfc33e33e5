package io.portico.flight.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.flight.testkit.ContractBuilder;
import io.portico.schema.contract.FieldContract;
import io.portico.schema.contract.OutputPortContract;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The demo data: deterministic per seed, consistent across domains, and true to the contracts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDomainTest {

    private static final long SEED = 42;
    private static final double SCALE = 0.01;

    /** All three domains generated into one database, so that their references can be checked with joins. */
    private DuckDBConnection mesh;

    @BeforeAll
    void generateTheMesh() throws SQLException {
        mesh = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        for (DemoDomain domain : DemoDomain.values()) {
            domain.populate(mesh, SEED, SCALE);
        }
    }

    @AfterAll
    void dropTheMesh() throws SQLException {
        mesh.close();
    }

    @ParameterizedTest
    @EnumSource(DemoDomain.class)
    void theSameSeedGivesTheSameRowsAndAnotherSeedOthers(DemoDomain domain) throws Exception {
        String first = checksum(domain, SEED);
        assertThat(checksum(domain, SEED)).isEqualTo(first);
        assertThat(checksum(domain, SEED + 1)).isNotEqualTo(first);
    }

    @Test
    void hasTheDocumentedRowCountsAtAScale() throws SQLException {
        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(2_000);
        assertThat(count("SELECT count(*) FROM customers")).isEqualTo(200);
        long shippable = count("SELECT count(*) FROM orders WHERE status <> 'OPEN'");
        assertThat(count("SELECT count(*) FROM shipments")).isBetween(shippable + 1, 2 * shippable - 1);
        assertThat(DemoDomain.orders(1.0)).isEqualTo(200_000);
        assertThat(DemoDomain.customers(1.0)).isEqualTo(20_000);
        assertThat(DemoDomain.orders(0.000_001)).isEqualTo(1);
        assertThatThrownBy(() -> DemoDomain.orders(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void referencesOnlyRowsThatExist() throws SQLException {
        assertThat(count("SELECT count(*) FROM orders o LEFT JOIN customers c USING (customer_id) WHERE c.customer_id IS NULL"))
                .isZero();
        assertThat(count("SELECT count(*) FROM shipments s LEFT JOIN orders o USING (order_id) WHERE o.order_id IS NULL"))
                .isZero();
        assertThat(count("SELECT count(*) FROM shipments s JOIN orders o USING (order_id) WHERE o.status = 'OPEN'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM orders o WHERE o.status <> 'OPEN'"
                + " AND (SELECT count(*) FROM shipments s WHERE s.order_id = o.order_id) NOT IN (1, 2)")).isZero();
        assertThat(count("SELECT count(DISTINCT customer_id) FROM orders")).isGreaterThan(150);
    }

    @Test
    void keepsAmountsAndTimesConsistent() throws SQLException {
        assertThat(count("SELECT count(*) FROM orders WHERE total_amount <> net_amount + tax_amount OR net_amount <= 0"))
                .isZero();
        assertThat(count("SELECT count(*) FROM orders WHERE updated_at IS NOT NULL"
                + " AND updated_at < CAST(created_at AT TIME ZONE 'UTC' AS TIMESTAMP)")).isZero();
        assertThat(count("SELECT count(*) FROM shipments s JOIN orders o USING (order_id)"
                + " WHERE s.shipped_at < o.created_at OR s.delivered_at < s.shipped_at")).isZero();
        assertThat(count("SELECT count(*) FROM shipments WHERE (status IN ('DELIVERED', 'RETURNED')) <> (delivered_at IS NOT NULL)"))
                .isZero();
        assertThat(count("SELECT count(*) FROM customers WHERE email NOT LIKE '%@%.%' OR full_name NOT LIKE '% %'")).isZero();
    }

    @ParameterizedTest
    @CsvSource({
            "SALES, orders, status",
            "CRM, customers, region",
            "CRM, customers, segment",
            "LOGISTICS, shipments, carrier",
            "LOGISTICS, shipments, status",
    })
    void usesExactlyTheValuesTheContractLists(DemoDomain domain, String table, String column) throws SQLException {
        OutputPortContract contract = ContractBuilder.demo(domain);
        FieldContract field = contract.datasets().getFirst().field(column).orElseThrow();
        Set<String> listed = listedValues(field.description());
        assertThat(listed).hasSizeGreaterThanOrEqualTo(3);
        Set<String> present = new LinkedHashSet<>();
        try (Statement statement = mesh.createStatement();
             ResultSet rows = statement.executeQuery("SELECT DISTINCT " + column + " FROM " + table)) {
            while (rows.next()) {
                present.add(rows.getString(1));
            }
        }
        assertThat(present).containsExactlyInAnyOrderElementsOf(listed);
    }

    @Test
    void usesIsoCurrencyCodes() throws SQLException {
        assertThat(count("SELECT count(*) FROM orders WHERE currency NOT IN ('EUR', 'USD', 'GBP', 'SEK', 'CHF')")).isZero();
        assertThat(count("SELECT count(DISTINCT currency) FROM orders")).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(DemoDomain.class)
    void leavesOnlyOptionalFieldsNullAndSomeOfThemNull(DemoDomain domain) throws SQLException {
        for (FieldContract field : ContractBuilder.demo(domain).datasets().getFirst().fields()) {
            long nulls = count("SELECT count(*) FROM " + domain.table() + " WHERE " + field.physicalName() + " IS NULL");
            if (field.required()) {
                assertThat(nulls).as(field.name()).isZero();
            } else {
                assertThat(nulls).as(field.name()).isPositive();
            }
        }
    }

    @Test
    void refusesADatabaseThatIsNotDuckDb() throws SQLException {
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:not-duckdb", "sa", "")) {
            assertThatThrownBy(() -> DemoDomain.SALES.populate(h2, SEED, SCALE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("generated with DuckDB");
        }
    }

    @Test
    void findsItsContractOnTheClasspath() {
        for (DemoDomain domain : DemoDomain.values()) {
            assertThat(domain.contractDocument()).contains("domain: " + domain.domain());
            assertThat(DemoDomain.named(domain.domain().toUpperCase())).isEqualTo(domain);
        }
        assertThatThrownBy(() -> DemoDomain.named("finance")).hasMessageContaining("expected sales, crm or logistics");
    }

    /** Upper-case words of a description such as {@code "Lifecycle status: OPEN, PAID, ... or CANCELLED."}. */
    private static Set<String> listedValues(String description) {
        Set<String> values = new LinkedHashSet<>();
        Matcher matcher = Pattern.compile("\\b[A-Z][A-Z_]+\\b").matcher(description.substring(description.indexOf(':') + 1));
        while (matcher.find()) {
            values.add(matcher.group());
        }
        return values;
    }

    private long count(String sql) throws SQLException {
        try (Statement statement = mesh.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String checksum(DemoDomain domain, long seed) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DuckDBConnection connection = DemoDatabases.inMemory(domain, seed, SCALE);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM " + domain.table() + " ORDER BY 1")) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int column = 1; column <= columns; column++) {
                    digest.update(String.valueOf(rows.getObject(column)).getBytes(UTF_8));
                    digest.update((byte) 0);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

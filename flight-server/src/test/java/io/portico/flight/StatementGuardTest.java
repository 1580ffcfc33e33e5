package io.portico.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.ContractBuilder;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The guard over a real DuckDB catalog: published {@code orders}; unpublished {@code customers} and {@code secrets}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementGuardTest {

    private static final String CONTRACT = "sales-orders-port";

    private Connection connection;
    private StatementGuard guard;

    @BeforeAll
    void createCatalog() throws Exception {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (order_id BIGINT NOT NULL, customer_id BIGINT, status VARCHAR)");
            statement.execute("CREATE TABLE customers (customer_id BIGINT, full_name VARCHAR)");
            statement.execute("CREATE TABLE secrets (id BIGINT, secret VARCHAR)");
            statement.execute("CREATE SCHEMA hidden");
            statement.execute("CREATE TABLE hidden.orders (order_id BIGINT)");
        }
        PublishedTables published = PublishedTables.resolve(ContractBuilder.demo(DemoDomain.SALES), connection,
                SQLDialect.DUCKDB);
        guard = new StatementGuard(SQLDialect.DUCKDB, published, CONTRACT);
    }

    @AfterAll
    void closeCatalog() throws Exception {
        connection.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT order_id, status FROM orders WHERE customer_id = ? ORDER BY order_id LIMIT 10",
            "select * from ORDERS",
            "SELECT * FROM \"orders\"",
            "SELECT * FROM main.orders",
            "SELECT * FROM memory.main.orders",
            "SELECT o.order_id FROM orders o JOIN orders p ON o.order_id = p.order_id",
            "SELECT status, count(*) FROM orders GROUP BY status HAVING count(*) > 1",
            "SELECT * FROM orders WHERE order_id IN (SELECT order_id FROM orders WHERE status = 'OPEN')",
            "WITH recent AS (SELECT * FROM orders WHERE order_id > 10) SELECT * FROM recent",
            "WITH secrets AS (SELECT * FROM orders) SELECT * FROM secrets",
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3) SELECT * FROM n, orders",
            "SELECT * FROM orders UNION ALL SELECT * FROM orders",
            "SELECT * FROM (SELECT order_id FROM orders) AS derived",
            "SELECT * FROM (VALUES (1), (2)) AS v(x)",
            "SELECT 1",
            "SELECT * FROM orders;",
            "SELECT * FROM orders WHERE order_id = ANY (CAST('[1, 2, 3]' AS BIGINT[]))",
            // the shape of the gateway's joins (JoinPlanner): aliases t1, t2, a row filter in a derived table
            "select \"t1\".\"order_id\" \"t1_order_id\", \"t2\".\"status\" \"t2_status\" from \"orders\" \"t1\""
                    + " left outer join (select \"status\", \"order_id\" from \"orders\" where \"customer_id\" in"
                    + " (select \"customer_id\" from \"orders\" where \"status\" = 'OPEN')) \"t2\""
                    + " on \"t1\".\"order_id\" = \"t2\".\"order_id\" where \"t1\".\"status\" = 'x'"
                    + " order by \"t2\".\"status\" desc nulls last limit 5 offset 2",
    })
    void acceptsOneSelectOverPublishedTables(String sql) {
        assertThat(guard.check(sql).sql()).isEqualTo(sql);
    }

    @Test
    void reportsThePublishedTablesAStatementReads() {
        assertThat(guard.check("SELECT * FROM orders o WHERE EXISTS (SELECT 1 FROM main.orders p)").tablesRead())
                .extracting(PublishedTable::name)
                .containsExactly("orders");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DELETE FROM orders                             | only SELECT is allowed, got DELETE",
            "INSERT INTO orders VALUES (1, 2, 'OPEN')        | only SELECT is allowed, got INSERT",
            "UPDATE orders SET status = 'PAID'               | only SELECT is allowed, got UPDATE",
            "DROP TABLE orders                               | only SELECT is allowed, got DROP TABLE",
            "CREATE TABLE copy AS SELECT * FROM orders       | only SELECT is allowed, got CREATE TABLE",
            "SELECT 1; SELECT 2                              | one statement per request, got 2",
            "SELECT * FROM orders; DELETE FROM orders        | one statement per request, got 2",
            "SELECT * INTO copy FROM orders                  | SELECT INTO writes a table; the port is read-only",
            "''                                              | the statement is empty; send one SELECT",
    })
    void refusesAnythingButOneSelect(String sql, String reason) {
        assertRefused(sql, reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM secrets",
            "SELECT * FROM hidden.orders",
            "SELECT * FROM orders o JOIN secrets s ON s.id = o.order_id",
            "SELECT * FROM orders WHERE customer_id IN (SELECT id FROM secrets)",
            "SELECT * FROM orders WHERE EXISTS (SELECT 1 FROM orders o JOIN (SELECT id FROM secrets) s ON s.id = o.order_id)",
            "SELECT (SELECT max(secret) FROM secrets) FROM orders",
            "SELECT order_id FROM orders UNION SELECT id FROM secrets",
            "SELECT * FROM orders, LATERAL (SELECT * FROM secrets WHERE id = orders.order_id) AS s",
            "WITH s AS (SELECT * FROM secrets) SELECT * FROM orders, s",
            "WITH a AS (SELECT * FROM secrets), secrets AS (SELECT * FROM orders) SELECT * FROM a",
            "SELECT * FROM (WITH secrets AS (SELECT 1 AS id) SELECT * FROM secrets) AS inner_query, secrets",
            "SELECT * FROM memory.hidden.orders",
            "select \"t1\".\"order_id\" \"t1_order_id\" from \"orders\" \"t1\" join (select \"id\" from \"secrets\""
                    + " where \"id\" > 0) \"t2\" on \"t1\".\"order_id\" = \"t2\".\"id\"",
    })
    void refusesTablesTheContractDoesNotPublish(String sql) {
        assertThatThrownBy(() -> guard.check(sql))
                .isInstanceOfSatisfying(PorticoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STATEMENT_REFUSED))
                .hasMessageContaining("not published by contract " + CONTRACT + " (published: orders)");
    }

    @Test
    void namesTheUnpublishedTables() {
        assertRefused("SELECT * FROM orders JOIN customers USING (customer_id) JOIN secrets ON secrets.id = orders.order_id",
                "tables 'customers', 'secrets' are not published by contract sales-orders-port (published: orders)");
        assertRefused("SELECT * FROM secrets",
                "table 'secrets' is not published by contract sales-orders-port (published: orders)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM generate_series(1, 3)",
            "SELECT * FROM unnest([1, 2])",
    })
    void refusesTableFunctions(String sql) {
        assertThatThrownBy(() -> guard.check(sql))
                .isInstanceOf(PorticoException.class)
                .hasMessageContaining("is not allowed; only published tables can be read");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELEC 1",
            "SELECT * FROM read_csv('/etc/passwd')",
            "SELECT * FROM 'data.parquet'",
            "COPY orders TO '/tmp/orders.csv'",
            "PRAGMA table_info('orders')",
    })
    void refusesWhatDoesNotParseWithJooqsMessage(String sql) {
        assertThatThrownBy(() -> guard.check(sql))
                .isInstanceOfSatisfying(PorticoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STATEMENT_REFUSED))
                .hasMessageStartingWith("the statement does not parse: ")
                .hasMessageMatching(".*\\[1:\\d+].*");
    }

    @Test
    void anAcceptedStatementIsRememberedByItsExactText() {
        String sql = "SELECT order_id FROM orders WHERE order_id > 1";

        StatementGuard.GuardedStatement first = guard.check(sql);

        assertThat(guard.check(sql)).as("the same text: the cached verdict").isSameAs(first);
        assertThat(guard.check(sql + " ")).as("another text: analysed again").isNotSameAs(first);
    }

    @Test
    void aRefusalIsNeverRememberedAsAnAcceptance() {
        String sql = "SELECT * FROM customers";

        for (int attempt = 0; attempt < 3; attempt++) {
            assertRefused(sql, "table 'customers' is not published by contract " + CONTRACT
                    + " (published: orders)");
        }
    }

    @Test
    void aStatementLongerThanTheCachedLimitIsCheckedEveryTime() {
        String sql = "SELECT order_id FROM orders WHERE status IN ('" + "x".repeat(StatementGuard.LONGEST_CACHED_STATEMENT)
                + "')";

        assertThat(guard.check(sql)).isNotSameAs(guard.check(sql));
    }

    private void assertRefused(String sql, String reason) {
        assertThatThrownBy(() -> guard.check(sql))
                .isInstanceOfSatisfying(PorticoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STATEMENT_REFUSED))
                .hasMessage(reason);
    }
}

package io.portico.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.flight.demo.DemoDomain;
import io.portico.flight.testkit.ContractBuilder;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard in the POSTGRES dialect over a real PostgreSQL catalog: published {@code orders} in the connection's
 * schema; unpublished {@code secrets} beside it and another {@code orders} in a second schema. PostgreSQL folds
 * unquoted names to lower case and resolves three-part names in the current database. Needs a server: see
 * {@link TestPostgres}.
 */
@ExtendWith(TestPostgres.Available.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStatementGuardTest {

    private static final String SCHEMA = "portico_guard";
    private static final String OTHER_SCHEMA = "portico_guard_hidden";

    private StatementGuard guard;

    @BeforeAll
    void createCatalog() throws SQLException {
        TestPostgres.recreateSchema(SCHEMA);
        TestPostgres.recreateSchema(OTHER_SCHEMA);
        try (Connection connection = DriverManager.getConnection(TestPostgres.urlWithSchema(SCHEMA), TestPostgres.user(),
                TestPostgres.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (order_id BIGINT NOT NULL, customer_id BIGINT, status TEXT)");
            statement.execute("CREATE TABLE secrets (id BIGINT, secret TEXT)");
            statement.execute("CREATE TABLE " + OTHER_SCHEMA + ".orders (order_id BIGINT)");
            PublishedTables published = PublishedTables.resolve(ContractBuilder.demo(DemoDomain.SALES), connection,
                    SQLDialect.POSTGRES);
            guard = new StatementGuard(SQLDialect.POSTGRES, published, "sales-orders-port");
        }
    }

    @AfterAll
    void dropCatalog() throws SQLException {
        TestPostgres.dropSchema(OTHER_SCHEMA);
        TestPostgres.dropSchema(SCHEMA);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM ORDERS",
            "SELECT * FROM " + SCHEMA + ".orders",
            "SELECT * FROM portico_test." + SCHEMA + ".orders",
            "SELECT order_id::text, status ILIKE 'o%' FROM orders",
            "SELECT DISTINCT ON (customer_id) customer_id, order_id FROM orders ORDER BY customer_id, order_id DESC",
            "SELECT * FROM orders WHERE status = ANY (?) LIMIT 10 OFFSET 5",
            "SELECT CAST(? AS timestamptz), now() FROM orders",
    })
    void acceptsPostgresSyntaxOverThePublishedTable(String sql) {
        assertThat(guard.check(sql).tablesRead()).extracting(PublishedTable::name).containsExactly("orders");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT * FROM \"ORDERS\"                         | table 'ORDERS' is not published",
            "SELECT * FROM " + OTHER_SCHEMA + ".orders        | table '" + OTHER_SCHEMA + ".orders' is not published",
            "SELECT * FROM secrets                            | table 'secrets' is not published",
            "SELECT * FROM pg_user                            | table 'pg_user' is not published",
            "SELECT * FROM pg_catalog.pg_authid               | table 'pg_catalog.pg_authid' is not published",
            "SELECT * FROM information_schema.tables          | table 'information_schema.tables' is not published",
            "SELECT query_to_xml('SELECT * FROM secrets', true, true, '') FROM orders | the statement does not parse: Unknown function",
            "SELECT pg_read_file('/etc/passwd') FROM orders   | the statement does not parse: Unknown function",
            "SELECT set_config('search_path', 'x', false)     | the statement does not parse: Unknown function",
            "SELECT * FROM generate_series(1, 3)              | table function or expression",
            "COPY orders TO STDOUT                            | ",
    })
    void refusesWhatReachesBeyondThePublishedTable(String sql, String reason) {
        assertThatThrownBy(() -> guard.check(sql))
                .isInstanceOfSatisfying(PorticoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STATEMENT_REFUSED))
                .hasMessageContaining(reason == null ? "" : reason);
    }
}

package io.portico.gateway.sql;

import static io.portico.gateway.sql.SqlStatementsTest.assertError;
import static io.portico.gateway.sql.SqlTestTables.TABLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.gateway.plan.RequestFilter;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Statements an attacker or a careless client sends: huge, deeply nested, with comments, semicolons, unicode and
 * injection attempts in literals. Each is answered with a typed error or read as plain values, never with a
 * {@link StackOverflowError} or an {@code INTERNAL} error.
 */
class SqlHostileInputTest {

    private final SqlStatements statements = new SqlStatements(TABLES);

    private SqlRead.Rows rows(String sql, Object... parameters) {
        return (SqlRead.Rows) statements.read(sql, List.of(parameters));
    }

    @Test
    void aStatementOverTheSizeLimitIsRefusedBeforeParsing() {
        String sql = "SELECT order_id FROM sales.orders WHERE status IN ("
                + "'x', ".repeat(StatementParser.MAX_LENGTH / 5) + "'y')";

        assertError(() -> statements.read(sql, List.of()), ErrorCode.STATEMENT_REFUSED, "characters long",
                "the most read is " + StatementParser.MAX_LENGTH);
    }

    @Test
    void deeplyNestedParenthesesAreRefusedNotAStackOverflow() {
        int depth = 20_000;
        String sql = "SELECT order_id FROM sales.orders WHERE " + "(".repeat(depth) + "quantity = 1"
                + ")".repeat(depth);

        assertError(() -> statements.read(sql, List.of()), ErrorCode.STATEMENT_REFUSED,
                "nests parentheses 20000 deep; the most read is 64");
        assertError(() -> statements.parameters(sql), ErrorCode.STATEMENT_REFUSED, "nests parentheses");
    }

    @Test
    void parenthesesInLiteralsAndCommentsDoNotCountAsNesting() {
        String parentheses = "(".repeat(100);
        SqlRead.Rows rows = rows("SELECT order_id FROM sales.orders /* " + parentheses + " */ WHERE status = '"
                + parentheses + "' -- " + parentheses + "\n");

        assertThat(((RequestFilter.Compare) rows.request().where()).value()).isEqualTo(parentheses);
    }

    @Test
    void aLongChainOfNotIsRefusedNotAStackOverflow() {
        String sql = "SELECT order_id FROM sales.orders WHERE " + "NOT ".repeat(30_000) + "quantity = 1";

        assertError(() -> statements.read(sql, List.of()), ErrorCode.STATEMENT_REFUSED, "deep");
    }

    @Test
    void nestingWithinTheLimitsIsRead() {
        String sql = "SELECT order_id FROM sales.orders WHERE " + "(".repeat(40) + "quantity = 1" + ")".repeat(40);

        assertThat(rows(sql).request().where()).isEqualTo(new RequestFilter.Compare("quantity",
                RequestFilter.Operator.EQ, 1));
    }

    @Test
    void aLongOrChainIsReadFlat() {
        StringBuilder sql = new StringBuilder("SELECT order_id FROM sales.orders WHERE quantity = 0");
        for (int value = 1; value < 5_000; value++) {
            sql.append(" OR quantity = ").append(value);
        }

        RequestFilter where = rows(sql.toString()).request().where();

        assertThat(where).isInstanceOfSatisfying(RequestFilter.Or.class,
                or -> assertThat(or.alternatives()).hasSize(5_000).allMatch(RequestFilter.Compare.class::isInstance));
    }

    @Test
    void commentsAndOneTrailingSemicolonAreAccepted() {
        SqlRead.Rows rows = rows("/* the open orders */ SELECT order_id -- the key\n FROM sales.orders"
                + " WHERE status = 'open' /* only */ ;");

        assertThat(rows.request().selectedFields()).containsExactly("orderId");
        assertError(() -> statements.read("SELECT order_id FROM sales.orders;;SELECT 1", List.of()),
                ErrorCode.STATEMENT_REFUSED);
        assertError(() -> statements.read(";", List.of()), ErrorCode.STATEMENT_REFUSED, "empty");
        assertError(() -> statements.read("-- nothing", List.of()), ErrorCode.STATEMENT_REFUSED, "empty");
    }

    @Test
    void unicodeIdentifiersAndValues() {
        SqlRead.Rows rows = rows("SELECT größe, \"größe\" AS \"Größe ✓\" FROM sales.orders WHERE größe = 'Ünïcødé ✓'");

        assertThat(rows.request().selectedFields()).containsExactly("groesse");
        assertThat(rows.labels()).containsExactly("größe", "Größe ✓");
        assertThat(((RequestFilter.Compare) rows.request().where()).value()).isEqualTo("Ünïcødé ✓");
    }

    @Test
    void sqlInStringLiteralsAndParametersIsAPlainValue() {
        String injected = "x' OR '1'='1'; DROP TABLE orders; --";
        RequestFilter literal = rows("SELECT order_id FROM sales.orders WHERE status = '"
                + injected.replace("'", "''") + "'").request().where();
        RequestFilter parameter = rows("SELECT order_id FROM sales.orders WHERE status = ?", injected)
                .request().where();
        RequestFilter like = rows("SELECT order_id FROM sales.orders WHERE status LIKE '%"
                + "'' OR 1=1 --".replace("'", "''") + "%'").request().where();

        RequestFilter expected = new RequestFilter.Compare("status", RequestFilter.Operator.EQ, injected);
        assertThat(literal).isEqualTo(expected);
        assertThat(parameter).isEqualTo(expected);
        assertThat(like).isEqualTo(new RequestFilter.Compare("status", RequestFilter.Operator.CONTAINS,
                "'' OR 1=1 --"));
    }

    @Test
    void quotedIdentifiersCannotBreakOut() {
        assertError(() -> statements.read("SELECT \"order_id\"\" FROM sales.orders; --\" FROM sales.orders",
                List.of()), ErrorCode.BAD_USER_INPUT, "has no column order_id\" FROM sales.orders; --");
    }

    @Test
    void noBadStatementIsAnInternalError() {
        Set<ErrorCode> callerMistakes = Set.of(ErrorCode.STATEMENT_REFUSED, ErrorCode.BAD_USER_INPUT,
                ErrorCode.PUSHDOWN_UNSUPPORTED);
        List<String> statementsSent = List.of(
                "SELECT", "SELECT *", "SELECT * FROM", "FROM sales.orders", "SELECT * FROM sales.orders WHERE (",
                "SELECT * FROM sales.orders WHERE status = 'unterminated", "SELECT \"unterminated FROM sales.orders",
                "SELECT * FROM sales.orders ORDER BY", "SELECT * FROM sales.orders LIMIT -1",
                "SELECT * FROM sales.orders LIMIT 99999999999999999999999", "SELECT * FROM sales.orders OFFSET 'a'",
                "SELECT * FROM sales.orders WHERE created_at = TIMESTAMP '2024-13-45 99:00:00'",
                "SELECT * FROM sales.orders WHERE order_date = '+999999999-12-31'",
                "SELECT * FROM sales.orders WHERE quantity IN ()", "SELECT count(*, *) FROM sales.orders",
                "SELECT * FROM sales.orders WHERE status = $$x$$", "SELECT * FROM sales.orders WHERE status = E'\\x'",
                "SELECT * FROM sales.orders WHERE status = ?", "SELECT * FROM information_schema.tables",
                "SELECT * FROM sales.orders FOR UPDATE", "CALL something()", "BEGIN", "SET x = 1",
                "SELECT * FROM sales.orders WHERE quantity = 1e400", "SELECT * FROM sales.orders WHERE discount = 1e400",
                "SELECT * FROM sales.orders WHERE NOT", "SELECT * FROM sales.orders WHERE status = 'a' AND",
                "SELECT pg_sleep(10) FROM sales.orders", "SELECT * FROM generate_series(1, 10)",
                "SELECT * FROM sales.orders TABLESAMPLE SYSTEM (10)", "VALUES (1)", "TABLE sales.orders",
                "SELECT * FROM sales.orders WHERE quantity = -(-(1))", "SELECT * FROM sales.orders ORDER BY 0",
                "SELECT * FROM sales.orders WHERE created_at = TIMESTAMP '0000-01-01 00:00:00'");
        for (String sql : statementsSent) {
            try {
                statements.read(sql, List.of());
            } catch (PorticoException error) {
                assertThat(error.code()).as(sql + " -> " + error.getMessage()).isIn(callerMistakes);
                assertThat(error.getMessage()).as(sql).isNotBlank();
            } catch (RuntimeException | StackOverflowError error) {
                throw new AssertionError(sql + " threw " + error, error);
            }
        }
        assertThatThrownBy(() -> statements.read(null, List.of())).isInstanceOf(NullPointerException.class);
    }
}

package io.portico.gateway.sql;

import static io.portico.gateway.sql.SqlTestTables.ORDERS;
import static io.portico.gateway.sql.SqlTestTables.TABLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.gateway.plan.RequestFilter;
import io.portico.gateway.plan.RequestFilter.Operator;
import io.portico.gateway.plan.RequestedSort;
import io.portico.gateway.plan.SortDirection;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Statements of columns: select list, names, WHERE, ORDER BY, paging and parameters; and what each refuses. */
class SqlStatementsTest {

    private final SqlStatements statements = new SqlStatements(TABLES, 1_000);

    private SqlRead.Rows rows(String sql, Object... parameters) {
        return (SqlRead.Rows) statements.read(sql, List.of(parameters));
    }

    private RequestFilter where(String condition, Object... parameters) {
        return rows("SELECT order_id FROM sales.orders WHERE " + condition, parameters).request().where();
    }

    static void assertError(Runnable call, ErrorCode code, String... fragments) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(PorticoException.class, error -> {
            assertThat(error.code()).as(error.getMessage()).isEqualTo(code);
            if (fragments.length > 0) {
                assertThat(error.getMessage()).contains(fragments);
            }
        });
    }

    private void assertRefused(String sql, ErrorCode code, String... fragments) {
        assertError(() -> statements.read(sql, List.of()), code, fragments);
    }

    @Test
    void selectListGivesFieldsInSelectOrderWithLabels() {
        SqlRead.Rows rows = rows("SELECT total_amount, status AS state, order_id FROM sales.orders");

        assertThat(rows.table()).isEqualTo(ORDERS);
        assertThat(rows.request().selectedFields()).containsExactly("totalAmount", "status", "orderId");
        assertThat(rows.labels()).containsExactly("total_amount", "state", "order_id");
        assertThat(rows.star()).isFalse();
        assertThat(rows.request().where()).isEqualTo(RequestFilter.ALL);
        assertThat(rows.request().first()).isZero();
        assertThat(rows.request().after()).isNull();
        assertThat(rows.request().totalCountRequested()).isFalse();
        assertThat(rows.offset()).isZero();
        assertThat(rows.limit()).isEmpty();
    }

    @Test
    void starSelectsEveryColumnInTableOrder() {
        SqlRead.Rows rows = rows("SELECT * FROM sales.orders");

        assertThat(rows.star()).isTrue();
        assertThat(rows.request().selectedFields()).containsExactlyElementsOf(
                ORDERS.columns().stream().map(column -> column.field().graphQLName()).toList());
        assertThat(rows.labels()).containsExactlyElementsOf(ORDERS.columns().stream().map(SqlColumn::name).toList());

        SqlRead.Rows mixed = rows("SELECT status AS s, o.* FROM sales.orders o");
        assertThat(mixed.star()).isTrue();
        assertThat(mixed.labels()).hasSize(ORDERS.columns().size() + 1).startsWith("s", "order_id");
        assertThat(mixed.columns().getFirst().name()).isEqualTo("status");
        assertThat(mixed.request().selectedFields().getFirst()).isEqualTo("status");
    }

    @Test
    void aColumnSelectedTwiceIsFetchedOnceAndShownTwice() {
        SqlRead.Rows rows = rows("SELECT status, status AS again FROM sales.orders");

        assertThat(rows.request().selectedFields()).containsExactly("status");
        assertThat(rows.labels()).containsExactly("status", "again");
        assertThat(rows.columns()).extracting(SqlColumn::name).containsExactly("status", "status");
    }

    @Test
    void unquotedNamesIgnoreCaseQuotedNamesMatchExactly() {
        assertThat(rows("SELECT ORDER_ID, Status, region FROM SALES.Orders").request().selectedFields())
                .containsExactly("orderId", "status", "region");
        assertThat(rows("SELECT \"Region\" FROM \"sales\".\"orders\"").request().selectedFields())
                .containsExactly("region");

        assertRefused("SELECT \"region\" FROM sales.orders", ErrorCode.BAD_USER_INPUT,
                "sales.orders has no column region; its columns: order_id, customer_id, status");
        assertRefused("SELECT order_id FROM \"SALES\".orders", ErrorCode.BAD_USER_INPUT, "no schema SALES",
                "sales");
    }

    @Test
    void aTableAliasOrTheTableNameQualifiesColumns() {
        assertThat(rows("SELECT o.order_id, o.status FROM sales.orders o WHERE o.status = 'open' ORDER BY o.order_id")
                .request().selectedFields()).containsExactly("orderId", "status");
        assertThat(rows("SELECT orders.order_id, sales.orders.status, portico.sales.orders.paid FROM sales.orders")
                .request().selectedFields()).containsExactly("orderId", "status", "paid");
        assertThat(rows("SELECT order_id FROM portico.sales.orders").table()).isEqualTo(ORDERS);

        assertRefused("SELECT x.order_id FROM sales.orders o", ErrorCode.BAD_USER_INPUT,
                "qualified by x", "reads sales.orders as o");
        assertRefused("SELECT orders.order_id FROM sales.orders o", ErrorCode.BAD_USER_INPUT, "qualified by orders");
        assertRefused("SELECT c.* FROM sales.orders o", ErrorCode.BAD_USER_INPUT, "qualified by c");
    }

    @Test
    void unknownNamesAreBadInputNamingWhatExists() {
        assertRefused("SELECT nope FROM sales.orders", ErrorCode.BAD_USER_INPUT,
                "sales.orders has no column nope; its columns: order_id, customer_id, status, total_amount");
        assertRefused("SELECT a FROM sales.invoices", ErrorCode.BAD_USER_INPUT,
                "no table sales.invoices; tables in sales: orders, customers");
        assertRefused("SELECT a FROM hr.people", ErrorCode.BAD_USER_INPUT, "no schema hr; schemas (domains): sales");
        assertRefused("SELECT order_id FROM orders", ErrorCode.BAD_USER_INPUT,
                "name the table with its domain: FROM <domain>.orders", "sales.orders, sales.customers");
        assertRefused("SELECT order_id FROM elsewhere.sales.orders", ErrorCode.BAD_USER_INPUT, "catalog portico");
        assertRefused("SELECT order_id FROM sales.orders WHERE nope = 1", ErrorCode.BAD_USER_INPUT,
                "has no column nope");
        assertRefused("SELECT order_id FROM sales.orders ORDER BY nope", ErrorCode.BAD_USER_INPUT,
                "has no column nope");
    }

    @Test
    void comparisonsTakeTheColumnOnEitherSide() {
        assertThat(where("quantity = 3")).isEqualTo(compare("quantity", Operator.EQ, 3));
        assertThat(where("quantity <> 3")).isEqualTo(compare("quantity", Operator.NEQ, 3));
        assertThat(where("quantity != 3")).isEqualTo(compare("quantity", Operator.NEQ, 3));
        assertThat(where("quantity < 3")).isEqualTo(compare("quantity", Operator.LT, 3));
        assertThat(where("quantity <= 3")).isEqualTo(compare("quantity", Operator.LTE, 3));
        assertThat(where("quantity > 3")).isEqualTo(compare("quantity", Operator.GT, 3));
        assertThat(where("quantity >= 3")).isEqualTo(compare("quantity", Operator.GTE, 3));
        assertThat(where("3 < quantity")).isEqualTo(compare("quantity", Operator.GT, 3));
        assertThat(where("3 >= quantity")).isEqualTo(compare("quantity", Operator.LTE, 3));
        assertThat(where("'open' = status")).isEqualTo(compare("status", Operator.EQ, "open"));
        assertThat(where("? > quantity", 7)).isEqualTo(compare("quantity", Operator.LT, 7));
    }

    @Test
    void inNotInNullTestsBetweenAndLike() {
        assertThat(where("status IN ('open', 'paid')"))
                .isEqualTo(new RequestFilter.In("status", List.of("open", "paid"), false));
        assertThat(where("order_id NOT IN (1, 2)")).isEqualTo(new RequestFilter.In("orderId", List.of(1L, 2L), true));
        assertThat(where("status IS NULL")).isEqualTo(new RequestFilter.IsNull("status", true));
        assertThat(where("status IS NOT NULL")).isEqualTo(new RequestFilter.IsNull("status", false));
        assertThat(where("quantity BETWEEN 2 AND 5")).isEqualTo(new RequestFilter.And(List.of(
                compare("quantity", Operator.GTE, 2), compare("quantity", Operator.LTE, 5))));
        assertThat(where("quantity NOT BETWEEN 2 AND 5")).isEqualTo(new RequestFilter.Not(new RequestFilter.And(
                List.of(compare("quantity", Operator.GTE, 2), compare("quantity", Operator.LTE, 5)))));
        assertThat(where("status LIKE 'op%'")).isEqualTo(compare("status", Operator.STARTS_WITH, "op"));
        assertThat(where("status LIKE '%pe%'")).isEqualTo(compare("status", Operator.CONTAINS, "pe"));
        assertThat(where("status NOT LIKE 'op%'"))
                .isEqualTo(new RequestFilter.Not(compare("status", Operator.STARTS_WITH, "op")));
        assertThat(where("status LIKE ?", "%pe%")).isEqualTo(compare("status", Operator.CONTAINS, "pe"));
        assertThat(where("paid")).isEqualTo(compare("paid", Operator.EQ, true));
        assertThat(where("TRUE")).isEqualTo(RequestFilter.ALL);
    }

    @Test
    void andOrNotAndParenthesesKeepTheirStructure() {
        RequestFilter filter = where("status = 'open' AND (quantity > 1 OR NOT paid = TRUE) AND order_id < 9");

        assertThat(filter).isEqualTo(new RequestFilter.And(List.of(
                compare("status", Operator.EQ, "open"),
                new RequestFilter.Or(List.of(
                        compare("quantity", Operator.GT, 1),
                        new RequestFilter.Not(compare("paid", Operator.EQ, true)))),
                compare("orderId", Operator.LT, 9L))));
        assertThat(where("status = 'a' OR status = 'b' OR status = 'c'"))
                .isEqualTo(new RequestFilter.Or(List.of(compare("status", Operator.EQ, "a"),
                        compare("status", Operator.EQ, "b"), compare("status", Operator.EQ, "c"))));
    }

    @Test
    void literalsBecomeTheJavaTypesOfTheirColumns() {
        assertThat(value("order_id = 42")).isEqualTo(42L);
        assertThat(value("quantity = 42")).isEqualTo(42);
        assertThat(value("quantity = 42.0")).isEqualTo(42);
        assertThat(value("order_id = -9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(value("total_amount = 12.50")).isEqualTo(new BigDecimal("12.50"));
        assertThat(value("total_amount = 12")).isEqualTo(new BigDecimal("12"));
        assertThat(value("discount = 0.25")).isEqualTo(0.25d);
        assertThat(value("discount = -1")).isEqualTo(-1.0d);
        assertThat(value("paid = FALSE")).isEqualTo(false);
        assertThat(value("status = 'it''s'")).isEqualTo("it's");
        assertThat(value("order_date = DATE '2024-02-29'")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(value("order_date = '2024-02-29'")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(value("updated_at = TIMESTAMP '2024-01-02 03:04:05.5'"))
                .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000));
        assertThat(value("updated_at >= DATE '2024-01-02'")).isEqualTo(LocalDateTime.of(2024, 1, 2, 0, 0));
        assertThat(value("created_at = TIMESTAMP '2024-01-02 03:04:05'"))
                .isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
        assertThat(value("created_at = TIMESTAMP WITH TIME ZONE '2024-01-02 03:04:05+02:00'"))
                .isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)));
        assertThat(value("created_at = '2024-01-02T03:04:05Z'"))
                .isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
    }

    private Object value(String condition) {
        return ((RequestFilter.Compare) where(condition)).value();
    }

    @Test
    void aValueThatDoesNotFitItsColumnIsBadInput() {
        assertRefused("SELECT order_id FROM sales.orders WHERE quantity > 1.5", ErrorCode.BAD_USER_INPUT,
                "literal '1.5'", "does not fit column quantity (INTEGER)");
        assertRefused("SELECT order_id FROM sales.orders WHERE quantity = 3000000000", ErrorCode.BAD_USER_INPUT,
                "does not fit column quantity");
        assertRefused("SELECT order_id FROM sales.orders WHERE order_id = 'abc'", ErrorCode.BAD_USER_INPUT,
                "does not fit column order_id (BIGINT)");
        assertRefused("SELECT order_id FROM sales.orders WHERE status = 5", ErrorCode.BAD_USER_INPUT,
                "does not fit column status (VARCHAR)");
        assertRefused("SELECT order_id FROM sales.orders WHERE order_date = 'tomorrow'", ErrorCode.BAD_USER_INPUT,
                "does not fit column order_date (DATE)");
        assertRefused("SELECT order_id FROM sales.orders WHERE paid = 'maybe'", ErrorCode.BAD_USER_INPUT,
                "does not fit column paid (BOOLEAN)");
        assertRefused("SELECT order_id FROM sales.orders WHERE status = NULL", ErrorCode.BAD_USER_INPUT,
                "with NULL matches no row; use IS NULL");
        assertRefused("SELECT order_id FROM sales.orders WHERE status IN ('a', NULL)", ErrorCode.BAD_USER_INPUT,
                "use IS NULL");
        assertRefused("SELECT order_id FROM sales.orders WHERE discount = 1e400", ErrorCode.BAD_USER_INPUT,
                "does not fit column discount (DOUBLE)");
    }

    @Test
    void orderByNameAliasOrPosition() {
        SqlRead.Rows rows = rows("SELECT status AS s, quantity FROM sales.orders"
                + " ORDER BY s DESC, 2, created_at ASC NULLS FIRST, order_id DESC NULLS LAST");

        assertThat(rows.request().orderBy()).containsExactly(
                new RequestedSort("status", SortDirection.DESC),
                new RequestedSort("quantity", SortDirection.ASC),
                new RequestedSort("createdAt", SortDirection.ASC),
                new RequestedSort("orderId", SortDirection.DESC));

        assertRefused("SELECT status FROM sales.orders ORDER BY status NULLS LAST", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "nulls sort first ascending and last descending");
        assertRefused("SELECT status FROM sales.orders ORDER BY 2", ErrorCode.BAD_USER_INPUT,
                "not a position in the select list (1 to 1)");
        assertRefused("SELECT status FROM sales.orders ORDER BY payload", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "ORDER BY payload");
        assertRefused("SELECT status FROM sales.orders ORDER BY count(*)", ErrorCode.BAD_USER_INPUT,
                "needs GROUP BY");
    }

    @Test
    void limitOffsetAndFetchFirst() {
        SqlRead.Rows rows = rows("SELECT order_id FROM sales.orders LIMIT 10 OFFSET 20");
        assertThat(rows.limit()).isEqualTo(OptionalLong.of(10));
        assertThat(rows.offset()).isEqualTo(20);

        SqlRead.Rows fetch = rows("SELECT order_id FROM sales.orders OFFSET 5 ROWS FETCH FIRST 3 ROWS ONLY");
        assertThat(fetch.limit()).isEqualTo(OptionalLong.of(3));
        assertThat(fetch.offset()).isEqualTo(5);

        assertThat(rows("SELECT order_id FROM sales.orders LIMIT 0").limit()).isEqualTo(OptionalLong.of(0));
        assertRefused("SELECT order_id FROM sales.orders LIMIT ?", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "LIMIT ?", "integer literals");
        assertRefused("SELECT order_id FROM sales.orders FETCH FIRST 10 PERCENT ROWS ONLY",
                ErrorCode.PUSHDOWN_UNSUPPORTED, "PERCENT");
    }

    @Test
    void parametersTakeTheirValuesInTextOrderConvertedToTheirColumns() {
        String sql = "SELECT order_id FROM sales.orders WHERE ? < quantity AND status IN (?, ?)"
                + " AND order_date BETWEEN ? AND ? AND created_at > ?";

        assertThat(statements.parameters(sql)).extracting(SqlColumn::name)
                .containsExactly("quantity", "status", "status", "order_date", "order_date", "created_at");
        RequestFilter filter = where("? < quantity AND status IN (?, ?) AND order_date BETWEEN ? AND ?"
                + " AND created_at > ?", 5L, "open", new org.apache.arrow.vector.util.Text("paid"),
                java.sql.Date.valueOf("2024-01-01"), "2024-12-31", java.time.Instant.parse("2024-06-01T00:00:00Z"));
        assertThat(filter).isEqualTo(new RequestFilter.And(List.of(
                compare("quantity", Operator.GT, 5),
                new RequestFilter.In("status", List.of("open", "paid"), false),
                new RequestFilter.And(List.of(
                        compare("orderDate", Operator.GTE, LocalDate.of(2024, 1, 1)),
                        compare("orderDate", Operator.LTE, LocalDate.of(2024, 12, 31)))),
                compare("createdAt", Operator.GT, OffsetDateTime.of(2024, 6, 1, 0, 0, 0, 0, ZoneOffset.UTC)))));
    }

    @Test
    void wrongParametersAreBadInput() {
        String sql = "SELECT order_id FROM sales.orders WHERE quantity = ? AND status = ?";

        assertError(() -> statements.read(sql, List.of(1)), ErrorCode.BAD_USER_INPUT,
                "the statement has 2 parameters (?), got 1 value");
        assertError(() -> statements.read("SELECT order_id FROM sales.orders", List.of(1)),
                ErrorCode.BAD_USER_INPUT, "has 0 parameters (?), got 1 value");
        assertError(() -> statements.read(sql, java.util.Arrays.asList(1, null)), ErrorCode.BAD_USER_INPUT,
                "parameter 2 (compared with column status) is null");
        assertError(() -> statements.read(sql, List.of(1.5, "x")), ErrorCode.BAD_USER_INPUT,
                "parameter 1 (1.5 of type Double) does not fit column quantity (INTEGER)");
        assertError(() -> statements.read(sql, List.of(1, 2)), ErrorCode.BAD_USER_INPUT,
                "parameter 2", "does not fit column status");
        assertError(() -> statements.read("SELECT order_id FROM sales.orders WHERE status LIKE ?", List.of("a_b%")),
                ErrorCode.PUSHDOWN_UNSUPPORTED, "LIKE pattern 'a_b%'");
        assertError(() -> statements.parameters("SELECT order_id FROM sales.orders WHERE nope = ?"),
                ErrorCode.BAD_USER_INPUT, "has no column nope");
    }

    @Test
    void whereRefusesWhatIsNotPushedDown() {
        assertRefused("SELECT order_id FROM sales.orders WHERE lower(status) = 'x'", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "the expression", "functions and arithmetic are not pushed down", "WHERE takes comparisons");
        assertRefused("SELECT order_id FROM sales.orders WHERE quantity + 1 = 2", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "the expression");
        assertRefused("SELECT order_id FROM sales.orders WHERE quantity = order_id", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "comparing two columns");
        assertRefused("SELECT order_id FROM sales.orders WHERE 1 = 1", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "the expression '1'");
        assertRefused("SELECT order_id FROM sales.orders WHERE status LIKE 'a%b'", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "LIKE pattern 'a%b'", "'abc%' (starts with) and '%abc%' (contains)");
        assertRefused("SELECT order_id FROM sales.orders WHERE status LIKE 'abc'", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "use = to match a whole value");
        assertRefused("SELECT order_id FROM sales.orders WHERE status LIKE '%a' ESCAPE '!'",
                ErrorCode.PUSHDOWN_UNSUPPORTED, "ESCAPE");
        assertRefused("SELECT order_id FROM sales.orders WHERE status ILIKE 'a%'", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "the condition");
        assertRefused("SELECT order_id FROM sales.orders WHERE quantity LIKE '1%'", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "LIKE 'abc%' on column quantity (INTEGER)", "it takes =, <>, >, >=, <, <=, IN, NOT IN");
        assertRefused("SELECT order_id FROM sales.orders WHERE paid > FALSE", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "> on column paid (BOOLEAN)");
        assertRefused("SELECT order_id FROM sales.orders WHERE payload IS NULL", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "cannot be filtered");
        assertRefused("SELECT order_id FROM sales.orders WHERE quantity BETWEEN SYMMETRIC 1 AND 2",
                ErrorCode.PUSHDOWN_UNSUPPORTED, "BETWEEN SYMMETRIC");
        assertRefused("SELECT order_id FROM sales.orders WHERE status IS DISTINCT FROM 'a'",
                ErrorCode.PUSHDOWN_UNSUPPORTED, "the condition");
    }

    @Test
    void statementShapesPorticoDoesNotPushDownAreRefusedSayingWhatIs() {
        assertRefused("SELECT order_id FROM sales.orders, sales.customers", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "FROM a, b", "JOIN <domain>.<b> y ON x.<col> = y.<col>");
        assertRefused("SELECT order_id FROM (SELECT order_id FROM sales.orders) t", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "subquery");
        assertRefused("SELECT order_id FROM sales.orders WHERE customer_id IN (SELECT customer_id FROM"
                + " sales.customers)", ErrorCode.PUSHDOWN_UNSUPPORTED, "subquery");
        assertRefused("SELECT order_id FROM sales.orders UNION SELECT customer_id FROM sales.customers",
                ErrorCode.PUSHDOWN_UNSUPPORTED, "UNION");
        assertRefused("WITH t AS (SELECT order_id FROM sales.orders) SELECT order_id FROM t",
                ErrorCode.PUSHDOWN_UNSUPPORTED, "WITH");
        assertRefused("SELECT DISTINCT status FROM sales.orders", ErrorCode.PUSHDOWN_UNSUPPORTED, "DISTINCT",
                "GROUP BY");
        assertRefused("SELECT status, count(*) FROM sales.orders GROUP BY status HAVING count(*) > 1",
                ErrorCode.PUSHDOWN_UNSUPPORTED, "HAVING");
        assertRefused("SELECT quantity * 2 FROM sales.orders", ErrorCode.PUSHDOWN_UNSUPPORTED, "the expression",
                "the select list, GROUP BY and ORDER BY take columns");
        assertRefused("SELECT upper(status) FROM sales.orders", ErrorCode.PUSHDOWN_UNSUPPORTED, "the expression");
        assertRefused("SELECT 1", ErrorCode.PUSHDOWN_UNSUPPORTED, "without FROM");
        assertRefused("SELECT order_id, ? FROM sales.orders", ErrorCode.PUSHDOWN_UNSUPPORTED, "the expression");
        assertRefused("SELECT date_trunc('month', created_at) FROM sales.orders", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "date_trunc outside GROUP BY");
        assertRefused("SELECT order_id FROM sales.orders ORDER BY ?", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "a parameter (?) in ORDER BY");
        assertRefused("SELECT order_id FROM sales.orders WHERE status = 'a' FOR UPDATE", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "a locking clause");
        assertRefused("SELECT order_id FROM sales.orders FOR SHARE", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "a locking clause");
    }

    @Test
    void anythingButOneSelectIsRefusedAsAStatement() {
        assertRefused("DELETE FROM sales.orders", ErrorCode.STATEMENT_REFUSED, "only SELECT is run, got DELETE");
        assertRefused("DROP TABLE sales.orders", ErrorCode.STATEMENT_REFUSED, "only SELECT is run, got DROP TABLE");
        assertRefused("INSERT INTO sales.orders (order_id) VALUES (1)", ErrorCode.STATEMENT_REFUSED,
                "only SELECT is run");
        assertRefused("UPDATE sales.orders SET status = 'x'", ErrorCode.STATEMENT_REFUSED, "only SELECT is run");
        assertRefused("CREATE TABLE x (a INT)", ErrorCode.STATEMENT_REFUSED, "only SELECT is run");
        assertRefused("SELECT order_id FROM sales.orders; DROP TABLE sales.orders", ErrorCode.STATEMENT_REFUSED,
                "one statement at a time, got 2");
        assertRefused("SELECT order_id INTO copy FROM sales.orders", ErrorCode.STATEMENT_REFUSED, "SELECT INTO");
        assertRefused("", ErrorCode.STATEMENT_REFUSED, "empty");
        assertRefused("SELEC order_id FROM sales.orders", ErrorCode.STATEMENT_REFUSED, "does not parse");
        assertRefused("SELECT order_id FROM sales.orders WHERE", ErrorCode.STATEMENT_REFUSED, "does not parse",
                "[1:");
    }

    @Test
    void theDocumentedExamplesAreRead() {
        SqlRead.Rows rows = rows("SELECT order_id, status AS state, o.total_amount FROM sales.orders o"
                + " WHERE status IN ('open', 'paid') AND total_amount >= ? AND (customer_id = 42 OR customer_id IS NULL)"
                + " ORDER BY created_at DESC, 1 LIMIT 100 OFFSET 200", new BigDecimal("10.00"));
        assertThat(rows.request().orderBy()).containsExactly(new RequestedSort("createdAt", SortDirection.DESC),
                new RequestedSort("orderId", SortDirection.ASC));

        SqlRead read = statements.read("SELECT status, date_trunc('month', created_at) AS month, count(*),"
                + " sum(total_amount) AS revenue, avg(total_amount), min(created_at), max(created_at),"
                + " count(DISTINCT customer_id) FROM sales.orders WHERE created_at >= TIMESTAMP '2024-01-01 00:00:00'"
                + " GROUP BY status, month ORDER BY revenue DESC LIMIT 10", List.of());
        assertThat(read).isInstanceOfSatisfying(SqlRead.Aggregate.class,
                aggregate -> assertThat(aggregate.outputs()).hasSize(8));
    }

    private static RequestFilter.Compare compare(String field, Operator operator, Object value) {
        return new RequestFilter.Compare(field, operator, value);
    }
}

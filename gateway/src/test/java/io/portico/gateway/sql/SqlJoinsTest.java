package io.portico.gateway.sql;

import static io.portico.gateway.sql.SqlStatementsTest.assertError;
import static io.portico.gateway.sql.SqlTestTables.CUSTOMERS;
import static io.portico.gateway.sql.SqlTestTables.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.plan.JoinRequest;
import io.portico.gateway.plan.JoinRequest.JoinField;
import io.portico.gateway.plan.JoinRequest.JoinType;
import io.portico.gateway.plan.JoinRequest.KeyPair;
import io.portico.gateway.plan.RequestFilter;
import io.portico.gateway.plan.SortDirection;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.error.ErrorCode;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Joins of tables of one port into {@link SqlRead.Join}: tables in FROM order with their ON keys, columns and labels
 * ({@code x.*} and {@code *} marked as such), WHERE over columns of any table by their qualified keys, ORDER BY by
 * column, position or alias, LIMIT and OFFSET; and every join Portico does not push down refused saying what it
 * does, a join across ports among them.
 */
class SqlJoinsTest {

    /** A table of another port, with a column named as one of sales.orders'. */
    private static final SqlTable ACCOUNTS = otherPort(new SqlTable("crm", "accounts", new DatasetBinding("crm-port",
            "crm", "accounts", "accounts", "DUCKDB", List.of(CUSTOMERS.columns().getFirst().field()),
            List.of("customerId")), List.of(CUSTOMERS.columns().getFirst())));

    private final SqlStatements statements = new SqlStatements(SqlTables.of(List.of(ORDERS, CUSTOMERS, ACCOUNTS)));

    private SqlRead.Join join(String sql, Object... parameters) {
        SqlRead read = statements.read(sql, List.of(parameters));
        assertThat(read).isInstanceOf(SqlRead.Join.class);
        return (SqlRead.Join) read;
    }

    private void assertRefused(String sql, ErrorCode code, String... fragments) {
        assertError(() -> statements.read(sql, List.of()), code, fragments);
    }

    @Test
    void anInnerJoinOfTwoTablesOfOnePortBecomesOneJoinRead() {
        SqlRead.Join join = join("SELECT o.order_id, c.name AS customer, o.total_amount FROM sales.orders o"
                + " JOIN sales.customers c ON o.customer_id = c.customer_id"
                + " WHERE c.name LIKE 'A%' AND o.quantity > 2 ORDER BY customer DESC, 1 LIMIT 10 OFFSET 5");

        assertThat(join.tables()).containsExactly(ORDERS, CUSTOMERS);
        assertThat(join.table()).isEqualTo(ORDERS);
        JoinRequest request = join.request();
        assertThat(request.sources()).extracting(JoinRequest.Source::binding)
                .containsExactly(ORDERS.binding(), CUSTOMERS.binding());
        assertThat(request.sources().get(1).type()).isEqualTo(JoinType.INNER);
        assertThat(request.sources().get(1).on()).containsExactly(
                new KeyPair(new JoinField(0, "customerId"), new JoinField(1, "customerId")));
        assertThat(join.outputs()).extracting(SqlRead.JoinOutput::label)
                .containsExactly("order_id", "customer", "total_amount");
        assertThat(request.selected()).containsExactly(new JoinField(0, "orderId"), new JoinField(1, "name"),
                new JoinField(0, "totalAmount"));
        assertThat(request.where()).isEqualTo(new RequestFilter.And(List.of(
                new RequestFilter.Compare("t2.name", RequestFilter.Operator.STARTS_WITH, "A"),
                new RequestFilter.Compare("t1.quantity", RequestFilter.Operator.GT, 2))));
        assertThat(request.orderBy()).containsExactly(
                new JoinRequest.Sort(new JoinField(1, "name"), SortDirection.DESC),
                new JoinRequest.Sort(new JoinField(0, "orderId"), SortDirection.ASC));
        assertThat(request.offset()).isEqualTo(5);
        assertThat(request.limit()).isEqualTo(OptionalLong.of(10));
    }

    @Test
    void onTakesEitherOrderAndSeveralEqualitiesAndLeftJoinsAreKept() {
        SqlRead.Join join = join("SELECT orders.order_id, customers.name FROM sales.orders"
                + " LEFT JOIN sales.customers ON customers.customer_id = orders.customer_id"
                + " AND customers.name = orders.status");

        assertThat(join.request().sources().get(1).type()).isEqualTo(JoinType.LEFT);
        assertThat(join.request().sources().get(1).on()).containsExactly(
                new KeyPair(new JoinField(0, "customerId"), new JoinField(1, "customerId")),
                new KeyPair(new JoinField(0, "status"), new JoinField(1, "name")));
        assertThat(join.request().joinKeys(0)).containsExactly("customerId", "status");
        assertThat(join.request().joinKeys(1)).containsExactly("customerId", "name");
    }

    @Test
    void aThirdTableJoinsToAnyTableBeforeIt() {
        SqlRead.Join join = join("SELECT o.order_id, p.order_id AS other FROM sales.orders o"
                + " JOIN sales.customers c ON o.customer_id = c.customer_id"
                + " LEFT JOIN sales.orders p ON p.customer_id = c.customer_id AND p.status = o.status");

        assertThat(join.tables()).containsExactly(ORDERS, CUSTOMERS, ORDERS);
        assertThat(join.request().sources().get(2).type()).isEqualTo(JoinType.LEFT);
        assertThat(join.request().sources().get(2).on()).containsExactly(
                new KeyPair(new JoinField(1, "customerId"), new JoinField(2, "customerId")),
                new KeyPair(new JoinField(0, "status"), new JoinField(2, "status")));
        assertThat(join.request().selected()).containsExactly(new JoinField(0, "orderId"),
                new JoinField(2, "orderId"));
        assertRefused("SELECT o.order_id FROM sales.orders o JOIN sales.customers c ON o.customer_id = p.customer_id"
                + " JOIN sales.orders p ON p.customer_id = c.customer_id", ErrorCode.BAD_USER_INPUT,
                "names no table of the join");
    }

    @Test
    void starAndQualifiedStarExpandToTheirTablesColumnsMarkedAsStarred() {
        SqlRead.Join all = join("SELECT * FROM sales.orders o JOIN sales.customers c ON o.customer_id = c.customer_id");
        assertThat(all.outputs()).hasSize(ORDERS.columns().size() + CUSTOMERS.columns().size())
                .allMatch(SqlRead.JoinOutput::fromStar);

        SqlRead.Join customers = join("SELECT o.order_id, c.* FROM sales.orders o JOIN sales.customers c"
                + " ON o.customer_id = c.customer_id");
        assertThat(customers.outputs()).extracting(SqlRead.JoinOutput::label)
                .containsExactly("order_id", "customer_id", "name");
        assertThat(customers.outputs()).extracting(SqlRead.JoinOutput::fromStar).containsExactly(false, true, true);
        assertThat(customers.outputs().get(1).field()).isEqualTo(new JoinField(1, "customerId"));
    }

    @Test
    void anUnqualifiedColumnOfOneTableNeedsNoQualifierAndParametersDescribeTheirColumns() {
        SqlRead.Join join = join("SELECT order_id, name FROM sales.orders o JOIN sales.customers c"
                + " ON o.customer_id = c.customer_id WHERE name = ? AND quantity IN (?, ?)", "Ada", 1, 2);

        assertThat(join.request().selected()).containsExactly(new JoinField(0, "orderId"), new JoinField(1, "name"));
        assertThat(join.request().where().fields()).containsExactlyInAnyOrder("t2.name", "t1.quantity");
        assertThat(statements.parameters("SELECT order_id FROM sales.orders o JOIN sales.customers c"
                + " ON o.customer_id = c.customer_id WHERE c.name = ? AND o.quantity > ?"))
                .extracting(SqlColumn::name).containsExactly("name", "quantity");
    }

    @Test
    void anAmbiguousOrUnknownReferenceIsTheCallersMistake() {
        assertRefused("SELECT customer_id FROM sales.orders o JOIN sales.customers c ON o.customer_id = c.customer_id",
                ErrorCode.BAD_USER_INPUT, "customer_id is ambiguous", "o, c", "qualify it");
        assertRefused("SELECT x.order_id FROM sales.orders o JOIN sales.customers c ON o.customer_id = c.customer_id",
                ErrorCode.BAD_USER_INPUT, "names no table of the join (o, c)");
        assertRefused("SELECT c.order_id FROM sales.orders o JOIN sales.customers c ON o.customer_id = c.customer_id",
                ErrorCode.BAD_USER_INPUT, "sales.customers has no column order_id");
        assertRefused("SELECT o.order_id FROM sales.orders o JOIN sales.orders o ON o.order_id = o.order_id",
                ErrorCode.BAD_USER_INPUT, "names o twice");
        assertRefused("SELECT o.order_id FROM sales.orders o JOIN sales.customers c ON o.customer_id = c.customer_id"
                + " ORDER BY 3", ErrorCode.BAD_USER_INPUT, "not a position");
    }

    @Test
    void aJoinOfTablesOfDifferentPortsIsRefusedNamingTablesAndPorts() {
        assertRefused("SELECT o.order_id FROM sales.orders o JOIN crm.accounts a ON o.customer_id = a.customer_id",
                ErrorCode.PUSHDOWN_UNSUPPORTED, "joins are pushed down only between datasets of the same port;"
                        + " sales.orders is served by port sales-port, crm.accounts by port crm-port");
    }

    @Test
    void joinsPorticoDoesNotPushDownAreRefusedSayingWhatItDoes() {
        String on = " ON o.customer_id = c.customer_id";
        assertRefused("SELECT o.order_id FROM sales.orders o RIGHT JOIN sales.customers c" + on,
                ErrorCode.PUSHDOWN_UNSUPPORTED, "only JOIN (inner) and LEFT JOIN");
        assertRefused("SELECT o.order_id FROM sales.orders o FULL JOIN sales.customers c" + on,
                ErrorCode.PUSHDOWN_UNSUPPORTED, "only JOIN (inner) and LEFT JOIN");
        assertRefused("SELECT o.order_id FROM sales.orders o CROSS JOIN sales.customers c",
                ErrorCode.PUSHDOWN_UNSUPPORTED, "only JOIN (inner) and LEFT JOIN");
        assertRefused("SELECT o.order_id FROM sales.orders o NATURAL JOIN sales.customers c",
                ErrorCode.PUSHDOWN_UNSUPPORTED, "only JOIN (inner) and LEFT JOIN");
        assertRefused("SELECT order_id FROM sales.orders JOIN sales.customers USING (customer_id)",
                ErrorCode.PUSHDOWN_UNSUPPORTED, "USING");
        assertRefused("SELECT o.order_id FROM sales.orders o JOIN sales.customers c ON o.customer_id < c.customer_id",
                ErrorCode.PUSHDOWN_UNSUPPORTED, "ON takes equalities");
        assertRefused("SELECT o.order_id FROM sales.orders o LEFT JOIN sales.customers c" + on + " AND c.name = 'x'",
                ErrorCode.PUSHDOWN_UNSUPPORTED, "ON takes equalities", "filter rows with WHERE");
        assertRefused("SELECT o.order_id FROM sales.orders o JOIN sales.customers c ON o.customer_id = o.order_id",
                ErrorCode.PUSHDOWN_UNSUPPORTED, "compares a column of the table it joins (c)");
        assertRefused("SELECT count(*) FROM sales.orders o JOIN sales.customers c" + on,
                ErrorCode.PUSHDOWN_UNSUPPORTED, "aggregates and GROUP BY over a join are not pushed down");
        assertRefused("SELECT c.name FROM sales.orders o JOIN sales.customers c" + on + " GROUP BY c.name",
                ErrorCode.PUSHDOWN_UNSUPPORTED, "GROUP BY over a join");
        assertRefused("SELECT o.order_id FROM sales.orders o JOIN (SELECT customer_id FROM sales.customers) c" + on,
                ErrorCode.PUSHDOWN_UNSUPPORTED, "subquery");
        assertRefused("SELECT o.order_id FROM sales.orders o JOIN (sales.customers c JOIN sales.orders p"
                + " ON c.customer_id = p.customer_id)" + on, ErrorCode.PUSHDOWN_UNSUPPORTED, "nested join");
        assertRefused("SELECT o.order_id FROM sales.orders o JOIN sales.customers c" + on
                + " WHERE o.status = c.name", ErrorCode.PUSHDOWN_UNSUPPORTED, "comparing two columns");
    }

    private static SqlTable otherPort(SqlTable table) {
        return table;
    }
}

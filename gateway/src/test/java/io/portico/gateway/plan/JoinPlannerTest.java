package io.portico.gateway.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.gateway.plan.JoinRequest.JoinField;
import io.portico.gateway.plan.JoinRequest.JoinType;
import io.portico.gateway.plan.JoinRequest.KeyPair;
import io.portico.gateway.plan.JoinRequest.Source;
import io.portico.policies.filter.ComparisonOperator;
import io.portico.policies.filter.Operand;
import io.portico.policies.filter.RowPredicate;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The join planner's one statement: its text as rendered for DuckDB (aliases, qualified columns, each row filter in a
 * derived table of its own dataset, ON, WHERE, ORDER BY, LIMIT/OFFSET), and its rows against a real DuckDB equal to
 * the same join written by hand, the row filter of the joined dataset applied before a LEFT JOIN pairs rows.
 */
class JoinPlannerTest {

    private static final DatasetBinding ORDERS = new DatasetBinding("shop-port", "shop", "orders", "shop_orders",
            "DUCKDB", List.of(binding("orderId", "order_id", new ArrowType.Int(64, true)),
                    binding("customerId", "customer_id", new ArrowType.Int(64, true)),
                    binding("amount", "amount", new ArrowType.Int(32, true)),
                    binding("region", "region", ArrowType.Utf8.INSTANCE)),
            List.of("orderId"));
    private static final DatasetBinding CUSTOMERS = new DatasetBinding("shop-port", "shop", "customers",
            "shop_customers", "DUCKDB", List.of(binding("customerId", "customer_id", new ArrowType.Int(64, true)),
                    binding("region", "region", ArrowType.Utf8.INSTANCE),
                    binding("name", "name", ArrowType.Utf8.INSTANCE)),
            List.of("customerId"));

    private static Connection duckdb;

    private final JoinPlanner planner = new QueryPlanner(1_000).joins();

    @BeforeAll
    static void createTables() throws SQLException {
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = duckdb.createStatement()) {
            statement.execute("CREATE TABLE shop_customers (customer_id BIGINT, region VARCHAR, name VARCHAR)");
            statement.execute("INSERT INTO shop_customers SELECT i, ['EMEA', 'APAC', 'AMER'][i % 3 + 1],"
                    + " 'customer ' || i FROM range(1, 31) t(i)");
            // orders carry a region column too: a row filter over customers' region must not be read over it
            statement.execute("CREATE TABLE shop_orders (order_id BIGINT, customer_id BIGINT, amount INTEGER,"
                    + " region VARCHAR)");
            statement.execute("INSERT INTO shop_orders SELECT i, i % 30 + 1, CAST(i * 3 AS INTEGER), 'EMEA'"
                    + " FROM range(1, 121) t(i)");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        duckdb.close();
    }

    @Test
    void aJoinIsOneStatementWithQualifiedColumnsAndEachRowFilterInsideItsOwnDataset() {
        JoinPlan plan = planner.plan(request(JoinType.INNER, new RequestFilter.Compare("t1.amount",
                RequestFilter.Operator.GT, 30), OptionalLong.of(5), 2), List.of(DSL.trueCondition(), emea()));

        assertThat(plan.statement().statement()).isEqualTo("select \"t1\".\"order_id\" \"t1_order_id\","
                + " \"t2\".\"name\" \"t2_name\" from \"shop_orders\" \"t1\" join (select \"name\", \"customer_id\""
                + " from \"shop_customers\" where \"region\" = 'EMEA') \"t2\" on \"t1\".\"customer_id\" ="
                + " \"t2\".\"customer_id\" where \"t1\".\"amount\" > 30 order by \"t2\".\"name\" desc nulls last,"
                + " \"t1\".\"order_id\" asc nulls first limit 5 offset 2");
        assertThat(plan.statement().sql()).as("values are placeholders in the compared text").doesNotContain("30");
        assertThat(plan.portId()).isEqualTo("shop-port");
        assertThat(plan.columns()).containsExactly(new JoinField(0, "orderId"), new JoinField(1, "name"));
    }

    @Test
    void theRowsAreThoseOfTheJoinWrittenByHandWithTheFilteredDatasetsHiddenRowsAbsent() throws SQLException {
        JoinPlan inner = planner.plan(request(JoinType.INNER, RequestFilter.ALL, OptionalLong.empty(), 0),
                List.of(DSL.trueCondition(), emea()));
        assertThat(rows(inner.statement().statement())).isEqualTo(rows("SELECT o.order_id, c.name FROM shop_orders o"
                + " JOIN shop_customers c ON o.customer_id = c.customer_id WHERE c.region = 'EMEA'"
                + " ORDER BY c.name DESC, o.order_id")).hasSize(40);

        JoinPlan left = planner.plan(request(JoinType.LEFT, RequestFilter.ALL, OptionalLong.empty(), 0),
                List.of(DSL.trueCondition(), emea()));
        List<List<Object>> leftRows = rows(left.statement().statement());
        assertThat(leftRows).as("every order, its customer's name only where the customer may be seen").hasSize(120)
                .isEqualTo(rows("SELECT o.order_id, CASE WHEN c.region = 'EMEA' THEN c.name END AS name"
                        + " FROM shop_orders o JOIN shop_customers c ON o.customer_id = c.customer_id"
                        + " ORDER BY name DESC NULLS LAST, o.order_id"));
    }

    @Test
    void aFilterOnTheFirstDatasetStaysOnItsRowsWhenAnotherDatasetHasAColumnOfTheSameName() throws SQLException {
        Condition apac = new RowFilterTranslator(ORDERS).translate(new RowPredicate.Comparison("region",
                ComparisonOperator.EQUAL, new Operand.Literal("APAC")));
        JoinPlan plan = planner.plan(request(JoinType.INNER, RequestFilter.ALL, OptionalLong.empty(), 0),
                List.of(apac, DSL.trueCondition()));

        assertThat(rows(plan.statement().statement())).as("no order is of region APAC").isEmpty();
    }

    @Test
    void datasetsOfDifferentPortsAreNotJoined() {
        DatasetBinding elsewhere = new DatasetBinding("crm-port", "crm", "customers", "customers", "DUCKDB",
                CUSTOMERS.fields(), CUSTOMERS.keyFields());
        JoinRequest request = new JoinRequest(List.of(new Source(ORDERS, null, List.of()),
                new Source(elsewhere, JoinType.INNER, List.of(new KeyPair(new JoinField(0, "customerId"),
                        new JoinField(1, "customerId"))))), List.of(new JoinField(0, "orderId")), RequestFilter.ALL,
                List.of(), 0, OptionalLong.empty());

        assertThatThrownBy(() -> planner.plan(request, List.of(DSL.trueCondition(), DSL.trueCondition())))
                .isInstanceOfSatisfying(PorticoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PUSHDOWN_UNSUPPORTED);
                    assertThat(e.getMessage()).isEqualTo("joins are pushed down only between datasets of the same"
                            + " port; shop.orders is served by port shop-port, crm.customers by port crm-port");
                });
    }

    @Test
    void aFieldTheDatasetDoesNotHaveIsTheCallersMistake() {
        JoinRequest request = request(JoinType.INNER, new RequestFilter.Compare("t2.orderId",
                RequestFilter.Operator.EQ, 1), OptionalLong.empty(), 0);

        assertThatThrownBy(() -> planner.plan(request, List.of(DSL.trueCondition(), DSL.trueCondition())))
                .isInstanceOfSatisfying(PorticoException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.BAD_USER_INPUT));
    }

    /** Orders with their customer's name, by name descending then order id. */
    private static JoinRequest request(JoinType type, RequestFilter where, OptionalLong limit, long offset) {
        return new JoinRequest(List.of(new Source(ORDERS, null, List.of()),
                new Source(CUSTOMERS, type, List.of(new KeyPair(new JoinField(0, "customerId"),
                        new JoinField(1, "customerId"))))),
                List.of(new JoinField(0, "orderId"), new JoinField(1, "name")), where,
                List.of(new JoinRequest.Sort(new JoinField(1, "name"), SortDirection.DESC),
                        new JoinRequest.Sort(new JoinField(0, "orderId"), SortDirection.ASC)),
                offset, limit);
    }

    private static Condition emea() {
        return new RowFilterTranslator(CUSTOMERS).translate(new RowPredicate.Comparison("region",
                ComparisonOperator.EQUAL, new Operand.Literal("EMEA")));
    }

    private static List<List<Object>> rows(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = duckdb.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(java.util.Arrays.asList(result.getObject(1), result.getObject(2)));
            }
        }
        return rows;
    }

    private static FieldBinding binding(String graphQLName, String column, ArrowType type) {
        return new FieldBinding(graphQLName, column, new Field(column, FieldType.nullable(type), null), null);
    }
}

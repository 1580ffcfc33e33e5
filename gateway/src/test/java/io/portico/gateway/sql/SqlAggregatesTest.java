package io.portico.gateway.sql;

import static io.portico.gateway.sql.SqlStatementsTest.assertError;
import static io.portico.gateway.sql.SqlTestTables.TABLES;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.plan.AggregateFunction;
import io.portico.gateway.plan.AggregateRequest;
import io.portico.gateway.plan.AggregateRequest.AggregateOrder;
import io.portico.gateway.plan.AggregateRequest.GroupKey;
import io.portico.gateway.plan.AggregateRequest.Measure;
import io.portico.gateway.plan.RequestFilter;
import io.portico.gateway.plan.SortDirection;
import io.portico.gateway.plan.TimeBucket;
import io.portico.schema.error.ErrorCode;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Statements with aggregates and GROUP BY, and what they refuse. */
class SqlAggregatesTest {

    private static final Measure SUM = new Measure(AggregateFunction.SUM, "totalAmount");
    private static final Measure AVG = new Measure(AggregateFunction.AVG, "discount");
    private static final Measure MIN = new Measure(AggregateFunction.MIN, "createdAt");
    private static final Measure MAX = new Measure(AggregateFunction.MAX, "quantity");
    private static final Measure DISTINCT = new Measure(AggregateFunction.COUNT_DISTINCT, "customerId");

    private final SqlStatements statements = new SqlStatements(TABLES, 500);

    private SqlRead.Aggregate aggregate(String sql, Object... parameters) {
        return (SqlRead.Aggregate) statements.read(sql, List.of(parameters));
    }

    private void assertRefused(String sql, ErrorCode code, String... fragments) {
        assertError(() -> statements.read(sql, List.of()), code, fragments);
    }

    @Test
    void aggregatesWithoutGroupByAreOneGroup() {
        SqlRead.Aggregate aggregate = aggregate("SELECT count(*), sum(total_amount) AS revenue, avg(discount),"
                + " min(created_at), max(quantity), count(DISTINCT customer_id), count(order_id) AS orders"
                + " FROM sales.orders WHERE status = ?", "open");

        AggregateRequest request = aggregate.request();
        assertThat(request.groupBy()).isEmpty();
        assertThat(request.measures()).containsExactly(SUM, AVG, MIN, MAX, DISTINCT);
        assertThat(request.where()).isEqualTo(new RequestFilter.Compare("status", RequestFilter.Operator.EQ, "open"));
        assertThat(request.timeZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(request.totalCountRequested()).isFalse();
        assertThat(request.first()).isEqualTo(500);
        assertThat(aggregate.outputs()).containsExactly(
                new SqlRead.CountOutput("count"),
                new SqlRead.MeasureOutput("revenue", SUM),
                new SqlRead.MeasureOutput("avg", AVG),
                new SqlRead.MeasureOutput("min", MIN),
                new SqlRead.MeasureOutput("max", MAX),
                new SqlRead.MeasureOutput("count", DISTINCT),
                new SqlRead.CountOutput("orders"));
    }

    @Test
    void countOfANullableColumnIsRefusedSayingHowToWriteIt() {
        assertRefused("SELECT count(status) FROM sales.orders", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "count(status) of a nullable column", "count(*) with WHERE status IS NOT NULL",
                "count(DISTINCT status)");
        assertRefused("SELECT sum(DISTINCT quantity) FROM sales.orders", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "only count takes DISTINCT");
        assertRefused("SELECT sum(quantity * 2) FROM sales.orders", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "of an expression");
        assertRefused("SELECT sum(quantity) OVER () FROM sales.orders", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "window function");
        assertRefused("SELECT count(*) FILTER (WHERE paid) FROM sales.orders", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "FILTER (WHERE ...)");
    }

    @Test
    void groupByColumnsAndBuckets() {
        SqlRead.Aggregate aggregate = aggregate("SELECT status, date_trunc('month', created_at) AS month,"
                + " count(*) FROM sales.orders GROUP BY status, date_trunc('month', created_at)");

        assertThat(aggregate.request().groupBy()).containsExactly(new GroupKey("status", null),
                new GroupKey("createdAt", TimeBucket.MONTH));
        assertThat(aggregate.outputs()).containsExactly(new SqlRead.GroupKeyOutput("status", 0),
                new SqlRead.GroupKeyOutput("month", 1), new SqlRead.CountOutput("count"));
    }

    @Test
    void aBucketIsGroupedByByExpressionAliasOrPosition() {
        List<GroupKey> expected = List.of(new GroupKey("orderDate", TimeBucket.WEEK));
        for (String groupBy : List.of("date_trunc('week', order_date)", "w", "1", "DATE_TRUNC('WEEK', o.order_date)")) {
            SqlRead.Aggregate aggregate = aggregate("SELECT date_trunc('week', order_date) AS w, sum(total_amount)"
                    + " FROM sales.orders o GROUP BY " + groupBy);
            assertThat(aggregate.request().groupBy()).as(groupBy).isEqualTo(expected);
            assertThat(aggregate.outputs().getFirst()).isEqualTo(new SqlRead.GroupKeyOutput("w", 0));
        }
        SqlRead.Aggregate unlabelled = aggregate("SELECT date_trunc('day', updated_at), count(*) FROM sales.orders"
                + " GROUP BY 1");
        assertThat(unlabelled.outputs().getFirst()).isEqualTo(new SqlRead.GroupKeyOutput("date_trunc", 0));
    }

    @ParameterizedTest
    @EnumSource(TimeBucket.class)
    void everyBucketUnit(TimeBucket bucket) {
        String unit = bucket.name().toLowerCase(java.util.Locale.ROOT);
        SqlRead.Aggregate aggregate = aggregate("SELECT date_trunc('" + unit + "', created_at), count(*)"
                + " FROM sales.orders GROUP BY 1");

        assertThat(aggregate.request().groupBy()).containsExactly(new GroupKey("createdAt", bucket));
    }

    @Test
    void aGroupKeyNotSelectedIsStillAKey() {
        SqlRead.Aggregate aggregate = aggregate("SELECT count(*) FROM sales.orders GROUP BY status");

        assertThat(aggregate.request().groupBy()).containsExactly(new GroupKey("status", null));
        assertThat(aggregate.outputs()).containsExactly(new SqlRead.CountOutput("count"));
    }

    @Test
    void orderByKeyCountOrMeasureByExpressionAliasOrPosition() {
        SqlRead.Aggregate aggregate = aggregate("SELECT status AS s, count(*) AS n, sum(total_amount) AS revenue"
                + " FROM sales.orders GROUP BY status ORDER BY revenue DESC, 2, s DESC, count(*) DESC,"
                + " sum(total_amount), status, max(quantity) DESC");

        assertThat(aggregate.request().orderBy()).containsExactly(
                new AggregateOrder.ByMeasure(SUM, SortDirection.DESC),
                new AggregateOrder.ByCount(SortDirection.ASC),
                new AggregateOrder.ByKey("status", SortDirection.DESC),
                new AggregateOrder.ByCount(SortDirection.DESC),
                new AggregateOrder.ByMeasure(SUM, SortDirection.ASC),
                new AggregateOrder.ByKey("status", SortDirection.ASC),
                new AggregateOrder.ByMeasure(MAX, SortDirection.DESC));
        assertThat(aggregate.request().measures()).containsExactly(SUM);
        assertThat(aggregate.request().measuresComputed()).containsExactly(SUM, MAX);

        SqlRead.Aggregate byBucket = aggregate("SELECT date_trunc('year', order_date) AS y, count(*)"
                + " FROM sales.orders GROUP BY y ORDER BY date_trunc('year', order_date) DESC");
        assertThat(byBucket.request().orderBy()).containsExactly(new AggregateOrder.ByKey("orderDate",
                SortDirection.DESC));
    }

    @Test
    void aColumnNeitherGroupedNorAggregatedIsBadInput() {
        assertRefused("SELECT status, count(*) FROM sales.orders", ErrorCode.BAD_USER_INPUT,
                "column status must appear in GROUP BY or be used in an aggregate function");
        assertRefused("SELECT status, paid, count(*) FROM sales.orders GROUP BY status", ErrorCode.BAD_USER_INPUT,
                "column paid must appear in GROUP BY");
        assertRefused("SELECT created_at, count(*) FROM sales.orders GROUP BY date_trunc('day', created_at)",
                ErrorCode.BAD_USER_INPUT, "column created_at must appear in GROUP BY");
        assertRefused("SELECT date_trunc('month', created_at), count(*) FROM sales.orders GROUP BY created_at",
                ErrorCode.BAD_USER_INPUT, "date_trunc('month', created_at) must appear in GROUP BY");
        assertRefused("SELECT status, count(*) FROM sales.orders GROUP BY status ORDER BY paid",
                ErrorCode.BAD_USER_INPUT, "column paid must appear in GROUP BY");
        assertRefused("SELECT status, count(*) FROM sales.orders GROUP BY 2", ErrorCode.BAD_USER_INPUT,
                "GROUP BY '2' names an aggregate");
        assertRefused("SELECT status, count(*) FROM sales.orders GROUP BY 3", ErrorCode.BAD_USER_INPUT,
                "not a position in the select list (1 to 2)");
    }

    @Test
    void limitIsTheNumberOfGroupsAndOffsetIsRefused() {
        assertThat(aggregate("SELECT status, count(*) FROM sales.orders GROUP BY status LIMIT 7").request().first())
                .isEqualTo(7);
        assertThat(aggregate("SELECT status, count(*) FROM sales.orders GROUP BY status FETCH FIRST 3 ROWS ONLY")
                .request().first()).isEqualTo(3);
        assertThat(aggregate("SELECT status, count(*) FROM sales.orders GROUP BY status OFFSET 0").request().first())
                .isEqualTo(500);

        assertRefused("SELECT status, count(*) FROM sales.orders GROUP BY status LIMIT 501", ErrorCode.BAD_USER_INPUT,
                "LIMIT 501 is more groups than the 500 returned at most");
        assertRefused("SELECT status, count(*) FROM sales.orders GROUP BY status LIMIT 5 OFFSET 5",
                ErrorCode.PUSHDOWN_UNSUPPORTED, "OFFSET on an aggregate");
    }

    @Test
    void groupingRefusals() {
        assertRefused("SELECT *, count(*) FROM sales.orders GROUP BY status", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "* with aggregates");
        assertRefused("SELECT date_trunc('millennium', created_at), count(*) FROM sales.orders GROUP BY 1",
                ErrorCode.PUSHDOWN_UNSUPPORTED, "date_trunc to 'millennium'", "hour, day, week, month, quarter");
        assertRefused("SELECT count(*) FROM sales.orders GROUP BY ROLLUP (status)", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "GROUP BY");
        assertRefused("SELECT count(*) FROM sales.orders GROUP BY quantity + 1", ErrorCode.PUSHDOWN_UNSUPPORTED,
                "the expression");
        assertRefused("SELECT count(*) FROM sales.orders GROUP BY nope", ErrorCode.BAD_USER_INPUT,
                "has no column nope");
    }
}

package io.portico.gateway.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.plan.AggregatePlan;
import io.portico.gateway.plan.DatasetRequest;
import io.portico.gateway.plan.QueryPlan;
import io.portico.gateway.plan.QueryPlanner;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The requests a statement becomes are the statement: planned by the gateway's own planner and run on a real
 * in-memory H2 database, they answer what H2 answers to the statement itself (the table named without its domain).
 * So the values converted for the filter translation bind as the planner expects, and the outputs map an aggregate
 * plan's columns back to the select list.
 */
class SqlPlannedOnH2Test {

    private static final SqlTable ORDERS = table();
    private static final SqlStatements STATEMENTS = new SqlStatements(SqlTables.of(List.of(ORDERS)), 1_000);
    private static final QueryPlanner PLANNER = new QueryPlanner(1_000);

    private static Connection h2;

    @BeforeAll
    static void createOrders() throws SQLException {
        h2 = DriverManager.getConnection("jdbc:h2:mem:sql_statements;DATABASE_TO_LOWER=TRUE;TIME ZONE=UTC");
        try (Statement statement = h2.createStatement()) {
            statement.execute("CREATE TABLE orders (order_id BIGINT PRIMARY KEY, customer_id BIGINT, status VARCHAR,"
                    + " total_amount DECIMAL(12,2), quantity INTEGER, discount DOUBLE PRECISION, paid BOOLEAN,"
                    + " created_at TIMESTAMP WITH TIME ZONE, updated_at TIMESTAMP, order_date DATE)");
            statement.execute("INSERT INTO orders SELECT n, MOD(n, 13), CASE MOD(n, 4) WHEN 0 THEN 'open'"
                    + " WHEN 1 THEN 'paid' WHEN 2 THEN 'it''s shipped' ELSE NULL END, n * 1.25, CAST(MOD(n, 7) AS INTEGER),"
                    + " MOD(n, 5) * 0.5, MOD(n, 3) = 0,"
                    + " TIMESTAMP WITH TIME ZONE '2024-01-01 00:00:00+00' + n * INTERVAL '37' HOUR,"
                    + " TIMESTAMP '2024-01-01 00:00:00' + n * INTERVAL '11' HOUR,"
                    + " DATE '2024-01-01' + CAST(n * 3 AS INTEGER) FROM (SELECT \"X\" AS n FROM SYSTEM_RANGE(1, 300)) numbers");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        h2.close();
    }

    @Test
    void rowsAnswerWhatTheStatementAnswers() throws SQLException {
        List<String> statements = List.of(
                "SELECT order_id, status, total_amount FROM sales.orders WHERE status = 'it''s shipped'"
                        + " ORDER BY order_id LIMIT 20",
                "SELECT o.order_id AS id, o.quantity FROM sales.orders o WHERE o.quantity BETWEEN 2 AND 4"
                        + " AND (o.status LIKE 'op%' OR o.status LIKE '%ship%' OR o.status IS NULL)"
                        + " ORDER BY 2 DESC, id LIMIT 25",
                "SELECT order_id, created_at FROM sales.orders WHERE created_at >= TIMESTAMP '2024-03-01 00:00:00'"
                        + " AND order_date < DATE '2024-06-01' AND NOT paid AND discount <> 1.5"
                        + " AND customer_id NOT IN (1, 2, 3) ORDER BY created_at DESC, order_id LIMIT 30",
                "SELECT order_id, updated_at FROM sales.orders WHERE updated_at > '2024-02-01 10:00:00'"
                        + " AND total_amount >= 100 AND total_amount <= 150.5 ORDER BY order_id LIMIT 40");
        for (String sql : statements) {
            SqlRead.Rows read = (SqlRead.Rows) STATEMENTS.read(sql, List.of());
            DatasetRequest request = read.request();
            int limit = (int) read.limit().orElseThrow();
            QueryPlan plan = PLANNER.plan(ORDERS.binding(), new DatasetRequest(request.selectedFields(),
                    request.where(), request.orderBy(), limit, null, false), DSL.trueCondition());
            List<List<Object>> planned = new ArrayList<>();
            for (List<Object> row : rows(plan.pageQuery().statement())) {
                planned.add(read.columns().stream()
                        .map(column -> row.get(plan.columnIndex(column.field().graphQLName()))).toList());
            }

            List<List<Object>> direct = rows(direct(sql));
            assertThat(direct).as(sql).isNotEmpty();
            assertThat(planned.subList(0, Math.min(limit, planned.size())).toString()).as(sql)
                    .isEqualTo(direct.toString());
        }
    }

    @Test
    void aggregatesAnswerWhatTheStatementAnswers() throws SQLException {
        List<String> statements = List.of(
                "SELECT status, count(*) AS n, sum(total_amount), max(quantity) FROM sales.orders"
                        + " WHERE order_id > 10 GROUP BY status ORDER BY n DESC, status NULLS FIRST LIMIT 10",
                "SELECT date_trunc('month', created_at) AS mon, paid, count(DISTINCT customer_id),"
                        + " min(created_at), avg(discount) FROM sales.orders GROUP BY date_trunc('month', created_at), paid"
                        + " ORDER BY mon, paid NULLS FIRST LIMIT 50",
                "SELECT count(*), sum(quantity), count(order_id) FROM sales.orders WHERE status IN ('open', 'paid')");
        for (String sql : statements) {
            SqlRead.Aggregate read = (SqlRead.Aggregate) STATEMENTS.read(sql, List.of());
            AggregatePlan plan = PLANNER.aggregates().plan(ORDERS.binding(), read.request(), DSL.trueCondition());
            List<List<Object>> planned = new ArrayList<>();
            for (List<Object> row : rows(plan.statement().statement())) {
                planned.add(read.outputs().stream().map(output -> switch (output) {
                    case SqlRead.GroupKeyOutput key -> row.get(plan.keyColumn(key.groupKey()));
                    case SqlRead.CountOutput count -> row.get(plan.countColumn());
                    case SqlRead.MeasureOutput measure -> plan.measureValue(measure.measure(), row::get);
                }).toList());
            }

            List<List<Object>> direct = rows(direct(sql));
            assertThat(direct).as(sql).isNotEmpty();
            assertThat(planned.toString()).as(sql).isEqualTo(direct.toString());
        }
    }

    /** The statement as H2 runs it: the table without its domain, a mean of doubles a double (H2's is DECFLOAT). */
    private static String direct(String sql) {
        return sql.replace("sales.orders", "orders").replace("avg(discount)", "CAST(avg(discount) AS DOUBLE PRECISION)");
    }

    private static List<List<Object>> rows(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = h2.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    row.add(result.getObject(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static SqlTable table() {
        List<SqlColumn> columns = List.of(
                column("order_id", "orderId", new ArrowType.Int(64, true), false),
                column("customer_id", "customerId", new ArrowType.Int(64, true), true),
                column("status", "status", ArrowType.Utf8.INSTANCE, true),
                column("total_amount", "totalAmount", new ArrowType.Decimal(12, 2, 128), true),
                column("quantity", "quantity", new ArrowType.Int(32, true), true),
                column("discount", "discount", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), true),
                column("paid", "paid", ArrowType.Bool.INSTANCE, true),
                column("created_at", "createdAt", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), true),
                column("updated_at", "updatedAt", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null), true),
                column("order_date", "orderDate", new ArrowType.Date(DateUnit.DAY), true));
        List<FieldBinding> fields = columns.stream().map(SqlColumn::field).toList();
        return new SqlTable("sales", "orders", new DatasetBinding("sales-port", "sales", "orders", "orders", "H2",
                fields, List.of("orderId")), columns);
    }

    private static SqlColumn column(String name, String graphQLName, ArrowType type, boolean nullable) {
        FieldType fieldType = nullable ? FieldType.nullable(type) : FieldType.notNullable(type);
        return new SqlColumn(name, new FieldBinding(graphQLName, name, new Field(name, fieldType, null), null));
    }
}

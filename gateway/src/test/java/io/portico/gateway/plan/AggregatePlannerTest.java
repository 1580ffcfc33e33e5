package io.portico.gateway.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.gateway.plan.AggregateRequest.AggregateOrder;
import io.portico.gateway.plan.AggregateRequest.GroupKey;
import io.portico.gateway.plan.AggregateRequest.Measure;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.jooq.SQLDialect;
import org.jooq.conf.ParseNameCase;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The aggregate statement in each dialect the reference port serves: read by jOOQ's parser as the port's statement
 * guard reads it (DuckDB, PostgreSQL, H2), and run on a real in-memory H2 database, where its groups equal the same
 * SQL written by hand (DuckDB runs it end to end in {@code AggregateEndToEndTest}). Plus the checks every front door
 * gets from the planner.
 */
class AggregatePlannerTest {

    private static final Measure SUM = new Measure(AggregateFunction.SUM, "total");
    private static final Measure AVG = new Measure(AggregateFunction.AVG, "total");
    private static final Measure ITEMS = new Measure(AggregateFunction.AVG, "items");
    private static final Measure MAX = new Measure(AggregateFunction.MAX, "createdAt");
    private static final Measure DISTINCT = new Measure(AggregateFunction.COUNT_DISTINCT, "status");

    private final AggregatePlanner planner = new QueryPlanner(1_000).aggregates();

    @ParameterizedTest
    @EnumSource(value = SQLDialect.class, names = {"DUCKDB", "POSTGRES", "H2"})
    void everyBucketPlansAStatementThePortsGuardReads(SQLDialect dialect) {
        for (TimeBucket bucket : TimeBucket.values()) {
            if (bucket == TimeBucket.WEEK && dialect == SQLDialect.H2) {
                continue;
            }
            for (String field : List.of("createdAt", "updatedAt", "day")) {
                AggregatePlan plan = planner.plan(binding(dialect), request(List.of(new GroupKey(field, bucket)),
                        ZoneOffset.UTC), DSL.trueCondition());
                assertThat(parses(dialect, plan.statement().statement())).as("%s %s %s", dialect, field, bucket)
                        .isTrue();
                assertThat(plan.statement().statement()).contains("date_trunc('" + bucket.name().toLowerCase(Locale.ROOT)
                        + "'");
            }
        }
        AggregatePlan tokyo = planner.plan(binding(dialect),
                request(List.of(new GroupKey("createdAt", TimeBucket.DAY)), ZoneId.of("Asia/Tokyo")),
                DSL.trueCondition());
        assertThat(parses(dialect, tokyo.statement().statement())).isTrue();
        assertThat(tokyo.statement().statement()).contains("32400");
    }

    @Test
    void onH2TheStatementsGroupsEqualTheSameSqlWrittenByHand() throws SQLException {
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:aggregates;TIME ZONE=UTC");
             Statement statement = h2.createStatement()) {
            statement.execute("CREATE TABLE \"orders\" (\"order_id\" BIGINT PRIMARY KEY, \"status\" VARCHAR,"
                    + " \"total\" DECIMAL(12,2), \"items\" INTEGER, \"created_at\" TIMESTAMP WITH TIME ZONE,"
                    + " \"updated_at\" TIMESTAMP, \"day\" DATE)");
            statement.execute("INSERT INTO \"orders\" SELECT X, CASE MOD(X, 3) WHEN 0 THEN 'OPEN' WHEN 1 THEN 'PAID'"
                    + " ELSE NULL END, X * 1.25, CAST(MOD(X, 7) AS INTEGER),"
                    + " TIMESTAMP WITH TIME ZONE '2024-01-01 00:00:00+00' + X * INTERVAL '37' HOUR,"
                    + " TIMESTAMP '2024-01-01 00:00:00' + X * INTERVAL '11' HOUR,"
                    + " DATE '2024-01-01' + CAST(X * 3 AS INTEGER) FROM SYSTEM_RANGE(1, 400)");
            for (TimeBucket bucket : List.of(TimeBucket.HOUR, TimeBucket.DAY, TimeBucket.MONTH, TimeBucket.QUARTER,
                    TimeBucket.YEAR)) {
                AggregatePlan plan = planner.plan(binding(SQLDialect.H2),
                        request(List.of(new GroupKey("status", null), new GroupKey("createdAt", bucket)),
                                ZoneOffset.UTC),
                        DSL.trueCondition());
                String part = bucket.name().toLowerCase(Locale.ROOT);
                List<List<Object>> expected = rows(statement, "SELECT \"status\", date_trunc('" + part
                        + "', \"created_at\") b, count(*), sum(\"total\"), sum(\"total\"), count(\"total\"),"
                        + " CAST(avg(CAST(\"items\" AS DOUBLE PRECISION)) AS DOUBLE PRECISION), max(\"created_at\"),"
                        + " count(DISTINCT \"status\"), count(*) over () FROM \"orders\""
                        + " WHERE \"items\" > 1 GROUP BY \"status\", b"
                        + " ORDER BY sum(\"total\") DESC NULLS LAST, \"status\" NULLS FIRST, b NULLS FIRST LIMIT 5");
                List<List<Object>> actual = rows(statement, plan.statement().statement());
                assertThat(actual).as(bucket.name()).hasSize(5);
                assertThat(actual.toString()).as(bucket.name()).isEqualTo(expected.toString());
            }
        }
    }

    @Test
    void aDaylightSavingZoneAndWeeksOnH2CannotBePushedDown() {
        assertThatThrownBy(() -> planner.plan(binding(SQLDialect.DUCKDB),
                request(List.of(new GroupKey("createdAt", TimeBucket.DAY)), ZoneId.of("Europe/Paris")),
                DSL.trueCondition()))
                .isInstanceOfSatisfying(PorticoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PUSHDOWN_UNSUPPORTED));
        assertThatThrownBy(() -> planner.plan(binding(SQLDialect.H2),
                request(List.of(new GroupKey("day", TimeBucket.WEEK)), ZoneOffset.UTC), DSL.trueCondition()))
                .isInstanceOfSatisfying(PorticoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PUSHDOWN_UNSUPPORTED));
    }

    @Test
    void whatAFieldsTypeDoesNotTakeIsRefusedForEveryFrontDoor() {
        DatasetBinding binding = binding(SQLDialect.DUCKDB);
        List<AggregateRequest> refused = List.of(
                new AggregateRequest(null, List.of(new GroupKey("status", TimeBucket.MONTH)), List.of(), List.of(),
                        10, null, false),
                new AggregateRequest(null, List.of(), List.of(new Measure(AggregateFunction.SUM, "status")),
                        List.of(), 10, null, false),
                new AggregateRequest(null, List.of(new GroupKey("status", null)), List.of(),
                        List.of(new AggregateOrder.ByKey("day", SortDirection.ASC)), 10, null, false),
                new AggregateRequest(null, List.of(new GroupKey("nope", null)), List.of(), List.of(), 10, null,
                        false),
                new AggregateRequest(null, List.of(new GroupKey("status", null)), List.of(), List.of(), 1_001, null,
                        false));
        for (AggregateRequest request : refused) {
            assertThatThrownBy(() -> planner.plan(binding, request, DSL.trueCondition())).as("%s", request)
                    .isInstanceOfSatisfying(PorticoException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_USER_INPUT));
        }
    }

    @Test
    void thePushdownReportSaysThePortGroupsAndAggregates() {
        AggregatePlan plan = planner.plan(binding(SQLDialect.DUCKDB),
                request(List.of(new GroupKey("status", null)), ZoneOffset.UTC), DSL.trueCondition());

        assertThat(plan.pushdown().aggregated()).isTrue();
        assertThat(plan.pushdown().groupBy()).containsExactly("\"status\"");
        assertThat(plan.pushdown().aggregates()).anyMatch(sql -> sql.contains("count(*)"))
                .anyMatch(sql -> sql.contains("sum(\"total\")")).anyMatch(sql -> sql.contains("max(\"created_at\")"))
                .anyMatch(sql -> sql.contains("count(distinct \"status\")"));
        assertThat(plan.pushdown().filter()).hasValueSatisfying(filter -> assertThat(filter).contains("\"items\" >"));
        assertThat(plan.pushdown().limit()).isEqualTo(5);
        assertThat(plan.statement().statement()).contains("group by", "limit 5", "count(*) over ()");
    }

    private static AggregateRequest request(List<GroupKey> groupBy, ZoneId zone) {
        return new AggregateRequest(new RequestFilter.Compare("items", RequestFilter.Operator.GT, 1), groupBy,
                List.of(SUM, AVG, ITEMS, MAX, DISTINCT), List.of(new AggregateOrder.ByMeasure(SUM, SortDirection.DESC)),
                5, zone, true);
    }

    private static boolean parses(SQLDialect dialect, String sql) {
        Settings settings = new Settings().withParseDialect(dialect).withParseNameCase(ParseNameCase.AS_IS);
        return DSL.using(dialect, settings).parser().parse(sql).queries().length == 1;
    }

    private static List<List<Object>> rows(Statement statement, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    Object value = result.getObject(column);
                    row.add(value instanceof Number number && !(value instanceof java.math.BigDecimal)
                            ? number.doubleValue() : value);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static DatasetBinding binding(SQLDialect dialect) {
        return new DatasetBinding("shop-port", "shop", "orders", "orders", dialect.name(), List.of(
                field("orderId", "order_id", new ArrowType.Int(64, true)),
                field("status", "status", ArrowType.Utf8.INSTANCE),
                field("total", "total", new ArrowType.Decimal(12, 2, 128)),
                field("items", "items", new ArrowType.Int(32, true)),
                field("createdAt", "created_at", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
                field("updatedAt", "updated_at", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
                field("day", "day", new ArrowType.Date(DateUnit.DAY))), List.of("orderId"));
    }

    private static FieldBinding field(String name, String column, ArrowType type) {
        return new FieldBinding(name, column, new Field(column, FieldType.nullable(type), null), null);
    }
}

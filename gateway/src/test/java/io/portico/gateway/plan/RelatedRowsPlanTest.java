package io.portico.gateway.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Relationship batches ({@link QueryPlanner#planRelated}) rendered for DuckDB and H2 and run on real in-memory
 * databases: one statement per chunk of keys, each key's own page through {@code ROW_NUMBER()}, and per-key counts.
 * PostgreSQL is checked as rendered text (no server here).
 */
class RelatedRowsPlanTest {

    private static final ArrowType INT64 = new ArrowType.Int(64, true);

    /** order_id 1..4; order k has k lines with amounts 10, 20, ... (order 4 has none with amount > 25 but 30, 40). */
    private static final String DATA = """
            CREATE TABLE "lines" ("line_id" BIGINT, "order_id" BIGINT, "amount" BIGINT, "note" VARCHAR);
            INSERT INTO "lines" VALUES (1, 1, 10, 'a'), (2, 2, 10, 'b'), (3, 2, 20, 'c'), (4, 3, 10, 'd'),
              (5, 3, 20, 'e'), (6, 3, 30, 'f'), (7, 4, 10, 'g'), (8, 4, 20, 'h'), (9, 4, 30, 'i'), (10, 4, 40, 'j')""";

    @ParameterizedTest
    @CsvSource({"DUCKDB, jdbc:duckdb:", "H2, jdbc:h2:mem:related"})
    void eachKeyGetsItsFirstRowsInTheOrderingPlusOneFromChunkedStatements(String dialect, String url)
            throws SQLException {
        DatasetBinding lines = lines(dialect);
        DatasetRequest request = new DatasetRequest(List.of("lineId"),
                new RequestFilter.Compare("amount", RequestFilter.Operator.GT, 15),
                List.of(new RequestedSort("amount", SortDirection.DESC)), 2, null, true);

        RelatedRowsPlan plan = new QueryPlanner(100).planRelated(lines, request, DSL.trueCondition(),
                List.of("orderId"), List.of(List.of(1L), List.of(2L), List.of(3L), List.of(4L)), true, 3);

        assertThat(plan.statements()).hasSize(2);
        assertThat(plan.countStatements()).hasSize(2);
        assertThat(plan.statements().getFirst().sql().toLowerCase(Locale.ROOT))
                .contains("row_number() over (partition by");
        try (Connection connection = DriverManager.getConnection(url)) {
            try (Statement statement = connection.createStatement()) {
                for (String sql : DATA.split(";")) {
                    statement.execute(sql);
                }
            }
            Map<Long, List<Long>> linesByOrder = new LinkedHashMap<>();
            int orderColumn = plan.shape().columnIndex("orderId");
            int lineColumn = plan.shape().columnIndex("lineId");
            for (PortQuery query : plan.statements()) {
                for (List<Object> row : run(connection, query)) {
                    linesByOrder.computeIfAbsent(((Number) row.get(orderColumn)).longValue(), key -> new ArrayList<>())
                            .add(((Number) row.get(lineColumn)).longValue());
                }
            }
            // amount > 15, newest amount first, at most first + 1 = 3 rows per order.
            assertThat(linesByOrder).containsExactly(Map.entry(2L, List.of(3L)), Map.entry(3L, List.of(6L, 5L)),
                    Map.entry(4L, List.of(10L, 9L, 8L)));
            Map<Long, Long> counts = new LinkedHashMap<>();
            for (PortQuery query : plan.countStatements()) {
                run(connection, query).forEach(row -> counts.put(((Number) row.get(0)).longValue(),
                        ((Number) row.get(1)).longValue()));
            }
            assertThat(counts).containsOnly(Map.entry(2L, 1L), Map.entry(3L, 2L), Map.entry(4L, 3L));
        }
    }

    @Test
    void manyToOneSelectsTheMatchingRowsWithTheJoinColumnUnderTheRowFilter() {
        DatasetBinding lines = lines("DUCKDB");
        DatasetRequest request = new DatasetRequest(List.of("note"), RequestFilter.ALL, List.of(), 0, null, false);

        RelatedRowsPlan plan = new QueryPlanner(100).planRelated(lines, request,
                DSL.field(DSL.name("note")).ne("x"), List.of("lineId"), List.of(List.of(7L), List.of(9L)), false, 1000);

        assertThat(plan.statements()).singleElement().satisfies(statement -> {
            assertThat(statement.sql()).doesNotContainIgnoringCase("row_number").doesNotContainIgnoringCase("limit");
            assertThat(statement.sql()).containsIgnoringCase("\"line_id\" in (cast(? as bigint), cast(? as bigint))")
                    .doesNotContainIgnoringCase("and true");
            assertThat(statement.parameters()).containsExactly("x", 7L, 9L);
        });
        assertThat(plan.shape().columns()).extracting(FieldBinding::graphQLName).containsExactly("note", "lineId");
        assertThat(plan.shape().joinFields()).containsExactly("lineId");
    }

    @Test
    void postgresGetsTheSameWindowFunction() {
        RelatedRowsPlan plan = new QueryPlanner(100).planRelated(lines("POSTGRES"),
                new DatasetRequest(List.of("lineId"), RequestFilter.ALL, List.of(), 5, null, false), DSL.trueCondition(),
                List.of("orderId"), List.of(List.of(1L)), true, 1000);

        assertThat(plan.statements().getFirst().sql().toLowerCase(Locale.ROOT))
                .contains("row_number() over (partition by \"order_id\" order by \"line_id\" asc")
                .contains("\"portico_rank\" <= 6");
    }

    @Test
    void aHiddenTargetKeyOrdersEachPageByAKeyedHashInsideTheWindow() throws SQLException {
        DatasetRequest request = new DatasetRequest(List.of("lineId"), RequestFilter.ALL, List.of(), 10, null, false);

        RelatedRowsPlan plan = new QueryPlanner(100).planRelated(lines("DUCKDB"), request, DSL.trueCondition(),
                List.of("orderId"), List.of(List.of(4L)), true, 1000, KeyOrder.KEYED_HASH);

        String sql = plan.statements().getFirst().sql().toLowerCase(Locale.ROOT);
        assertThat(sql).contains("row_number() over (partition by \"order_id\" order by md5(")
                .contains("order by \"order_id\" asc, \"portico_key_order\" asc nulls first, \"line_id\" asc");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement statement = connection.createStatement()) {
                for (String data : DATA.split(";")) {
                    statement.execute(data);
                }
            }
            List<Long> lines = new ArrayList<>();
            int lineColumn = plan.shape().columnIndex("lineId");
            run(connection, plan.statements().getFirst())
                    .forEach(row -> lines.add(((Number) row.get(lineColumn)).longValue()));
            assertThat(lines).containsExactlyInAnyOrder(7L, 8L, 9L, 10L);
        }
    }

    private static List<List<Object>> run(Connection connection, PortQuery query) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
            for (int index = 0; index < query.parameters().size(); index++) {
                statement.setObject(index + 1, query.parameters().get(index));
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<List<Object>> result = new ArrayList<>();
                while (rows.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                        row.add(rows.getObject(column));
                    }
                    result.add(row);
                }
                return result;
            }
        }
    }

    private static DatasetBinding lines(String dialect) {
        return new DatasetBinding("shop-lines-port", "shop", "lines", "lines", dialect, List.of(
                field("lineId", "line_id", INT64), field("orderId", "order_id", INT64),
                field("amount", "amount", INT64), field("note", "note", ArrowType.Utf8.INSTANCE)),
                List.of("lineId"));
    }

    private static FieldBinding field(String graphQLName, String column, ArrowType type) {
        return new FieldBinding(graphQLName, column, new Field(column, FieldType.nullable(type), null), null);
    }
}

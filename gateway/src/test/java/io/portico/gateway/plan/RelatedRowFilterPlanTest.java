package io.portico.gateway.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.policies.filter.RowFilterParser;
import io.portico.policies.filter.RowPredicate;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.jooq.Condition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Row filters that follow a relationship, rendered by the planner and run on real in-memory DuckDB and H2: the
 * semi-join of a related dataset of the same port, the inlined key list of one read from another port, the key
 * read itself, and the rule that an unrenderable part never widens a filter, whatever {@code not} surrounds it.
 * PostgreSQL is checked as rendered text (no server here).
 */
class RelatedRowFilterPlanTest {

    private static final ArrowType INT64 = new ArrowType.Int(64, true);

    /** Customers 1 and 3 are in EMEA (and one without an id); order 13 has no customer; order 15's region differs. */
    private static final String DATA = """
            CREATE TABLE "customers" ("customer_id" BIGINT, "region" VARCHAR);
            INSERT INTO "customers" VALUES (1, 'EMEA'), (2, 'APAC'), (3, 'EMEA'), (4, 'AMER'), (NULL, 'EMEA');
            CREATE TABLE "orders" ("order_id" BIGINT, "customer_id" BIGINT, "region" VARCHAR, "note" VARCHAR);
            INSERT INTO "orders" VALUES (10, 1, 'EMEA', 'a'), (11, 2, 'APAC', 'b'), (12, 3, 'EMEA', 'O''Brien'),
              (13, NULL, NULL, 'd'), (14, 4, 'AMER', 'e'), (15, 1, 'APAC', 'f')""";

    private static final RowPredicate.RelatedIn EMEA_CUSTOMER = new RowPredicate.RelatedIn(List.of("customer_id"),
            "crm.customers", "urn:portico:crm:customers:customers:v1", List.of("customer_id"),
            RowFilterParser.parse("region = 'EMEA'"));
    private static final RowPredicate.RelatedIn EMEA_CUSTOMER_AND_REGION = new RowPredicate.RelatedIn(
            List.of("customer_id", "region"), "crm.customers", "urn:portico:crm:customers:customers:v1",
            List.of("customer_id", "region"), RowFilterParser.parse("region = 'EMEA'"));

    private final QueryPlanner planner = new QueryPlanner(100);

    @ParameterizedTest(name = "{0}")
    @CsvSource({"DUCKDB, jdbc:duckdb:", "H2, jdbc:h2:mem:semijoin"})
    void aRelatedDatasetOfTheSamePortIsOneSemiJoin(String dialect, String url) throws SQLException {
        try (Connection connection = database(url)) {
            assertThat(orderIds(connection, dialect, EMEA_CUSTOMER)).containsExactly(10L, 12L, 15L);
            assertThat(orderIds(connection, dialect, new RowPredicate.Not(EMEA_CUSTOMER)))
                    .as("a null key is neither in nor out; a related row without a key is no key")
                    .containsExactly(11L, 14L);
            assertThat(orderIds(connection, dialect, EMEA_CUSTOMER_AND_REGION)).as("a composite key compares as a row")
                    .containsExactly(10L, 12L);
            assertThat(orderIds(connection, dialect, new RowPredicate.Or(List.of(EMEA_CUSTOMER,
                    RowFilterParser.parse("note = 'e'"))))).containsExactly(10L, 12L, 14L, 15L);
        }
    }

    @Test
    void theSemiJoinBindsTheRelatedFiltersValuesAndRendersPerDialect() {
        for (String dialect : List.of("DUCKDB", "H2", "POSTGRES")) {
            PortQuery page = planner.plan(orders(dialect), request(), semiJoined(dialect).translate(EMEA_CUSTOMER))
                    .pageQuery();

            assertThat(page.sql().toLowerCase(Locale.ROOT)).as(dialect).contains("\"customer_id\" in (select"
                    + " \"customer_id\" from \"customers\" where (\"region\" = ")
                    .contains("\"customer_id\" is not null))");
            assertThat(page.parameters()).as(dialect).contains("EMEA");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"DUCKDB, jdbc:duckdb:", "H2, jdbc:h2:mem:keylist"})
    void keysReadFromAnotherPortAreInlinedLiterals(String dialect, String url) throws SQLException {
        DatasetBinding orders = orders(dialect);
        RowFilterTranslator translator = new RowFilterTranslator(orders,
                test -> RelatedKeyConditions.keyIn(orders, test.keyFields(), List.of(List.of(1L), List.of(3L))));

        PortQuery page = planner.plan(orders, request(), translator.translate(EMEA_CUSTOMER)).pageQuery();

        assertThat(page.sql()).containsIgnoringCase(dialect.equals("DUCKDB")
                ? "\"customer_id\" = any (cast('[1, 3]' as bigint[]))" : "\"customer_id\" in (1, 3)");
        assertThat(page.parameters()).as("no key is a bind parameter").doesNotContain(1L, 3L);
        try (Connection connection = database(url)) {
            assertThat(ids(run(connection, page))).containsExactly(10L, 12L, 15L);
            assertThat(ids(run(connection, planner.plan(orders, request(),
                    translator.translate(new RowPredicate.Not(EMEA_CUSTOMER))).pageQuery()))).containsExactly(11L, 14L);
            RowFilterTranslator none = new RowFilterTranslator(orders,
                    test -> RelatedKeyConditions.keyIn(orders, test.keyFields(), List.of()));
            assertThat(run(connection, planner.plan(orders, request(), none.translate(EMEA_CUSTOMER)).pageQuery()))
                    .isEmpty();
            Optional<Condition> quoted = RelatedKeyConditions.keyIn(orders, List.of("note"),
                    List.of(List.of("O'Brien")));
            PortQuery byNote = planner.plan(orders, request(), quoted.orElseThrow()).pageQuery();
            assertThat(byNote.sql()).contains("'O''Brien'");
            assertThat(ids(run(connection, byNote))).containsExactly(12L);
            Optional<Condition> pairs = RelatedKeyConditions.keyIn(orders, List.of("customer_id", "region"),
                    List.of(List.of(1L, "EMEA"), List.of(3L, "EMEA")));
            assertThat(ids(run(connection, planner.plan(orders, request(), pairs.orElseThrow()).pageQuery())))
                    .containsExactly(10L, 12L);
        }
    }

    /**
     * Integer keys go to DuckDB and PostgreSQL ports as one array constant: an IN list of 10,000 literals costs
     * DuckDB about 160 ms to prepare, the array a few milliseconds.
     */
    @Test
    void integerKeysAreOneArrayConstantForDuckDbAndPostgres() {
        List<List<Object>> keys = List.of(List.of(1L), List.of(-3L), List.of(9_007_199_254_740_993L));
        for (String dialect : List.of("DUCKDB", "POSTGRES", "H2")) {
            DatasetBinding orders = orders(dialect);
            Condition condition = RelatedKeyConditions.keyIn(orders, List.of("customer_id"), keys).orElseThrow();

            String sql = planner.plan(orders, request(), condition).pageQuery().sql().toLowerCase(Locale.ROOT);

            assertThat(sql).as(dialect).contains(switch (dialect) {
                case "DUCKDB" -> "\"customer_id\" = any (cast('[1, -3, 9007199254740993]' as bigint[]))";
                case "POSTGRES" -> "\"customer_id\" = any (cast('{1,-3,9007199254740993}' as bigint[]))";
                default -> "\"customer_id\" in (1, -3, 9007199254740993)";
            });
        }
    }

    @Test
    void aKeyThatDoesNotFitItsColumnLeavesTheTestUnrendered() {
        assertThat(RelatedKeyConditions.keyIn(orders("DUCKDB"), List.of("customer_id"),
                List.of(List.of(1L), List.of("not a number")))).isEmpty();
        assertThat(RelatedKeyConditions.keyIn(orders("DUCKDB"), List.of("nope"), List.of(List.of(1L)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"DUCKDB, jdbc:duckdb:", "H2, jdbc:h2:mem:keys"})
    void readsTheDistinctAllowedKeysUnderTheRelatedFilterWithALimit(String dialect, String url) throws SQLException {
        DatasetBinding customers = customers(dialect);
        List<FieldBinding> keys = RelatedKeyConditions.fields(customers, List.of("customer_id")).orElseThrow();

        PortQuery read = planner.planRelatedKeys(customers, keys,
                new RowFilterTranslator(customers).translate(RowFilterParser.parse("region = 'EMEA'")), 3);

        assertThat(read.sql().toLowerCase(Locale.ROOT)).startsWith("select distinct \"customer_id\" from \"customers\"")
                .contains("\"customer_id\" is not null");
        try (Connection connection = database(url)) {
            assertThat(ids(run(connection, read))).containsExactly(1L, 3L);
            PortQuery limited = planner.planRelatedKeys(customers, keys,
                    new RowFilterTranslator(customers).translate(RowPredicate.TRUE), 2);
            assertThat(run(connection, limited)).hasSize(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not customer_id = 'not a number'                    | 
            not (customer_id in (1, 'not a number'))            | 
            not (customer_id not in (1, 'not a number'))        | 10, 15
            customer_id in (1, 'not a number')                  | 10, 15
            not nope is null                                    | 
            note = 'a' or not (nope = 1)                        | 10
            """)
    void anUnrenderablePartAdmitsNoRowWhateverNotSurroundsIt(String filter, String expected) throws SQLException {
        DatasetBinding orders = orders("DUCKDB");
        Condition condition = new RowFilterTranslator(orders).translate(RowFilterParser.parse(filter));

        try (Connection connection = database("jdbc:duckdb:")) {
            Set<Long> ids = ids(run(connection, planner.plan(orders, request(), condition).pageQuery()));
            assertThat(ids).isEqualTo(expected == null ? Set.of()
                    : new TreeSet<>(List.of(expected.split(",\\s*")).stream().map(Long::valueOf).toList()));
        }
    }

    @Test
    void aRelatedTestNobodyRendersAdmitsNoRowEvenNegated() throws SQLException {
        DatasetBinding orders = orders("DUCKDB");
        RowFilterTranslator translator = new RowFilterTranslator(orders);

        try (Connection connection = database("jdbc:duckdb:")) {
            assertThat(run(connection, planner.plan(orders, request(),
                    translator.translate(new RowPredicate.Not(EMEA_CUSTOMER))).pageQuery())).isEmpty();
            assertThat(run(connection, planner.plan(orders, request(),
                    translator.translate(EMEA_CUSTOMER)).pageQuery())).isEmpty();
        }
    }

    private Set<Long> orderIds(Connection connection, String dialect, RowPredicate filter) throws SQLException {
        QueryPlan plan = planner.plan(orders(dialect), request(), semiJoined(dialect).translate(filter));
        Set<Long> ids = ids(run(connection, plan.pageQuery()));
        long count = ((Number) run(connection, plan.countQuery().orElseThrow()).getFirst().getFirst()).longValue();
        assertThat(count).as("the count sees the same rows").isEqualTo(ids.size());
        return ids;
    }

    /** The flow of a same-port related filter: the related dataset's filter rendered, then the semi-join. */
    private static RowFilterTranslator semiJoined(String dialect) {
        DatasetBinding orders = orders(dialect);
        DatasetBinding customers = customers(dialect);
        return new RowFilterTranslator(orders, test -> RelatedKeyConditions.semiJoin(orders, test, customers,
                new RowFilterTranslator(customers).translate(test.targetFilter())));
    }

    private static DatasetRequest request() {
        return new DatasetRequest(List.of("orderId"), RequestFilter.ALL, List.of(), 50, null, true);
    }

    private static Connection database(String url) throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        try (Statement statement = connection.createStatement()) {
            for (String sql : DATA.split(";")) {
                statement.execute(sql);
            }
        }
        return connection;
    }

    private static Set<Long> ids(List<List<Object>> rows) {
        Set<Long> ids = new TreeSet<>();
        rows.forEach(row -> ids.add(((Number) row.getFirst()).longValue()));
        return ids;
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

    private static DatasetBinding orders(String dialect) {
        return new DatasetBinding("shop-port", "sales", "orders", "orders", dialect, List.of(
                field("orderId", "order_id", INT64), field("customerId", "customer_id", INT64),
                field("region", "region", ArrowType.Utf8.INSTANCE), field("note", "note", ArrowType.Utf8.INSTANCE)),
                List.of("orderId"));
    }

    private static DatasetBinding customers(String dialect) {
        return new DatasetBinding("shop-port", "crm", "customers", "customers", dialect, List.of(
                field("customerId", "customer_id", INT64), field("region", "region", ArrowType.Utf8.INSTANCE)),
                List.of("customerId"));
    }

    private static FieldBinding field(String graphQLName, String column, ArrowType type) {
        return new FieldBinding(graphQLName, column, new Field(column, FieldType.nullable(type), null), null);
    }
}

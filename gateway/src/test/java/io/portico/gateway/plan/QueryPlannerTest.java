package io.portico.gateway.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.gateway.graphql.OrderByArgument;
import io.portico.gateway.graphql.WhereArgument;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner against a real DuckDB: the SQL it renders is run with its bind values, and the rows are compared
 * with the same filter or ordering computed in Java over the same data.
 */
class QueryPlannerTest {

    private static final int ROWS = 500;
    private static final DatasetBinding ITEMS = new DatasetBinding("shop-items-port", "shop", "items", "items", "DUCKDB",
            List.of(
                    binding("itemId", "item_id", new ArrowType.Int(64, true)),
                    binding("name", "name", ArrowType.Utf8.INSTANCE),
                    binding("price", "price", new ArrowType.Decimal(10, 2, 128)),
                    binding("category", "category", ArrowType.Utf8.INSTANCE),
                    binding("createdAt", "created_at", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
                    binding("day", "day", new ArrowType.Date(DateUnit.DAY)),
                    binding("active", "active", ArrowType.Bool.INSTANCE),
                    binding("score", "score", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                    binding("tags", "tags", new ArrowType.List())),
            List.of("itemId"));
    private static final OffsetDateTime EPOCH = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static Connection duckdb;
    private static List<Item> items;
    private static final CursorSeal SEAL = CursorSeal.withKey("a test key of thirty-two bytes!!".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private final QueryPlanner planner = new QueryPlanner(1_000, SEAL);

    record Item(long itemId, String name, BigDecimal price, String category, OffsetDateTime createdAt, LocalDate day,
                boolean active, double score) {
    }

    @BeforeAll
    static void createTable() throws SQLException {
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = duckdb.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("CREATE TABLE items (item_id BIGINT NOT NULL PRIMARY KEY, name VARCHAR NOT NULL,"
                    + " price DECIMAL(10,2) NOT NULL, category VARCHAR, created_at TIMESTAMPTZ NOT NULL,"
                    + " day DATE NOT NULL, active BOOLEAN NOT NULL, score DOUBLE NOT NULL, tags VARCHAR[])");
        }
        items = new ArrayList<>();
        try (PreparedStatement insert = duckdb.prepareStatement("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ['x'])")) {
            for (int index = 0; index < ROWS; index++) {
                long id = (index * 7919L) % 1000 + 1;
                Item item = new Item(id, "item-" + (char) ('a' + index % 26) + "%_" + index,
                        BigDecimal.valueOf(index * 37 % 2000, 2), index % 5 == 0 ? null : "cat-" + index % 4,
                        EPOCH.plusMinutes(index % 97), LocalDate.of(2026, 1, 1).plusDays(index % 31),
                        index % 3 == 0, (index % 11) / 4.0);
                items.add(item);
                insert.setLong(1, item.itemId());
                insert.setString(2, item.name());
                insert.setBigDecimal(3, item.price());
                insert.setString(4, item.category());
                insert.setObject(5, item.createdAt());
                insert.setObject(6, item.day());
                insert.setBoolean(7, item.active());
                insert.setDouble(8, item.score());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @AfterAll
    static void close() throws SQLException {
        duckdb.close();
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                filter("eq on string", Map.of("category", Map.of("eq", "cat-1")), item -> "cat-1".equals(item.category())),
                filter("neq skips nulls like SQL", Map.of("category", Map.of("neq", "cat-1")),
                        item -> item.category() != null && !item.category().equals("cat-1")),
                filter("gt on decimal", Map.of("price", Map.of("gt", new BigDecimal("10.00"))),
                        item -> item.price().compareTo(new BigDecimal("10.00")) > 0),
                filter("gte and lte on one field", Map.of("price", Map.of("gte", new BigDecimal("3.70"), "lte", new BigDecimal("7.40"))),
                        item -> item.price().compareTo(new BigDecimal("3.70")) >= 0 && item.price().compareTo(new BigDecimal("7.40")) <= 0),
                filter("lt on long given as Int", Map.of("itemId", Map.of("lt", 100)), item -> item.itemId() < 100),
                filter("in", Map.of("category", Map.of("in", List.of("cat-2", "cat-3"))),
                        item -> "cat-2".equals(item.category()) || "cat-3".equals(item.category())),
                filter("notIn", Map.of("itemId", Map.of("notIn", List.of(1L, 2L, 3L, 8L))),
                        item -> !Set.of(1L, 2L, 3L, 8L).contains(item.itemId())),
                filter("empty in matches nothing", Map.of("itemId", Map.of("in", List.of())), item -> false),
                filter("isNull true", Map.of("category", Map.of("isNull", true)), item -> item.category() == null),
                filter("isNull false", Map.of("category", Map.of("isNull", false)), item -> item.category() != null),
                filter("contains escapes LIKE wildcards", Map.of("name", Map.of("contains", "%_1")),
                        item -> item.name().contains("%_1")),
                filter("startsWith", Map.of("name", Map.of("startsWith", "item-c")), item -> item.name().startsWith("item-c")),
                filter("timestamp comparison", Map.of("createdAt", Map.of("gte", EPOCH.plusMinutes(90))),
                        item -> !item.createdAt().isBefore(EPOCH.plusMinutes(90))),
                filter("date equality", Map.of("day", Map.of("eq", LocalDate.of(2026, 1, 5))),
                        item -> item.day().equals(LocalDate.of(2026, 1, 5))),
                filter("boolean", Map.of("active", Map.of("eq", true)), Item::active),
                filter("double", Map.of("score", Map.of("gt", 1.5)), item -> item.score() > 1.5),
                filter("fields combine with AND", Map.of("active", Map.of("eq", false), "category", Map.of("eq", "cat-2")),
                        item -> !item.active() && "cat-2".equals(item.category())),
                filter("or", Map.of("or", List.of(Map.of("itemId", Map.of("eq", 1)), Map.of("category", Map.of("isNull", true)))),
                        item -> item.itemId() == 1 || item.category() == null),
                filter("empty or matches nothing", Map.of("or", List.of()), item -> false),
                filter("not and and", Map.of("not", Map.of("and", List.of(Map.of("active", Map.of("eq", true)), Map.of("score", Map.of("lt", 1.0))))),
                        item -> !(item.active() && item.score() < 1.0)),
                filter("injection attempt is just a value", Map.of("name", Map.of("eq", "x' OR 1=1 --")), item -> false));
    }

    private static Arguments filter(String name, Map<String, Object> where, Predicate<Item> expected) {
        return Arguments.of(name, where, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void whereSelectsExactlyTheRowsTheSameFilterSelectsInJava(String name, Map<String, Object> where, Predicate<Item> expected)
            throws SQLException {
        QueryPlan plan = planner.plan(ITEMS, request(List.of("itemId"), where, List.of(), 1_000, null, true));

        Set<Long> ids = new HashSet<>();
        run(plan.pageQuery()).forEach(row -> ids.add((Long) row.get(0)));
        Set<Long> expectedIds = new HashSet<>();
        items.stream().filter(expected).forEach(item -> expectedIds.add(item.itemId()));

        assertThat(ids).isEqualTo(expectedIds);
        assertThat(count(plan.countQuery().orElseThrow())).isEqualTo(expectedIds.size());
        assertThat(plan.pageQuery().sql()).doesNotContain("cat-", "OR 1=1", "item-c");
    }

    static Stream<Arguments> orderings() {
        return Stream.of(
                Arguments.of("key only", List.of()),
                Arguments.of("nullable non-unique ascending", List.of(Map.of("category", "ASC"))),
                Arguments.of("nullable non-unique descending", List.of(Map.of("category", "DESC"))),
                Arguments.of("decimal desc then string", List.of(Map.of("price", "DESC"), Map.of("name", "ASC"))),
                Arguments.of("timestamp and boolean", List.of(Map.of("createdAt", "DESC"), Map.of("active", "ASC"))),
                Arguments.of("key descending", List.of(Map.of("itemId", "DESC"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderings")
    void pagingWithAfterReturnsEveryRowExactlyOnceInOrder(String name, List<Map<String, Object>> orderBy) throws SQLException {
        Map<String, Object> where = Map.of("score", Map.of("lt", 2.4));
        List<Long> all = new ArrayList<>();
        run(planner.plan(ITEMS, request(List.of("itemId"), where, orderBy, 1_000, null, false)).pageQuery())
                .forEach(row -> all.add((Long) row.get(0)));

        List<Long> paged = new ArrayList<>();
        String after = null;
        int pages = 0;
        while (true) {
            QueryPlan plan = planner.plan(ITEMS, request(List.of("itemId", "name"), where, orderBy, 37, after, false));
            List<List<Object>> rows = run(plan.pageQuery());
            boolean hasNextPage = rows.size() > plan.pageSize();
            List<List<Object>> page = rows.subList(0, Math.min(rows.size(), plan.pageSize()));
            page.forEach(row -> paged.add((Long) row.get(plan.columnIndex("itemId"))));
            pages++;
            if (!hasNextPage) {
                break;
            }
            after = plan.cursorFor(cursorValues(plan, page.getLast()));
        }

        assertThat(all).hasSizeGreaterThan(200);
        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(pages).isEqualTo((all.size() + 36) / 37 + (all.size() % 37 == 0 ? 1 : 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderingsOfAHiddenKey")
    void aHiddenKeyOrdersByAKeyedHashYetPagingReturnsEveryRowExactlyOnce(String name,
            List<Map<String, Object>> orderBy) throws SQLException {
        List<Long> raw = new ArrayList<>();
        run(planner.plan(ITEMS, request(List.of("itemId"), Map.of(), orderBy, 1_000, null, false)).pageQuery())
                .forEach(row -> raw.add((Long) row.get(0)));

        List<Long> paged = new ArrayList<>();
        Set<Integer> cursorLengths = new HashSet<>();
        String after = null;
        while (true) {
            QueryPlan plan = planner.plan(ITEMS, request(List.of("itemId"), Map.of(), orderBy, 37, after, false),
                    DSL.trueCondition(), KeyOrder.KEYED_HASH);
            List<List<Object>> rows = run(plan.pageQuery());
            List<List<Object>> page = rows.subList(0, Math.min(rows.size(), plan.pageSize()));
            page.forEach(row -> paged.add((Long) row.get(plan.columnIndex("itemId"))));
            page.forEach(row -> cursorLengths.add(plan.cursorFor(cursorValues(plan, row)).length()));
            if (rows.size() <= plan.pageSize()) {
                break;
            }
            after = plan.cursorFor(cursorValues(plan, page.getLast()));
        }

        assertThat(paged).hasSize(ROWS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(raw);
        assertThat(paged).as("not in the key's order").isNotEqualTo(raw);
        assertThat(cursorLengths).as("keys of 1 to 4 digits, one cursor length").hasSize(1);
    }

    static Stream<Arguments> orderingsOfAHiddenKey() {
        return Stream.of(
                Arguments.of("key only", List.of()),
                Arguments.of("a visible field, then the hidden key", List.of(Map.of("category", "ASC"))));
    }

    @Test
    void theKeyedHashIsABindValueOfTheDeploymentsKeyAndOnlyAHiddenKeyPaysForIt() throws SQLException {
        DatasetRequest request = request(List.of("name"), Map.of(), List.of(), 5, null, false);
        byte[] key = "the key-order key of thirty-two!!".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        QueryPlanner keyed = new QueryPlanner(1_000, SEAL, key);

        QueryPlan plain = keyed.plan(ITEMS, request, DSL.trueCondition(), KeyOrder.PLAIN);
        QueryPlan hashed = keyed.plan(ITEMS, request, DSL.trueCondition(), KeyOrder.KEYED_HASH);

        assertThat(plain.pageQuery()).isEqualTo(planner.plan(ITEMS, request).pageQuery());
        assertThat(plain.pageQuery().sql()).doesNotContain("md5");
        String datasetSecret = new KeyOrderHash(key).secretOf(ITEMS);
        assertThat(hashed.pageQuery().sql()).contains("md5(").contains("\"portico_key_order\"")
                .doesNotContain(datasetSecret);
        assertThat(hashed.pageQuery().parameters()).as("the dataset's own secret, not the key")
                .contains(datasetSecret).doesNotContain(java.util.HexFormat.of().formatHex(key));
        DatasetBinding otherPort = new DatasetBinding("another-port", "shop", "items", "items", "DUCKDB",
                ITEMS.fields(), ITEMS.keyFields());
        assertThat(keyed.plan(otherPort, request, DSL.trueCondition(), KeyOrder.KEYED_HASH).pageQuery().parameters())
                .as("another port learns another secret").doesNotContain(datasetSecret);
        assertThat(hashed.columns()).extracting(FieldBinding::graphQLName).containsExactly("name", "__keyOrder", "itemId");
        assertThat(hashed.pushdown().ordering()).containsExactly("__keyOrder ASC", "itemId ASC");
        List<Object> firstRows = new ArrayList<>();
        run(hashed.pageQuery()).forEach(row -> firstRows.add(row.get(2)));
        List<Object> otherDeployment = new ArrayList<>();
        run(planner.plan(ITEMS, request, DSL.trueCondition(), KeyOrder.KEYED_HASH).pageQuery())
                .forEach(row -> otherDeployment.add(row.get(2)));
        assertThat(firstRows).as("another key, another order").isNotEqualTo(otherDeployment);
    }

    @Test
    void theKeyedHashIsRenderedForPostgresAsThePortsGuardParsesItAndRefusedForH2() {
        DatasetRequest request = request(List.of("name"), Map.of(), List.of(), 5, null, false);
        DatasetBinding postgres = new DatasetBinding("p", "shop", "items", "items", "POSTGRES", ITEMS.fields(),
                ITEMS.keyFields());
        DatasetBinding h2 = new DatasetBinding("p", "shop", "items", "items", "H2", ITEMS.fields(), ITEMS.keyFields());

        String sql = planner.plan(postgres, request, DSL.trueCondition(), KeyOrder.KEYED_HASH).pageQuery().sql();

        assertThat(sql).contains("md5((? || coalesce(cast(\"item_id\" as varchar), '')))");
        assertThat(DSL.using(org.jooq.SQLDialect.POSTGRES, new org.jooq.conf.Settings()
                .withParseDialect(org.jooq.SQLDialect.POSTGRES)).parser().parse(sql).queries())
                .singleElement().isInstanceOf(org.jooq.Select.class);
        assertThatThrownBy(() -> planner.plan(h2, request, DSL.trueCondition(), KeyOrder.KEYED_HASH))
                .isInstanceOfSatisfying(PorticoException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.PUSHDOWN_UNSUPPORTED))
                .hasMessageContaining("shop.items pages by its key, which a policy hides from you")
                .hasMessageContaining("H2");
        assertThat(planner.plan(h2, request, DSL.trueCondition(), KeyOrder.PLAIN).pageQuery().sql())
                .doesNotContain("md5");
    }

    @Test
    void projectsOnlyTheSelectedColumnsAndTheKeysTheCursorNeeds() {
        QueryPlan plan = planner.plan(ITEMS, request(List.of("name"), Map.of("active", Map.of("eq", true)),
                List.of(Map.of("price", "DESC")), 10, null, false));

        assertThat(plan.columns()).extracting(FieldBinding::graphQLName).containsExactly("name", "price", "itemId");
        assertThat(plan.pushdown().projection()).containsExactly("name", "price", "item_id");
        assertThat(plan.pushdown().filter()).hasValueSatisfying(filter -> assertThat(filter).contains("\"active\" = cast(? as boolean)"));
        assertThat(plan.pushdown().ordering()).containsExactly("price DESC", "itemId ASC");
        assertThat(plan.pushdown().limit()).isEqualTo(11);
        assertThat(plan.pageQuery().sql())
                .startsWith("select \"name\", \"price\", \"item_id\" from \"items\"")
                .doesNotContain("\"category\"", "\"score\"")
                .contains("limit 11");
        assertThat(plan.pageQuery().parameters()).containsExactly(true);
        assertThat(plan.countQuery()).isEmpty();
    }

    @Test
    void aScanSelectsOnlyWhatIsSelectedOrdersOnlyAsAskedAndSkipsAndLimitsWithoutAPageBound() throws SQLException {
        DatasetRequest request = request(List.of("name", "itemId"), Map.of("active", Map.of("eq", true)),
                List.of(Map.of("itemId", "DESC")), 0, null, false);
        QueryPlan scan = planner.planScan(ITEMS, request, DSL.field(DSL.name("category")).eq("cat-1"), 3,
                java.util.OptionalLong.of(5_000));

        assertThat(scan.columns()).extracting(FieldBinding::graphQLName).containsExactly("name", "itemId");
        assertThat(scan.ordering()).extracting(SortKey::toString).containsExactly("itemId DESC");
        assertThat(scan.countQuery()).isEmpty();
        assertThat(scan.pageSize()).isEqualTo(5_000);
        assertThat(scan.pageQuery().statement()).contains("\"category\" = 'cat-1'").contains("offset 3")
                .contains("5000");
        List<List<Object>> rows = run(scan.pageQuery());
        List<List<Object>> all = run(planner.planScan(ITEMS, request, DSL.field(DSL.name("category")).eq("cat-1"), 0,
                java.util.OptionalLong.empty()).pageQuery());
        assertThat(rows).isEqualTo(all.subList(3, all.size()));

        QueryPlan everything = planner.planScan(ITEMS, request(List.of("itemId"), Map.of(), List.of(), 0, null,
                false), DSL.trueCondition(), 0, java.util.OptionalLong.empty());
        assertThat(everything.pageQuery().statement()).doesNotContain("order by", "limit", "offset");
        assertThat(run(everything.pageQuery())).hasSize(ROWS);
        assertThatThrownBy(() -> planner.planScan(ITEMS, request, DSL.trueCondition(), -1,
                java.util.OptionalLong.empty())).isInstanceOf(PorticoException.class);
    }

    @Test
    void countQueryIgnoresTheCursorButKeepsTheFilter() {
        QueryPlan first = planner.plan(ITEMS, request(List.of("itemId"), Map.of("active", Map.of("eq", true)), List.of(), 5, null, false));
        String cursor = first.cursorFor(List.of(10L));

        QueryPlan second = planner.plan(ITEMS, request(List.of("itemId"), Map.of("active", Map.of("eq", true)), List.of(), 5, cursor, true));

        assertThat(second.countQuery().orElseThrow().sql()).contains("count(*)").contains("\"active\" = cast(? as boolean)").doesNotContain("\"item_id\" >");
        assertThat(second.pageQuery().sql()).contains("\"item_id\" > cast(? as bigint)");
        assertThat(second.pushdown().keyset()).isTrue();
    }

    @Test
    void selectingOnlyTotalCountStillYieldsAValidPageQuery() throws SQLException {
        DatasetBinding keyless = new DatasetBinding("p", "shop", "items", "items", "DUCKDB", ITEMS.fields(), List.of());

        QueryPlan plan = planner.plan(keyless, request(List.of(), Map.of(), List.of(), 3, null, true));

        assertThat(run(plan.pageQuery())).hasSize(4);
        assertThat(count(plan.countQuery().orElseThrow())).isEqualTo(ROWS);
    }

    static Stream<Arguments> badRequests() {
        String otherOrderCursor = new QueryPlanner(10, SEAL).plan(ITEMS, request(List.of("itemId"), Map.of(), List.of(Map.of("price", "ASC")), 5, null, false))
                .cursorFor(List.of(new BigDecimal("1.00"), 3L));
        Map<String, Object> deep = new HashMap<>(Map.of("itemId", Map.of("eq", 1)));
        for (int level = 0; level < 40; level++) {
            deep = Map.of("not", deep);
        }
        Map<String, Object> tooDeep = deep;
        List<Long> tooMany = new ArrayList<>();
        for (long value = 0; value <= WhereArgument.MAX_LIST_VALUES; value++) {
            tooMany.add(value);
        }
        Map<String, Object> twoKeys = new LinkedHashMap<>();
        twoKeys.put("price", "ASC");
        twoKeys.put("name", "DESC");
        Map<String, Object> eqNull = new HashMap<>();
        eqNull.put("eq", null);
        return Stream.of(
                bad("negative first", () -> request(List.of("itemId"), Map.of(), List.of(), -1, null, false), ErrorCode.BAD_USER_INPUT, "between 0 and 1000, got -1"),
                bad("absurd first", () -> request(List.of("itemId"), Map.of(), List.of(), 1_000_000_000, null, false), ErrorCode.BAD_USER_INPUT, "got 1000000000"),
                bad("two fields in one orderBy entry", () -> request(List.of("itemId"), Map.of(), List.of(twoKeys), 5, null, false), ErrorCode.BAD_USER_INPUT, "exactly one field"),
                bad("same field twice in orderBy", () -> request(List.of("itemId"), Map.of(), List.of(Map.of("price", "ASC"), Map.of("price", "DESC")), 5, null, false), ErrorCode.BAD_USER_INPUT, "twice"),
                bad("sort on a list", () -> request(List.of("itemId"), Map.of(), List.of(Map.of("tags", "ASC")), 5, null, false), ErrorCode.PUSHDOWN_UNSUPPORTED, "cannot be sorted"),
                bad("contains on a number", () -> request(List.of("itemId"), Map.of("price", Map.of("contains", "1")), List.of(), 5, null, false), ErrorCode.PUSHDOWN_UNSUPPORTED, "operator 'contains' is not supported on field 'price'"),
                bad("where on a missing field", () -> request(List.of("itemId"), Map.of("ghost", Map.of("eq", 1)), List.of(), 5, null, false), ErrorCode.BAD_USER_INPUT, "field 'ghost'"),
                bad("eq null", () -> request(List.of("itemId"), Map.of("category", eqNull), List.of(), 5, null, false), ErrorCode.BAD_USER_INPUT, "use isNull"),
                bad("garbage cursor", () -> request(List.of("itemId"), Map.of(), List.of(), 5, "not-a-cursor!", false), ErrorCode.BAD_USER_INPUT, "not a cursor this gateway issued"),
                bad("cursor of another ordering", () -> request(List.of("itemId"), Map.of(), List.of(), 5, otherOrderCursor, false), ErrorCode.BAD_USER_INPUT, "another dataset or orderBy"),
                bad("deep nesting", () -> request(List.of("itemId"), tooDeep, List.of(), 5, null, false), ErrorCode.BAD_USER_INPUT, "deeper than 32"),
                bad("huge in list", () -> request(List.of("itemId"), Map.of("itemId", Map.of("in", tooMany)), List.of(), 5, null, false), ErrorCode.BAD_USER_INPUT, "at most 10000"),
                bad("value of the wrong type", () -> request(List.of("itemId"), Map.of("itemId", Map.of("eq", "twelve")), List.of(), 5, null, false), ErrorCode.BAD_USER_INPUT, "does not fit column 'item_id'"));
    }

    /** A bad request, built (and so read from its GraphQL-shaped arguments) only inside the assertion. */
    private static Arguments bad(String name, Supplier<DatasetRequest> request, ErrorCode code, String message) {
        return Arguments.of(name, request, code, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestsAreRefusedWithATypedErrorThatSaysWhy(String name, Supplier<DatasetRequest> request, ErrorCode code, String message) {
        assertThatThrownBy(() -> planner.plan(ITEMS, request.get()))
                .isInstanceOfSatisfying(PorticoException.class, error -> assertThat(error.code()).isEqualTo(code))
                .hasMessageContaining(message);
    }

    @Test
    void cursorsAreSealedSoTheyRevealNoKeyValueAndOpenOnlyWhereIssued() {
        QueryPlan plan = planner.plan(ITEMS, request(List.of("itemId", "name"), Map.of(), List.of(Map.of("name", "ASC")), 5, null, false));
        String cursor = plan.cursorFor(List.of("secret-name", 10L));

        String decoded = new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(decoded).doesNotContain("secret-name").doesNotContain("c1:");
        assertThat(plan.cursorFor(List.of("secret-name", 10L))).as("deterministic").isEqualTo(cursor);
        DatasetRequest next = request(List.of("itemId", "name"), Map.of(), List.of(Map.of("name", "ASC")), 5, cursor, false);
        assertThat(planner.plan(ITEMS, next).pushdown().keyset()).isTrue();

        QueryPlanner otherDeployment = new QueryPlanner(1_000, CursorSeal.random());
        assertThatThrownBy(() -> otherDeployment.plan(ITEMS, next))
                .isInstanceOfSatisfying(PorticoException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.BAD_USER_INPUT))
                .hasMessageContaining("not a cursor this gateway issued");
        char[] altered = cursor.toCharArray();
        altered[20] = altered[20] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> planner.plan(ITEMS, request(List.of("itemId"), Map.of(), List.of(Map.of("name", "ASC")), 5, new String(altered), false)))
                .hasMessageContaining("not a cursor this gateway issued");
    }

    @Test
    void tamperedCursorValueIsRefused() {
        QueryPlan plan = planner.plan(ITEMS, request(List.of("itemId"), Map.of(), List.of(), 5, null, false));
        String forged = plan.cursorFor(List.of("not-a-number"));

        assertThatThrownBy(() -> planner.plan(ITEMS, request(List.of("itemId"), Map.of(), List.of(), 5, forged, false)))
                .isInstanceOf(PorticoException.class)
                .hasMessageContaining("its value for 'itemId' is corrupted");
    }

    private static DatasetRequest request(List<String> fields, Map<String, Object> where, List<Map<String, Object>> orderBy,
                                          int first, String after, boolean totalCount) {
        return new DatasetRequest(fields, WhereArgument.read(where), OrderByArgument.read(orderBy), first, after,
                totalCount);
    }

    private static List<Object> cursorValues(QueryPlan plan, List<Object> row) {
        List<Object> values = new ArrayList<>();
        for (FieldBinding field : plan.cursorFields()) {
            values.add(row.get(plan.columnIndex(field.graphQLName())));
        }
        return values;
    }

    private static List<List<Object>> run(PortQuery query) throws SQLException {
        try (PreparedStatement statement = duckdb.prepareStatement(query.sql())) {
            bind(statement, query.parameters());
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet resultSet = statement.executeQuery()) {
                int columns = resultSet.getMetaData().getColumnCount();
                while (resultSet.next()) {
                    List<Object> row = new ArrayList<>(columns);
                    for (int column = 1; column <= columns; column++) {
                        row.add(javaValue(resultSet, column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private static long count(PortQuery query) throws SQLException {
        List<List<Object>> rows = run(query);
        return ((Number) rows.getFirst().getFirst()).longValue();
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int index = 0; index < parameters.size(); index++) {
            statement.setObject(index + 1, parameters.get(index));
        }
    }

    private static Object javaValue(ResultSet resultSet, int column) throws SQLException {
        String type = resultSet.getMetaData().getColumnTypeName(column);
        if (type.startsWith("TIMESTAMP WITH TIME ZONE")) {
            return resultSet.getObject(column, OffsetDateTime.class);
        }
        if (type.equals("DATE")) {
            return resultSet.getObject(column, LocalDate.class);
        }
        return resultSet.getObject(column);
    }

    private static FieldBinding binding(String graphQLName, String column, ArrowType type) {
        List<Field> children = type instanceof ArrowType.List
                ? List.of(new Field("item", FieldType.nullable(ArrowType.Utf8.INSTANCE), null))
                : null;
        return new FieldBinding(graphQLName, column, new Field(column, FieldType.nullable(type), children), null);
    }
}

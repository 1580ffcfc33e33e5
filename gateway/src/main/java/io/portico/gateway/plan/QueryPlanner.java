package io.portico.gateway.plan;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.name;

import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import io.portico.schema.types.ArrowTypeMapping;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * Plans one connection field against its port: the projection (selected fields plus the sort keys cursors need),
 * the {@code where} as bind-parameter predicates, the total ordering ({@code orderBy} then the dataset key), a
 * keyset condition for {@code after}, {@code LIMIT first + 1} to learn whether a next page exists, and a count
 * query only when {@code totalCount} is selected. SQL is rendered by jOOQ in the port's dialect.
 *
 * <p>Thread-safe and stateless apart from a cache of per-dialect renderers.
 */
public final class QueryPlanner {

    private final int maxPageSize;
    private final CursorSeal cursorSeal;
    private final KeyOrderHash keyOrderHash;
    private final PortSql renderers = new PortSql();
    private final AggregatePlanner aggregates;
    private final JoinPlanner joins = new JoinPlanner(renderers);

    /** A planner whose cursors open only in this process ({@link CursorSeal#random()}): tests, in-memory schemas. */
    public QueryPlanner(int maxPageSize) {
        this(maxPageSize, CursorSeal.random());
    }

    /** A planner whose {@link KeyOrder#KEYED_HASH} order is keyed by a key drawn now: tests, in-memory schemas. */
    public QueryPlanner(int maxPageSize, CursorSeal cursorSeal) {
        this(maxPageSize, cursorSeal, randomKey());
    }

    /**
     * @param maxPageSize the largest {@code first} accepted
     * @param cursorSeal  seals cursors; the deployment secret's, so every replica opens them
     * @param keyOrderKey keys the hash that orders rows whose key the caller may not see ({@link KeyOrder}); the
     *                    deployment secret's, so every replica orders alike and accepts the others' cursors
     */
    public QueryPlanner(int maxPageSize, CursorSeal cursorSeal, byte[] keyOrderKey) {
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("maxPageSize must be positive: " + maxPageSize);
        }
        this.maxPageSize = maxPageSize;
        this.cursorSeal = java.util.Objects.requireNonNull(cursorSeal, "cursorSeal is null");
        this.keyOrderHash = new KeyOrderHash(keyOrderKey);
        this.aggregates = new AggregatePlanner(maxPageSize, renderers);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    /**
     * @throws PorticoException {@code BAD_USER_INPUT} for an unacceptable argument, {@code PUSHDOWN_UNSUPPORTED}
     *                          for a condition or ordering the port cannot be asked for
     */
    public QueryPlan plan(DatasetBinding binding, DatasetRequest request) {
        return plan(binding, request, DSL.trueCondition());
    }

    /**
     * Plans a request under a policy's row filter ({@link RowFilterTranslator}): the filter is part of the page
     * and the count query alike, before ordering, keyset and limit, so {@code totalCount} and cursors see only
     * the rows the subject may see. It is not in {@link PushdownReport#filter()}, which reports the request's own
     * {@code where}.
     *
     * @throws PorticoException as {@link #plan(DatasetBinding, DatasetRequest)}
     */
    public QueryPlan plan(DatasetBinding binding, DatasetRequest request, Condition rowFilter) {
        return plan(binding, request, rowFilter, KeyOrder.PLAIN);
    }

    /**
     * Plans a request under a row filter, ordering by the key as {@code keyOrder} says: {@link KeyOrder#PLAIN} is
     * the plan above; {@link KeyOrder#KEYED_HASH} puts a keyed hash of the key ahead of the key in the ordering (a
     * computed column the port returns, which cursors hold), for a caller who may not see the key as it is.
     *
     * @throws PorticoException as {@link #plan(DatasetBinding, DatasetRequest)}, and {@code PUSHDOWN_UNSUPPORTED}
     *                          for a keyed hash the port's dialect cannot compute
     */
    public QueryPlan plan(DatasetBinding binding, DatasetRequest request, Condition rowFilter, KeyOrder keyOrder) {
        checkPageSize(request.first());
        List<SortKey> ordering = ordering(binding, request.orderBy(), keyOrder);
        Condition requested = new FilterTranslator(binding).translate(request.where());
        Condition filter = TrueConditions.isTrue(rowFilter) ? requested : rowFilter.and(requested);
        Optional<Condition> keyset = keyset(binding, ordering, request.after());
        List<FieldBinding> columns = columns(binding, request, ordering);

        DSLContext sql = renderer(binding);
        Condition pageCondition = keyset.map(filter::and).orElse(filter);
        int limit = request.first() + 1;
        Query page = sql.select(SelectParts.selectList(columns, ordering))
                .from(table(name(binding.table())))
                .where(pageCondition)
                .orderBy(SelectParts.orderBy(ordering))
                .limit(inline(limit));
        Optional<PortQuery> count = request.totalCountRequested()
                ? Optional.of(render(sql, sql.selectCount().from(table(name(binding.table()))).where(filter)))
                : Optional.empty();

        PushdownReport report = report(sql, columns, requested, ordering, limit, keyset.isPresent(),
                count.isPresent());
        return new QueryPlan(binding, columns, ordering, request.first(), render(sql, page), count, report,
                cursorSeal, request.joinFields());
    }

    /**
     * Plans a scan of a dataset for a front door that streams whole results (the Flight SQL endpoint): the
     * selected fields only, the request's {@code where} under the row filter, its {@code orderBy} as asked (not
     * completed with the key: no cursor is made, and SQL promises no order beyond what is asked), then
     * {@code OFFSET} and {@code LIMIT} as given; no page size bound, no count. {@link QueryPlan#pageSize()} is the
     * limit, or {@link Integer#MAX_VALUE} without one.
     *
     * @param offset the rows skipped first, 0 for none
     * @param limit  the most rows returned, or empty for every row
     * @throws PorticoException as {@link #plan(DatasetBinding, DatasetRequest)}
     */
    public QueryPlan planScan(DatasetBinding binding, DatasetRequest request, Condition rowFilter, long offset,
            java.util.OptionalLong limit) {
        if (offset < 0 || (limit.isPresent() && limit.getAsLong() < 0)) {
            throw new PorticoException(ErrorCode.BAD_USER_INPUT, "OFFSET and LIMIT must not be negative");
        }
        List<SortKey> ordering = requestedOrdering(binding, request.orderBy());
        Condition requested = new FilterTranslator(binding).translate(request.where());
        Condition filter = TrueConditions.isTrue(rowFilter) ? requested
                : TrueConditions.isTrue(requested) ? rowFilter : rowFilter.and(requested);
        List<FieldBinding> columns = columns(binding, request, List.of());
        DSLContext sql = renderer(binding);
        var select = sql.select(SelectParts.selectList(columns))
                .from(table(name(binding.table())))
                .where(filter)
                .orderBy(SelectParts.orderBy(ordering));
        Query scan = limit.isPresent() ? select.limit(inline(limit.getAsLong())).offset(inline(offset))
                : offset > 0 ? select.offset(inline(offset)) : select;
        int pageSize = limit.isPresent() ? (int) Math.min(Integer.MAX_VALUE, limit.getAsLong()) : Integer.MAX_VALUE;
        PushdownReport report = report(sql, columns, requested, ordering, pageSize, false, false);
        return new QueryPlan(binding, columns, ordering, pageSize, render(sql, scan), Optional.empty(), report,
                cursorSeal, List.of());
    }

    /**
     * Plans the rows of a relationship field for a batch of parent rows at once: the rows of {@code binding} whose
     * {@code matchFields} equal one of {@code keys}, one statement per {@code keysPerStatement} keys
     * ({@code col IN (?, ?, ...)}, or {@code (a = ? AND b = ?) OR ...} for a composite key), under the row filter.
     *
     * <p>Many-to-one ({@code perKeyPage} false): no ordering, no limit; the request's {@code where}, {@code orderBy}
     * and {@code after} are not used (an object field has none). One-to-many ({@code perKeyPage} true): the
     * request's {@code where}, {@code orderBy} and {@code after} apply to every key, and each key gets its own page
     * of {@code first} rows (plus one, to learn whether it has a next page) through a window function:
     * {@code ROW_NUMBER() OVER (PARTITION BY <match fields> ORDER BY <ordering>) <= first + 1} in a derived table;
     * {@code totalCount} is one {@code GROUP BY} count per statement.
     *
     * @param matchFields GraphQL names of the fields of {@code binding} compared with the keys, in key order
     * @param keys        distinct keys, each a list of values in {@code matchFields} order, none null
     * @throws PorticoException as {@link #plan(DatasetBinding, DatasetRequest)}
     */
    public RelatedRowsPlan planRelated(DatasetBinding binding, DatasetRequest request, Condition rowFilter,
            List<String> matchFields, List<List<Object>> keys, boolean perKeyPage, int keysPerStatement) {
        return planRelated(binding, request, rowFilter, matchFields, keys, perKeyPage, keysPerStatement,
                KeyOrder.PLAIN);
    }

    /**
     * {@link #planRelated(DatasetBinding, DatasetRequest, Condition, List, List, boolean, int)} with each key's
     * page ordered by the target's key as {@code keyOrder} says (see {@link #plan(DatasetBinding, DatasetRequest,
     * Condition, KeyOrder)}); many-to-one rows have no order.
     */
    public RelatedRowsPlan planRelated(DatasetBinding binding, DatasetRequest request, Condition rowFilter,
            List<String> matchFields, List<List<Object>> keys, boolean perKeyPage, int keysPerStatement,
            KeyOrder keyOrder) {
        if (keysPerStatement < 1) {
            throw new IllegalArgumentException("keysPerStatement must be positive: " + keysPerStatement);
        }
        if (perKeyPage) {
            checkPageSize(request.first());
        }
        List<FieldBinding> match = new ArrayList<>();
        for (String name : matchFields) {
            match.add(binding.field(name).orElseThrow(() -> new IllegalArgumentException(
                    "no field '" + name + "' on " + binding.domain() + "." + binding.dataset())));
        }
        DatasetRequest joined = request.withJoinFields(matchFields);
        List<SortKey> ordering = perKeyPage ? ordering(binding, request.orderBy(), keyOrder) : List.of();
        Condition requested = perKeyPage
                ? new FilterTranslator(binding).translate(request.where()) : DSL.trueCondition();
        Condition filter = TrueConditions.isTrue(rowFilter) ? requested
                : TrueConditions.isTrue(requested) ? rowFilter : rowFilter.and(requested);
        Optional<Condition> keyset = perKeyPage ? keyset(binding, ordering, request.after()) : Optional.empty();
        Condition rowCondition = keyset.map(filter::and).orElse(filter);
        List<FieldBinding> columns = columns(binding, joined, ordering);
        int pageSize = perKeyPage ? request.first() : Integer.MAX_VALUE - 1;

        DSLContext sql = renderer(binding);
        List<PortQuery> statements = new ArrayList<>();
        List<PortQuery> counts = new ArrayList<>();
        for (int start = 0; start < keys.size(); start += keysPerStatement) {
            List<List<Object>> chunk = keys.subList(start, Math.min(keys.size(), start + keysPerStatement));
            Condition keyCondition = keyCondition(match, chunk);
            Query rows = perKeyPage
                    ? perKeyPage(sql, binding, columns, match, ordering, rowCondition.and(keyCondition),
                            request.first() + 1)
                    : sql.select(SelectParts.selectList(columns, ordering)).from(table(name(binding.table())))
                            .where(rowCondition.and(keyCondition));
            statements.add(render(sql, rows));
            if (perKeyPage && request.totalCountRequested()) {
                List<SelectField<?>> countSelect = new ArrayList<>(SelectParts.selectList(match));
                countSelect.add(DSL.count().as(COUNT_COLUMN));
                counts.add(render(sql, sql.select(countSelect).from(table(name(binding.table())))
                        .where(filter.and(keyCondition))
                        .groupBy(match.stream().map(SqlColumns::field).toList())));
            }
        }
        PushdownReport report = report(sql, columns, requested, ordering, perKeyPage ? request.first() + 1 : 0,
                keyset.isPresent(), !counts.isEmpty());
        PortQuery first = statements.isEmpty() ? new PortQuery("", List.of()) : statements.getFirst();
        QueryPlan shape = new QueryPlan(binding, columns, ordering, pageSize, first, Optional.empty(), report,
                cursorSeal, joined.joinFields());
        return new RelatedRowsPlan(shape, match, statements, counts);
    }

    /** A page's report, its filter and ordering written out when first asked for (only tests and logs ask). */
    private static PushdownReport report(DSLContext sql, List<FieldBinding> columns, Condition requested,
            List<SortKey> ordering, int limit, boolean keyset, boolean count) {
        return PushdownReport.rendered(columns.stream().map(FieldBinding::column).toList(), limit, keyset, count,
                () -> new PushdownReport.SqlParts(
                        TrueConditions.isTrue(requested) ? Optional.empty() : Optional.of(sql.render(requested)),
                        ordering.stream().map(SortKey::toString).toList(), List.of(), List.of()));
    }

    /**
     * The planner of aggregate fields ({@link AggregatePlanner}): the same dialects, with {@code first} (the most
     * groups) bounded as a page's.
     */
    public AggregatePlanner aggregates() {
        return aggregates;
    }

    /** The planner of joins of datasets served by one port ({@link JoinPlanner}), in the same dialects. */
    public JoinPlanner joins() {
        return joins;
    }

    /**
     * Plans the read of a related dataset's allowed keys, for a row filter that follows a relationship to another
     * port ({@link RelatedKeyConditions#keyIn}): {@code SELECT DISTINCT <key columns> FROM <table> WHERE <rowFilter>
     * AND <key columns> IS NOT NULL LIMIT <limit>}, in the related port's dialect.
     *
     * @param binding   the related dataset
     * @param keys      its key fields, in key order
     * @param rowFilter the rows of it the subject may see
     * @param limit     the most keys read (one more than the most accepted, to tell "too many")
     */
    public PortQuery planRelatedKeys(DatasetBinding binding, List<FieldBinding> keys, Condition rowFilter, int limit) {
        if (keys.isEmpty() || limit < 1) {
            throw new IllegalArgumentException("a key read needs key fields and a positive limit");
        }
        List<org.jooq.Field<Object>> columns = keys.stream().map(SqlColumns::field).toList();
        Condition present = DSL.and(columns.stream().map(org.jooq.Field::isNotNull).toList());
        DSLContext sql = renderer(binding);
        return render(sql, sql.selectDistinct(columns).from(table(name(binding.table())))
                .where(rowFilter.and(present))
                .limit(inline(limit)));
    }

    /** The name of the count column of {@link RelatedRowsPlan#countStatements()}, after the match columns. */
    public static final String COUNT_COLUMN = "portico_count";

    private static final String RANK_COLUMN = "portico_rank";

    /**
     * The first {@code limit} rows of each key in {@code ordering}: a derived table numbering each key's rows with
     * {@code ROW_NUMBER()}, filtered outside. The outer query reads the derived table's columns by name.
     */
    private static Query perKeyPage(DSLContext sql, DatasetBinding binding, List<FieldBinding> columns,
            List<FieldBinding> match, List<SortKey> ordering, Condition condition, int limit) {
        List<SelectField<?>> inner = new ArrayList<>(SelectParts.selectList(columns, ordering));
        inner.add(DSL.rowNumber()
                .over(DSL.partitionBy(match.stream().map(SqlColumns::field).toList())
                        .orderBy(SelectParts.orderBy(ordering)))
                .as(RANK_COLUMN));
        org.jooq.Table<?> ranked = sql.select(inner).from(table(name(binding.table()))).where(condition)
                .asTable(name("portico_ranked"));
        List<SortField<?>> order = new ArrayList<>();
        match.forEach(field -> order.add(SqlColumns.field(field).asc()));
        order.addAll(SelectParts.orderByColumns(ordering));
        return sql.select(SelectParts.selectList(columns))
                .from(ranked)
                .where(DSL.field(name(RANK_COLUMN), Integer.class).le(inline(limit)))
                .orderBy(order);
    }

    /** {@code col IN (?, ...)} for a single-field key, else {@code (a = ? AND b = ?) OR ...}. */
    static Condition keyCondition(List<FieldBinding> match, List<List<Object>> keys) {
        if (match.size() == 1) {
            org.jooq.Field<Object> column = SqlColumns.field(match.getFirst());
            return column.in(keys.stream().map(key -> SqlColumns.value(column, key.getFirst())).toList());
        }
        List<Condition> alternatives = new ArrayList<>();
        for (List<Object> key : keys) {
            List<Condition> parts = new ArrayList<>();
            for (int index = 0; index < match.size(); index++) {
                org.jooq.Field<Object> column = SqlColumns.field(match.get(index));
                parts.add(column.eq(SqlColumns.value(column, key.get(index))));
            }
            alternatives.add(DSL.and(parts));
        }
        return DSL.or(alternatives);
    }

    private void checkPageSize(int first) {
        if (first < 0 || first > maxPageSize) {
            throw new PorticoException(ErrorCode.BAD_USER_INPUT,
                    "'first' must be between 0 and " + maxPageSize + ", got " + first
                            + "; page through larger results with 'after'");
        }
    }

    private List<SortKey> ordering(DatasetBinding binding, List<RequestedSort> orderBy, KeyOrder keyOrder) {
        List<SortKey> ordering = new ArrayList<>(requestedOrdering(binding, orderBy));
        Set<String> used = new HashSet<>();
        ordering.forEach(key -> used.add(key.field().graphQLName()));
        List<FieldBinding> key = new ArrayList<>();
        for (String keyField : binding.keyFields()) {
            if (used.add(keyField)) {
                key.add(binding.field(keyField).orElseThrow());
            }
        }
        if (keyOrder == KeyOrder.KEYED_HASH && !key.isEmpty()) {
            ordering.add(keyOrderHash.sortKey(binding, key, dialect(binding)));
        }
        key.forEach(field -> ordering.add(new SortKey(field, SortDirection.ASC)));
        return ordering;
    }

    /** The sort keys a request names, checked against the dataset, without the key that completes them. */
    private static List<SortKey> requestedOrdering(DatasetBinding binding, List<RequestedSort> orderBy) {
        List<SortKey> ordering = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (RequestedSort requested : orderBy) {
            FieldBinding field = binding.field(requested.field()).orElseThrow(() -> new PorticoException(
                    ErrorCode.BAD_USER_INPUT, "'orderBy' names field '" + requested.field() + "', which "
                    + binding.domain() + "." + binding.dataset() + " does not have"));
            if (!ArrowTypeMapping.forField(field.arrowField()).filterKind().sortable()) {
                throw new PorticoException(ErrorCode.PUSHDOWN_UNSUPPORTED,
                        "field '" + requested.field() + "' (" + field.arrowField().getType() + ") cannot be sorted on");
            }
            if (!used.add(field.graphQLName())) {
                throw new PorticoException(ErrorCode.BAD_USER_INPUT,
                        "'orderBy' names field '" + requested.field() + "' twice");
            }
            ordering.add(new SortKey(field, requested.direction()));
        }
        return ordering;
    }

    private Optional<Condition> keyset(DatasetBinding binding, List<SortKey> ordering, String after) {
        if (after == null) {
            return Optional.empty();
        }
        if (binding.keyFields().isEmpty()) {
            throw new PorticoException(ErrorCode.PUSHDOWN_UNSUPPORTED, binding.domain() + "." + binding.dataset()
                    + " declares no primary key in its contract, so its rows have no stable position to page"
                    + " 'after'; ask its owners to declare one");
        }
        List<String> texts = CursorCodec.decode(cursorSeal, after, CursorCodec.signature(binding, ordering),
                ordering.size());
        List<Object> position = new ArrayList<>(texts.size());
        for (int index = 0; index < texts.size(); index++) {
            position.add(parseCursorValue(ordering.get(index).field(), texts.get(index)));
        }
        return Optional.of(KeysetCondition.after(ordering, position));
    }

    private static Object parseCursorValue(FieldBinding field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return SqlColumnTypes.of(field.arrowField()).parser().apply(text);
        } catch (RuntimeException e) {
            throw new PorticoException(ErrorCode.BAD_USER_INPUT,
                    "the 'after' cursor is not valid: its value for '" + field.graphQLName() + "' is corrupted");
        }
    }

    private static List<FieldBinding> columns(DatasetBinding binding, DatasetRequest request, List<SortKey> ordering) {
        Set<FieldBinding> columns = new LinkedHashSet<>();
        List<String> wanted = new ArrayList<>(request.selectedFields());
        wanted.addAll(request.joinFields());
        for (String selected : wanted) {
            columns.add(binding.field(selected).orElseThrow(() -> new PorticoException(ErrorCode.BAD_USER_INPUT,
                    "field '" + selected + "' does not exist on " + binding.domain() + "." + binding.dataset())));
        }
        ordering.forEach(key -> columns.add(key.field()));
        return List.copyOf(columns);
    }

    private DSLContext renderer(DatasetBinding binding) {
        return renderers.renderer(binding);
    }

    private static SQLDialect dialect(DatasetBinding binding) {
        return PortSql.dialect(binding);
    }

    private static PortQuery render(DSLContext sql, Query query) {
        return PortSql.render(sql, query);
    }
}

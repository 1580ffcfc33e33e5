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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
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
    private final Map<SQLDialect, DSLContext> renderers = new ConcurrentHashMap<>();

    /** A planner whose cursors open only in this process ({@link CursorSeal#random()}): tests, in-memory schemas. */
    public QueryPlanner(int maxPageSize) {
        this(maxPageSize, CursorSeal.random());
    }

    /**
     * @param maxPageSize the largest {@code first} accepted
     * @param cursorSeal  seals cursors; the deployment secret's, so every replica opens them
     */
    public QueryPlanner(int maxPageSize, CursorSeal cursorSeal) {
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("maxPageSize must be positive: " + maxPageSize);
        }
        this.maxPageSize = maxPageSize;
        this.cursorSeal = java.util.Objects.requireNonNull(cursorSeal, "cursorSeal is null");
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
        checkPageSize(request.first());
        List<SortKey> ordering = ordering(binding, request.orderBy());
        Condition requested = new FilterTranslator(binding).translate(request.where());
        Condition filter = rowFilter.equals(DSL.trueCondition()) ? requested : rowFilter.and(requested);
        Optional<Condition> keyset = keyset(binding, ordering, request.after());
        List<FieldBinding> columns = columns(binding, request.selectedFields(), ordering);

        DSLContext sql = renderer(binding);
        Condition pageCondition = keyset.map(filter::and).orElse(filter);
        int limit = request.first() + 1;
        Query page = sql.select(selectList(columns))
                .from(table(name(binding.table())))
                .where(pageCondition)
                .orderBy(sortFields(ordering))
                .limit(inline(limit));
        Optional<PortQuery> count = request.totalCountRequested()
                ? Optional.of(render(sql, sql.selectCount().from(table(name(binding.table()))).where(filter)))
                : Optional.empty();

        PushdownReport report = new PushdownReport(
                columns.stream().map(FieldBinding::column).toList(),
                requested.equals(DSL.trueCondition()) ? Optional.empty() : Optional.of(sql.render(requested)),
                ordering.stream().map(SortKey::toString).toList(),
                limit,
                keyset.isPresent(),
                count.isPresent());
        return new QueryPlan(binding, columns, ordering, request.first(), render(sql, page), count, report,
                cursorSeal);
    }

    private void checkPageSize(int first) {
        if (first < 0 || first > maxPageSize) {
            throw new PorticoException(ErrorCode.BAD_USER_INPUT,
                    "'first' must be between 0 and " + maxPageSize + ", got " + first
                            + "; page through larger results with 'after'");
        }
    }

    private static List<SortKey> ordering(DatasetBinding binding, List<Map<String, Object>> orderBy) {
        List<SortKey> ordering = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Map<String, Object> entry : orderBy) {
            Map.Entry<String, Object> key = singleKey(entry);
            FieldBinding field = binding.field(key.getKey()).orElseThrow(() -> new PorticoException(
                    ErrorCode.BAD_USER_INPUT, "'orderBy' names field '" + key.getKey() + "', which "
                    + binding.domain() + "." + binding.dataset() + " does not have"));
            if (!ArrowTypeMapping.forField(field.arrowField()).filterKind().sortable()) {
                throw new PorticoException(ErrorCode.PUSHDOWN_UNSUPPORTED,
                        "field '" + key.getKey() + "' (" + field.arrowField().getType() + ") cannot be sorted on");
            }
            if (!used.add(field.graphQLName())) {
                throw new PorticoException(ErrorCode.BAD_USER_INPUT,
                        "'orderBy' names field '" + key.getKey() + "' twice");
            }
            ordering.add(new SortKey(field, direction(key)));
        }
        for (String keyField : binding.keyFields()) {
            if (used.add(keyField)) {
                ordering.add(new SortKey(binding.field(keyField).orElseThrow(), SortDirection.ASC));
            }
        }
        return ordering;
    }

    private static Map.Entry<String, Object> singleKey(Map<String, Object> entry) {
        List<Map.Entry<String, Object>> present = entry.entrySet().stream()
                .filter(candidate -> candidate.getValue() != null)
                .toList();
        if (present.size() != 1) {
            throw new PorticoException(ErrorCode.BAD_USER_INPUT, "each 'orderBy' entry sets exactly one field,"
                    + " e.g. orderBy: [{amount: DESC}, {orderId: ASC}]; got " + present.size());
        }
        return present.getFirst();
    }

    private static SortDirection direction(Map.Entry<String, Object> key) {
        try {
            return SortDirection.valueOf(key.getValue().toString().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PorticoException(ErrorCode.BAD_USER_INPUT,
                    "sort direction of '" + key.getKey() + "' must be ASC or DESC, got " + key.getValue());
        }
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

    private static List<FieldBinding> columns(
            DatasetBinding binding, List<String> selectedFields, List<SortKey> ordering) {
        Set<FieldBinding> columns = new LinkedHashSet<>();
        for (String selected : selectedFields) {
            columns.add(binding.field(selected).orElseThrow(() -> new PorticoException(ErrorCode.BAD_USER_INPUT,
                    "field '" + selected + "' does not exist on " + binding.domain() + "." + binding.dataset())));
        }
        ordering.forEach(key -> columns.add(key.field()));
        return List.copyOf(columns);
    }

    private static List<SelectField<?>> selectList(List<FieldBinding> columns) {
        if (columns.isEmpty()) {
            return List.of(inline(1).as("row_marker"));
        }
        return columns.stream().<SelectField<?>>map(SqlColumns::field).toList();
    }

    private static List<SortField<Object>> sortFields(List<SortKey> ordering) {
        return ordering.stream()
                .map(key -> key.direction() == SortDirection.ASC
                        ? SqlColumns.field(key.field()).asc().nullsFirst()
                        : SqlColumns.field(key.field()).desc().nullsLast())
                .toList();
    }

    private DSLContext renderer(DatasetBinding binding) {
        SQLDialect dialect;
        try {
            dialect = SQLDialect.valueOf(binding.sqlDialect().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PorticoException(ErrorCode.PUSHDOWN_UNSUPPORTED, "port " + binding.portId()
                    + " declares SQL dialect '" + binding.sqlDialect() + "', which Portico cannot render");
        }
        return renderers.computeIfAbsent(dialect, QueryPlanner::newRenderer);
    }

    private static DSLContext newRenderer(SQLDialect dialect) {
        Settings settings = new Settings()
                .withParamType(ParamType.INDEXED)
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
                .withRenderFormatted(false)
                .withRenderSchema(false)
                .withExecuteLogging(false);
        return DSL.using(dialect, settings);
    }

    private static PortQuery render(DSLContext sql, Query query) {
        return new PortQuery(sql.render(query), sql.extractBindValues(query));
    }
}

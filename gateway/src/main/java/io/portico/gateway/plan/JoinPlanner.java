package io.portico.gateway.plan;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.portico.gateway.plan.JoinRequest.JoinField;
import io.portico.gateway.plan.JoinRequest.KeyPair;
import io.portico.gateway.plan.JoinRequest.Source;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import io.portico.schema.types.ArrowTypeMapping;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Plans a join of datasets served by one port ({@link JoinRequest}) as one statement, rendered by jOOQ in the port's
 * dialect and sent whole: no row is joined in the gateway. The datasets are named {@code t1}, {@code t2}, ... in
 * {@code FROM} order and every column is qualified by its dataset's alias:
 *
 * <pre>
 * SELECT "t1"."order_id" "t1_order_id", "t2"."region" "t2_region"
 * FROM "orders" "t1"
 * JOIN (SELECT "customer_id", "region" FROM "customers" WHERE &lt;its row filter&gt;) "t2"
 *   ON "t1"."customer_id" = "t2"."customer_id"
 * WHERE &lt;the request's where&gt; ORDER BY ... LIMIT n OFFSET m
 * </pre>
 *
 * A dataset with a row filter is read through a derived table that applies the filter to that dataset's rows, over
 * its own unqualified columns exactly as a one-table read renders it ({@link RowFilterTranslator}, a semi-join or key
 * list included): the filter cannot be captured by another dataset's columns, and under a {@code LEFT JOIN} a row
 * the caller may not see is absent from its dataset (nulls), never joined. Each output column is named
 * {@code <alias>_<column>} so that two datasets' columns of one name stay apart; the caller reads columns by
 * position.
 *
 * <p>Thread-safe; shares the per-dialect renderers of {@link QueryPlanner}.
 */
public final class JoinPlanner {

    private final PortSql renderers;

    JoinPlanner(PortSql renderers) {
        this.renderers = renderers;
    }

    /** The alias dataset {@code source} (its index in {@link JoinRequest#sources()}) is sent with: {@code t1}, ... */
    public static String alias(int source) {
        return "t" + (source + 1);
    }

    /**
     * Refuses a join of datasets served by different ports: a join is pushed down whole to one port or not at all
     * (the gateway joins no rows).
     *
     * @param bindings the joined datasets
     * @param names    how the caller named each of them, parallel to {@code bindings}
     * @throws PorticoException {@code PUSHDOWN_UNSUPPORTED} naming the first two datasets of different ports
     */
    public static void checkOnePort(List<DatasetBinding> bindings, List<String> names) {
        DatasetBinding first = bindings.getFirst();
        for (int index = 1; index < bindings.size(); index++) {
            DatasetBinding other = bindings.get(index);
            if (!other.portId().equals(first.portId())) {
                throw new PorticoException(ErrorCode.PUSHDOWN_UNSUPPORTED, "joins are pushed down only between"
                        + " datasets of the same port; " + names.getFirst() + " is served by port " + first.portId()
                        + ", " + names.get(index) + " by port " + other.portId());
            }
        }
    }

    /**
     * Plans {@code request} under each dataset's row filter.
     *
     * @param rowFilters the rows of each dataset the subject may see, over its own unqualified columns, parallel to
     *                   {@link JoinRequest#sources()}; {@link DSL#trueCondition()} for all
     * @throws PorticoException {@code PUSHDOWN_UNSUPPORTED} for datasets of different ports, a dialect jOOQ cannot
     *                          render, or an operator or sort the column's type does not take; {@code BAD_USER_INPUT}
     *                          for a field a dataset does not have or a negative offset or limit
     */
    public JoinPlan plan(JoinRequest request, List<Condition> rowFilters) {
        List<DatasetBinding> bindings = request.sources().stream().map(Source::binding).toList();
        if (rowFilters.size() != bindings.size()) {
            throw new IllegalArgumentException("one row filter per dataset: " + rowFilters.size() + " for "
                    + bindings.size());
        }
        checkOnePort(bindings, bindings.stream().map(JoinPlanner::label).toList());
        if (request.offset() < 0 || (request.limit().isPresent() && request.limit().getAsLong() < 0)) {
            throw new PorticoException(ErrorCode.BAD_USER_INPUT, "OFFSET and LIMIT must not be negative");
        }
        if (request.selected().isEmpty()) {
            throw new IllegalArgumentException("a join selects at least one column");
        }
        DSLContext sql = renderers.renderer(bindings.getFirst());
        Table<?> from = source(request, 0, rowFilters.getFirst());
        for (int index = 1; index < bindings.size(); index++) {
            Source source = request.sources().get(index);
            Table<?> joined = source(request, index, rowFilters.get(index));
            Condition on = DSL.and(source.on().stream().map(pair -> equal(request, pair)).toList());
            from = switch (source.type()) {
                case INNER -> from.join(joined).on(on);
                case LEFT -> from.leftJoin(joined).on(on);
            };
        }
        List<FieldBinding> fields = new ArrayList<>();
        List<SelectField<?>> select = new ArrayList<>();
        for (JoinField column : request.selected()) {
            FieldBinding field = field(request, column);
            fields.add(field);
            select.add(SqlColumns.field(alias(column.source()), field).as(name(alias(column.source()) + "_"
                    + field.column())));
        }
        Condition where = new FilterTranslator(key -> column(request, key), "the joined datasets")
                .translate(request.where());
        List<SortField<Object>> orderBy = new ArrayList<>();
        for (JoinRequest.Sort sort : request.orderBy()) {
            orderBy.add(sortField(request, sort));
        }
        var statement = sql.select(select).from(from).where(where).orderBy(orderBy);
        long offset = request.offset();
        Query query = request.limit().isPresent()
                ? statement.limit(inline(request.limit().getAsLong())).offset(inline(offset))
                : offset > 0 ? statement.offset(inline(offset)) : statement;
        int limit = request.limit().isPresent() ? (int) Math.min(Integer.MAX_VALUE, request.limit().getAsLong())
                : Integer.MAX_VALUE;
        PushdownReport report = new PushdownReport(
                request.selected().stream().map(JoinField::key).toList(),
                where.equals(DSL.trueCondition()) ? Optional.empty() : Optional.of(sql.render(where)),
                request.orderBy().stream().map(sort -> sort.field().key() + " " + sort.direction()).toList(),
                limit, false, false);
        return new JoinPlan(bindings.getFirst().portId(), PortSql.render(sql, query), request.selected(), fields,
                report);
    }

    /**
     * Dataset {@code index} as {@code FROM} reads it: the table under its alias, or, under a row filter, a derived
     * table of the columns the statement uses, filtered, under its alias.
     */
    private static Table<?> source(JoinRequest request, int index, Condition rowFilter) {
        DatasetBinding binding = request.sources().get(index).binding();
        if (rowFilter.equals(DSL.trueCondition())) {
            return table(name(binding.table())).as(name(alias(index)));
        }
        List<Field<Object>> used = used(request, index).stream().map(SqlColumns::field).toList();
        return DSL.select(used).from(table(name(binding.table()))).where(rowFilter).asTable(name(alias(index)));
    }

    /** The fields of dataset {@code index} the statement names: selected, join keys, filtered and sorted on. */
    private static List<FieldBinding> used(JoinRequest request, int index) {
        Set<JoinField> used = new LinkedHashSet<>();
        List<JoinField> all = new ArrayList<>(request.selected());
        request.sources().forEach(source -> source.on().forEach(pair -> {
            all.add(pair.earlier());
            all.add(pair.joined());
        }));
        for (String key : request.where().fields()) {
            JoinField.parse(key).ifPresent(all::add);
        }
        request.orderBy().forEach(sort -> all.add(sort.field()));
        for (JoinField field : all) {
            if (field.source() == index) {
                used.add(field);
            }
        }
        List<FieldBinding> fields = new ArrayList<>();
        for (JoinField field : used) {
            FieldBinding binding = field(request, field);
            if (!fields.contains(binding)) {
                fields.add(binding);
            }
        }
        return fields;
    }

    private static Condition equal(JoinRequest request, KeyPair pair) {
        return qualified(request, pair.earlier()).eq(qualified(request, pair.joined()));
    }

    private static SortField<Object> sortField(JoinRequest request, JoinRequest.Sort sort) {
        FieldBinding field = field(request, sort.field());
        if (!ArrowTypeMapping.forField(field.arrowField()).filterKind().sortable()) {
            throw new PorticoException(ErrorCode.PUSHDOWN_UNSUPPORTED, "field '" + sort.field().key() + "' ("
                    + field.arrowField().getType() + ") cannot be sorted on");
        }
        Field<Object> column = SqlColumns.field(alias(sort.field().source()), field);
        return sort.direction() == SortDirection.ASC ? column.asc().nullsFirst() : column.desc().nullsLast();
    }

    private static Optional<FilterTranslator.Column> column(JoinRequest request, String key) {
        return JoinField.parse(key)
                .filter(field -> field.source() < request.sources().size())
                .flatMap(field -> request.sources().get(field.source()).binding().field(field.field())
                        .map(binding -> new FilterTranslator.Column(binding,
                                SqlColumns.field(alias(field.source()), binding))));
    }

    private static Field<Object> qualified(JoinRequest request, JoinField column) {
        return SqlColumns.field(alias(column.source()), field(request, column));
    }

    private static FieldBinding field(JoinRequest request, JoinField column) {
        if (column.source() >= request.sources().size()) {
            throw new IllegalArgumentException("no dataset " + column.source() + " in the join");
        }
        DatasetBinding binding = request.sources().get(column.source()).binding();
        return binding.field(column.field()).orElseThrow(() -> new PorticoException(ErrorCode.BAD_USER_INPUT,
                "field '" + column.field() + "' does not exist on " + label(binding)));
    }

    private static String label(DatasetBinding binding) {
        return binding.domain() + "." + binding.dataset();
    }
}

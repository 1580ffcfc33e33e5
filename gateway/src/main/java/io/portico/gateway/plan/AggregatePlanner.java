package io.portico.gateway.plan;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.portico.gateway.plan.AggregateRequest.AggregateOrder;
import io.portico.gateway.plan.AggregateRequest.GroupKey;
import io.portico.gateway.plan.AggregateRequest.Measure;
import io.portico.schema.compose.AggregateRules;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.SelectField;
import org.jooq.SelectHavingStep;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Plans an aggregate field as ONE statement its port computes, rendered by jOOQ in the port's dialect:
 * {@code SELECT <keys>, COUNT(*), <aggregates>[, COUNT(*) OVER ()] FROM <table> WHERE <row filter> AND <where>
 * GROUP BY <keys> ORDER BY <orderBy>, <keys> LIMIT <first>}. Group keys are columns or, for a date or timestamp with
 * a bucket, {@code DSL.trunc(column, part)} (a zoned timestamp is cut in the request's zone: converted to the zone's
 * wall clock, truncated, converted back). Sums stay exact (integers as {@code BIGINT}, decimals as
 * {@code DECIMAL(38, scale)}); a decimal mean is sent as its exact sum and count ({@link AggregatePlan}).
 *
 * <p>Checks everything against the dataset and {@link AggregateRules} (the same rule the schema offers), so a request
 * from any front door gets the same {@code BAD_USER_INPUT} errors. Thread-safe.
 */
public final class AggregatePlanner {

    private static final String KEY_COLUMN = "portico_key_";
    private static final String MEASURE_COLUMN = "portico_value_";
    private static final String MATCH_COLUMN = "portico_match_";
    private static final String RANK_COLUMN = "portico_rank";

    private final int maxGroups;
    private final PortSql renderers;

    AggregatePlanner(int maxGroups, PortSql renderers) {
        this.maxGroups = maxGroups;
        this.renderers = renderers;
    }

    /**
     * Plans {@code request} under a policy's row filter, which is part of the {@code WHERE}: groups and aggregates
     * see only the rows the subject may see.
     *
     * @throws PorticoException {@code BAD_USER_INPUT} for a field the dataset lacks, an aggregate or bucket its type
     *                          does not take, a key sort on a field not grouped by, {@code first} out of range;
     *                          {@code PUSHDOWN_UNSUPPORTED} for a port dialect jOOQ cannot render
     */
    public AggregatePlan plan(DatasetBinding binding, AggregateRequest request, Condition rowFilter) {
        Parts parts = parts(binding, request, rowFilter, List.of());
        DSLContext sql = parts.sql();
        SelectHavingStep<?> grouped = parts.keys().isEmpty()
                ? sql.select(parts.select()).from(table(name(binding.table()))).where(parts.filter())
                : sql.select(parts.select()).from(table(name(binding.table()))).where(parts.filter())
                        .groupBy(parts.keys());
        Query statement = parts.keys().isEmpty()
                ? grouped.orderBy(parts.order())
                : grouped.orderBy(parts.order()).limit(inline(request.first()));
        return parts.plan(PortSql.render(sql, statement), 0);
    }

    /**
     * Plans the aggregate field of a one-to-many relationship for a batch of parents at once: per parent key (the
     * target's {@code matchFields} equal to it) its own groups, one statement per {@code keysPerStatement} keys.
     * Without {@code groupBy}: {@code GROUP BY <match fields>}, one row per parent that has rows. With it, the first
     * {@code first} groups of each parent in {@code orderBy} order, through {@code ROW_NUMBER() OVER (PARTITION BY
     * <match fields> ORDER BY ...)} in a derived table; {@code totalCount} is {@code COUNT(*) OVER (PARTITION BY
     * <match fields>)}. The match fields are the plan's first columns ({@link AggregatePlan#matchColumns()}).
     *
     * @param keys distinct keys, each a list of values in {@code matchFields} order, none null
     * @throws PorticoException as {@link #plan}
     */
    public RelatedAggregatePlan planRelated(DatasetBinding binding, AggregateRequest request, Condition rowFilter,
            List<String> matchFields, List<List<Object>> keys, int keysPerStatement) {
        List<FieldBinding> match = matchFields.stream().map(name -> binding.field(name).orElseThrow(
                () -> new IllegalArgumentException("no field '" + name + "' on " + binding.dataset()))).toList();
        Parts parts = parts(binding, request, rowFilter, match);
        DSLContext sql = parts.sql();
        List<Field<Object>> matchColumns = match.stream().map(SqlColumns::field).toList();
        List<SelectField<?>> select = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        for (int index = 0; index < matchColumns.size(); index++) {
            select.add(matchColumns.get(index).as(MATCH_COLUMN + index));
            aliases.add(MATCH_COLUMN + index);
        }
        select.addAll(parts.select());
        aliases.addAll(parts.aliases());
        List<Field<?>> groupBy = new ArrayList<>(matchColumns);
        groupBy.addAll(parts.keys());
        List<PortQuery> statements = new ArrayList<>();
        for (int start = 0; start < keys.size(); start += keysPerStatement) {
            List<List<Object>> chunk = keys.subList(start, Math.min(keys.size(), start + keysPerStatement));
            Condition where = parts.filter().and(QueryPlanner.keyCondition(match, chunk));
            Query statement;
            if (parts.keys().isEmpty()) {
                statement = sql.select(select).from(table(name(binding.table()))).where(where).groupBy(groupBy);
            } else {
                List<SelectField<?>> ranked = new ArrayList<>(select);
                ranked.add(DSL.rowNumber().over(DSL.partitionBy(matchColumns).orderBy(parts.order()))
                        .as(RANK_COLUMN));
                org.jooq.Table<?> inner = sql.select(ranked).from(table(name(binding.table()))).where(where)
                        .groupBy(groupBy).asTable(name("portico_groups"));
                List<SortField<?>> outerOrder = new ArrayList<>();
                aliases.subList(0, matchColumns.size()).forEach(alias -> outerOrder.add(DSL.field(name(alias)).asc()));
                outerOrder.add(DSL.field(name(RANK_COLUMN)).asc());
                statement = sql.select(aliases.stream().map(alias -> DSL.field(name(alias))).toList())
                        .from(inner)
                        .where(DSL.field(name(RANK_COLUMN), Long.class).le(inline((long) request.first())))
                        .orderBy(outerOrder);
            }
            statements.add(PortSql.render(sql, statement));
        }
        PortQuery first = statements.isEmpty() ? new PortQuery("", List.of()) : statements.getFirst();
        return new RelatedAggregatePlan(parts.plan(first, match.size()), match, statements);
    }

    /** What a dataset statement and a relationship batch's statements share: select list, keys, order, filter. */
    private record Parts(DatasetBinding binding, AggregateRequest request, DSLContext sql, List<SelectField<?>> select,
            List<String> aliases, List<Field<?>> keys, List<SortField<?>> order, Condition filter,
            Condition requested, Map<Measure, Integer> measureColumns, List<Measure> exactMeans,
            List<Field<?>> aggregates, List<String> physicalColumns) {

        /** The plan of {@code statement}, whose first {@code matchColumns} columns are a relationship's keys. */
        AggregatePlan plan(PortQuery statement, int matchColumns) {
            Map<Measure, Integer> columns = new LinkedHashMap<>();
            measureColumns.forEach((measure, column) -> columns.put(measure, column + matchColumns));
            PushdownReport report = PushdownReport.rendered(physicalColumns, keys.isEmpty() ? 1 : request.first(),
                    false, request.totalCountRequested(), () -> new PushdownReport.SqlParts(
                            TrueConditions.isTrue(requested) ? Optional.empty() : Optional.of(sql.render(requested)),
                            order.stream().map(sql::render).toList(),
                            keys.stream().map(sql::render).toList(),
                            aggregates.stream().map(sql::render).toList()));
            return new AggregatePlan(binding, request, statement, columns, exactMeans, report, matchColumns);
        }
    }

    private Parts parts(DatasetBinding binding, AggregateRequest request, Condition rowFilter,
            List<FieldBinding> match) {
        if (request.first() < 0 || request.first() > maxGroups) {
            throw badInput("'first' must be between 0 and " + maxGroups + ", got " + request.first()
                    + "; narrow the groups with 'where' or coarser 'groupBy' keys");
        }
        DSLContext sql = renderers.renderer(binding);
        Set<String> physicalColumns = new LinkedHashSet<>();
        List<Field<?>> keys = new ArrayList<>();
        Set<String> groupedFields = new HashSet<>();
        for (GroupKey key : request.groupBy()) {
            FieldBinding field = field(binding, key.field(), "groupBy");
            if (!AggregateRules.groupable(field) || !groupedFields.add(key.field())) {
                throw badInput("'groupBy' names field '" + key.field() + "' "
                        + (AggregateRules.groupable(field) ? "twice" : "of a type rows cannot be grouped by"));
            }
            keys.add(keyExpression(sql.dialect(), field, key, request.timeZone()));
            physicalColumns.add(field.column());
        }

        List<SelectField<?>> select = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        for (int index = 0; index < keys.size(); index++) {
            select.add(keys.get(index).as(KEY_COLUMN + index));
            aliases.add(KEY_COLUMN + index);
        }
        Field<Long> count = DSL.count().cast(SQLDataType.BIGINT);
        select.add(count.as("portico_count"));
        aliases.add("portico_count");
        List<Field<?>> aggregates = new ArrayList<>(List.of(count));
        Map<Measure, Integer> measureColumns = new LinkedHashMap<>();
        Map<Measure, Field<?>> sortExpressions = new LinkedHashMap<>();
        List<Measure> exactMeans = new ArrayList<>();
        for (Measure measure : request.measuresComputed()) {
            FieldBinding field = field(binding, measure.field(), measure.function().argumentName());
            checkFunction(measure, field);
            physicalColumns.add(field.column());
            List<Field<?>> columns = measureExpressions(measure, field);
            measureColumns.put(measure, select.size());
            for (Field<?> column : columns) {
                aliases.add(MEASURE_COLUMN + select.size());
                select.add(column.as(MEASURE_COLUMN + select.size()));
                aggregates.add(column);
            }
            if (columns.size() == 2) {
                exactMeans.add(measure);
            }
            sortExpressions.put(measure, columns.size() == 2 ? DSL.avg(number(field)) : columns.getFirst());
        }
        if (request.totalCountRequested()) {
            List<Field<Object>> partition = match.stream().map(SqlColumns::field).toList();
            Field<Integer> groups = partition.isEmpty() ? DSL.count().over()
                    : DSL.count().over(DSL.partitionBy(partition));
            select.add(groups.cast(SQLDataType.BIGINT).as("portico_groups"));
            aliases.add("portico_groups");
        }

        List<SortField<?>> order = ordering(binding, request, keys, count, sortExpressions);
        Condition requested = new FilterTranslator(binding).translate(request.where());
        Condition filter = TrueConditions.isTrue(rowFilter) ? requested : rowFilter.and(requested);
        return new Parts(binding, request, sql, select, aliases, keys, order, filter, requested, measureColumns,
                exactMeans, List.copyOf(aggregates), List.copyOf(physicalColumns));
    }

    /** {@code orderBy} as asked, then every group key ascending (nulls first), so the order of groups is total. */
    private static List<SortField<?>> ordering(DatasetBinding binding, AggregateRequest request, List<Field<?>> keys,
            Field<Long> count, Map<Measure, Field<?>> sortExpressions) {
        List<SortField<?>> order = new ArrayList<>();
        for (AggregateOrder sort : request.orderBy()) {
            Field<?> expression = switch (sort) {
                case AggregateOrder.ByCount byCount -> count;
                case AggregateOrder.ByMeasure byMeasure -> sortExpressions.get(byMeasure.measure());
                case AggregateOrder.ByKey byKey -> {
                    int index = request.groupBy().stream().map(GroupKey::field).toList().indexOf(byKey.field());
                    if (index < 0) {
                        throw badInput("'orderBy' sorts by key field '" + byKey.field() + "', which is not in"
                                + " 'groupBy' of " + binding.domain() + "." + binding.dataset());
                    }
                    yield keys.get(index);
                }
            };
            order.add(sort.direction() == SortDirection.ASC ? expression.asc().nullsFirst()
                    : expression.desc().nullsLast());
        }
        keys.forEach(key -> order.add(key.asc().nullsFirst()));
        return order;
    }

    /**
     * A group key's expression: the column, or the start of its time bucket, {@code date_trunc('<part>', column)},
     * in the column's own type. Written as a template rather than {@code DSL.trunc}, whose DuckDB rendering has no
     * date part, in the one form the ports' statement guard (jOOQ's parser) reads in every dialect; for the same
     * reason a zone is not converted with {@code AT TIME ZONE}: a zoned timestamp is cut in UTC (the reference
     * port's sessions are UTC), or, for a zone of fixed offset, shifted by that offset, cut, and shifted back.
     */
    private static Field<?> keyExpression(SQLDialect dialect, FieldBinding field, GroupKey key, ZoneId zone) {
        Field<Object> column = SqlColumns.field(field);
        if (key.bucket() == null) {
            return column;
        }
        if (!AggregateRules.bucketable(field)) {
            throw badInput("'buckets' cuts field '" + key.field() + "' into time buckets, but it is not a date or"
                    + " timestamp");
        }
        if (key.bucket() == TimeBucket.WEEK && dialect.family() == SQLDialect.H2) {
            throw new PorticoException(ErrorCode.PUSHDOWN_UNSUPPORTED, "the port of " + key.field() + " speaks H2,"
                    + " whose statements cannot be asked for week buckets; use DAY or MONTH");
        }
        Field<String> part = inline(key.bucket().name().toLowerCase(java.util.Locale.ROOT));
        boolean zoned = field.arrowField().getType() instanceof ArrowType.Timestamp timestamp
                && timestamp.getTimezone() != null;
        if (!zoned) {
            return DSL.field("date_trunc({0}, {1})", column.getDataType(), part, column).cast(column.getDataType());
        }
        if (!fixedSince1970(zone)) {
            throw new PorticoException(ErrorCode.PUSHDOWN_UNSUPPORTED, "time zone " + zone.getId() + " changes its"
                    + " offset (daylight saving), which the ports cannot be asked to follow; use UTC or a zone whose"
                    + " offset has not changed since 1970 (e.g. +02:00, Asia/Tokyo)");
        }
        int offset = zone.getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds();
        if (offset == 0) {
            return DSL.field("date_trunc({0}, {1})", column.getDataType(), part, column);
        }
        Field<String> shift = DSL.field("interval {0} second", String.class, inline(String.valueOf(offset)));
        return DSL.field("(date_trunc({0}, ({1} + {2})) - {2})", column.getDataType(), part, column, shift);
    }

    /** Whether the zone's offset has not changed since 1970 (UTC, +02:00, Asia/Tokyo; not Europe/Paris). */
    private static boolean fixedSince1970(ZoneId zone) {
        return zone.getRules().isFixedOffset() || zone.getRules().nextTransition(java.time.Instant.EPOCH) == null;
    }

    /** The column(s) of a measure: one, or for a decimal mean its exact sum and its count of values. */
    private static List<Field<?>> measureExpressions(Measure measure, FieldBinding field) {
        Field<Object> column = SqlColumns.field(field);
        return switch (measure.function()) {
            case SUM -> List.of(exactSum(field));
            case AVG -> "BigDecimal".equals(AggregateRules.avgScalar(field))
                    ? List.of(exactSum(field), DSL.count(column).cast(SQLDataType.BIGINT))
                    : List.of(DSL.avg(number(field).cast(SQLDataType.DOUBLE)).cast(SQLDataType.DOUBLE));
            case MIN -> List.of(DSL.min(column));
            case MAX -> List.of(DSL.max(column));
            case COUNT_DISTINCT -> List.of(DSL.countDistinct(column).cast(SQLDataType.BIGINT));
        };
    }

    /** The sum, exact: {@code BIGINT} for integers, {@code DECIMAL(38, scale)} for decimals, {@code DOUBLE} for floats. */
    private static Field<?> exactSum(FieldBinding field) {
        Field<java.math.BigDecimal> sum = DSL.sum(number(field));
        return switch (AggregateRules.sumScalar(field)) {
            case "BigDecimal" -> sum.cast(SQLDataType.DECIMAL(38,
                    field.arrowField().getType() instanceof ArrowType.Decimal decimal ? decimal.getScale() : 0));
            case "Float" -> sum.cast(SQLDataType.DOUBLE);
            default -> sum.cast(SQLDataType.BIGINT);
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Field<? extends Number> number(FieldBinding field) {
        return (Field) SqlColumns.field(field);
    }

    private static void checkFunction(Measure measure, FieldBinding field) {
        boolean allowed = switch (measure.function()) {
            case SUM, AVG -> AggregateRules.numeric(field);
            case MIN, MAX -> AggregateRules.orderable(field);
            case COUNT_DISTINCT -> AggregateRules.groupable(field);
        };
        if (!allowed) {
            throw badInput("'" + measure.function().argumentName() + "' does not apply to field '" + measure.field()
                    + "' (" + field.arrowField().getType() + ")");
        }
    }

    private static FieldBinding field(DatasetBinding binding, String name, String argument) {
        return binding.field(name).orElseThrow(() -> badInput("'" + argument + "' names field '" + name + "', which "
                + binding.domain() + "." + binding.dataset() + " does not have"));
    }

    private static PorticoException badInput(String message) {
        return new PorticoException(ErrorCode.BAD_USER_INPUT, message);
    }
}

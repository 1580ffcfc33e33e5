package io.portico.gateway.sql;

import static io.portico.gateway.sql.SqlErrors.badInput;
import static io.portico.gateway.sql.SqlErrors.quote;
import static io.portico.gateway.sql.SqlErrors.unsupported;

import io.portico.gateway.plan.AggregateRequest;
import io.portico.gateway.plan.AggregateRequest.AggregateOrder;
import io.portico.gateway.plan.AggregateRequest.GroupKey;
import io.portico.gateway.plan.AggregateRequest.Measure;
import io.portico.gateway.plan.DatasetRequest;
import io.portico.gateway.plan.RequestFilter;
import io.portico.gateway.plan.RequestedSort;
import io.portico.gateway.plan.SortDirection;
import io.portico.schema.types.ArrowTypeMapping;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jooq.Field;
import org.jooq.GroupField;
import org.jooq.Param;
import org.jooq.Select;
import org.jooq.SortField;
import org.jooq.SortOrder;
import org.jooq.impl.QOM;

/**
 * Translates one parsed {@code SELECT} over one table into a {@link SqlRead}: {@link SqlRead.Rows} for a select of
 * columns, {@link SqlRead.Aggregate} when it computes aggregates or has {@code GROUP BY}.
 */
final class SelectTranslator {

    private static final String PAGING = "LIMIT n, FETCH FIRST n ROWS ONLY and OFFSET m take integer literals";

    private final SqlTables tables;
    private final int maxGroups;

    SelectTranslator(SqlTables tables, int maxGroups) {
        this.tables = tables;
        this.maxGroups = maxGroups;
    }

    SqlRead translate(Select<?> select, Placeholders placeholders) {
        checkClauses(select);
        if (JoinScope.isJoin(select)) {
            return new JoinTranslator(tables).translate(select, placeholders);
        }
        SqlScope scope = SqlScope.of(select, tables);
        SelectList list = SelectList.of(select.$select(), scope);
        RequestFilter where = new WhereTranslator(scope, placeholders).translate(select.$where());
        if (list.aggregates() || !select.$groupBy().isEmpty()) {
            return aggregate(select, scope, list, where);
        }
        return rows(select, scope, list, where);
    }

    static void checkClauses(Select<?> select) {
        if (select.$distinct() || !select.$distinctOn().isEmpty()) {
            throw unsupported("SELECT DISTINCT", "use GROUP BY the columns, or count(DISTINCT col)");
        }
        if (select.$having() != null) {
            throw unsupported("HAVING", "filter rows with WHERE; groups can be ordered by an aggregate and limited");
        }
        if (select.$qualify() != null || !select.$window().isEmpty()) {
            throw unsupported("window functions (WINDOW, QUALIFY)", SqlErrors.SUPPORTED);
        }
        if (select.$groupByDistinct()) {
            throw unsupported("GROUP BY DISTINCT", SqlErrors.SUPPORTED);
        }
        if (select.$limitPercent() || select.$limitWithTies()) {
            throw unsupported("LIMIT ... PERCENT or WITH TIES", PAGING);
        }
    }

    private static SqlRead rows(Select<?> select, SqlScope scope, SelectList list, RequestFilter where) {
        List<SqlColumn> columns = new ArrayList<>();
        for (SelectList.Item item : list.items()) {
            if (!(item.expression() instanceof SelectExpression.Column column)) {
                throw unsupported("date_trunc outside GROUP BY (" + item.label() + ")",
                        "time buckets are group keys: add GROUP BY");
            }
            columns.add(column.column());
        }
        List<RequestedSort> orderBy = new ArrayList<>();
        for (SortField<?> sort : select.$orderBy()) {
            SelectExpression key = list.sortKey(sort.$field(), scope);
            if (!(key instanceof SelectExpression.Column column)) {
                throw badInput("ORDER BY " + quote(sort.$field()) + " sorts by an aggregate or bucket, which needs"
                        + " GROUP BY or an aggregate in the select list");
            }
            checkSortable(column.column());
            orderBy.add(new RequestedSort(column.column().field().graphQLName(), direction(sort)));
        }
        DatasetRequest request = new DatasetRequest(
                columns.stream().map(column -> column.field().graphQLName()).toList(), where, orderBy, 0, null, false);
        OptionalLong limit = count(select.$limit(), "LIMIT");
        long offset = count(select.$offset(), "OFFSET").orElse(0);
        return new SqlRead.Rows(scope.table(), request, list.star(),
                list.items().stream().map(SelectList.Item::label).toList(), offset, limit, columns);
    }

    private SqlRead aggregate(Select<?> select, SqlScope scope, SelectList list, RequestFilter where) {
        if (list.star()) {
            throw unsupported("* with aggregates or GROUP BY", "name the group keys and aggregates");
        }
        List<GroupKey> groupBy = new ArrayList<>();
        for (GroupField part : select.$groupBy()) {
            if (!(part instanceof Field<?> field)) {
                throw unsupported("GROUP BY " + quote(part), "GROUP BY takes columns and date_trunc('<unit>', col)");
            }
            GroupKey key = groupKey(list.groupKey(field, scope), "GROUP BY " + quote(field));
            if (!groupBy.contains(key)) {
                groupBy.add(key);
            }
        }
        List<SqlRead.Output> outputs = new ArrayList<>();
        List<Measure> measures = new ArrayList<>();
        for (SelectList.Item item : list.items()) {
            outputs.add(switch (item.expression()) {
                case SelectExpression.Count count -> new SqlRead.CountOutput(item.label());
                case SelectExpression.Aggregate aggregate -> {
                    measures.add(aggregate.measure());
                    yield new SqlRead.MeasureOutput(item.label(), aggregate.measure());
                }
                default -> new SqlRead.GroupKeyOutput(item.label(), grouped(groupBy, item.expression()));
            });
        }
        List<AggregateOrder> orderBy = new ArrayList<>();
        for (SortField<?> sort : select.$orderBy()) {
            SortDirection direction = direction(sort);
            orderBy.add(switch (list.sortKey(sort.$field(), scope)) {
                case SelectExpression.Count count -> new AggregateOrder.ByCount(direction);
                case SelectExpression.Aggregate aggregate -> new AggregateOrder.ByMeasure(aggregate.measure(), direction);
                case SelectExpression key -> {
                    GroupKey groupKey = groupBy.get(grouped(groupBy, key));
                    yield new AggregateOrder.ByKey(groupKey.field(), direction);
                }
            });
        }
        if (count(select.$offset(), "OFFSET").orElse(0) != 0) {
            throw unsupported("OFFSET on an aggregate", "order the groups and LIMIT them");
        }
        OptionalLong limit = count(select.$limit(), "LIMIT");
        if (limit.isPresent() && limit.getAsLong() > maxGroups) {
            throw badInput("LIMIT " + limit.getAsLong() + " is more groups than the " + maxGroups + " returned at"
                    + " most; narrow the groups with WHERE or coarser GROUP BY keys");
        }
        int first = limit.isPresent() ? (int) limit.getAsLong() : maxGroups;
        AggregateRequest request = new AggregateRequest(where, groupBy, measures, orderBy, first, null, false);
        return new SqlRead.Aggregate(scope.table(), request, outputs);
    }

    /** The group key of a column or bucket; anything else cannot be a group key. */
    private static GroupKey groupKey(SelectExpression expression, String context) {
        return switch (expression) {
            case SelectExpression.Column column -> column.groupKey();
            case SelectExpression.Bucket bucket -> bucket.groupKey();
            default -> throw badInput(context + " names an aggregate; GROUP BY takes columns and"
                    + " date_trunc('<unit>', col)");
        };
    }

    /** The index in {@code groupBy} of a column or bucket of the select list or ORDER BY, which must be grouped by. */
    private static int grouped(List<GroupKey> groupBy, SelectExpression expression) {
        int index = groupBy.indexOf(groupKey(expression, "the select list"));
        if (index < 0) {
            String name = switch (expression) {
                case SelectExpression.Bucket bucket -> "date_trunc('" + bucket.bucket().name().toLowerCase(
                        java.util.Locale.ROOT) + "', " + bucket.column().name() + ")";
                default -> "column " + expression.defaultLabel();
            };
            throw badInput(name + " must appear in GROUP BY or be used in an aggregate function");
        }
        return index;
    }

    /**
     * The direction of a sort key. Portico orders nulls as the smallest value (first ascending, last descending):
     * a {@code NULLS FIRST}/{@code NULLS LAST} that says otherwise is refused rather than ignored.
     */
    static SortDirection direction(SortField<?> sort) {
        SortDirection direction = sort.$sortOrder() == SortOrder.DESC ? SortDirection.DESC : SortDirection.ASC;
        QOM.NullOrdering nulls = sort.$nullOrdering();
        boolean opposite = direction == SortDirection.ASC ? nulls == QOM.NullOrdering.NULLS_LAST
                : nulls == QOM.NullOrdering.NULLS_FIRST;
        if (opposite) {
            throw unsupported(quote(sort), "nulls sort first ascending and last descending (NULLS FIRST with ASC,"
                    + " NULLS LAST with DESC)");
        }
        return direction;
    }

    static void checkSortable(SqlColumn column) {
        if (!ArrowTypeMapping.forField(column.field().arrowField()).filterKind().sortable()) {
            throw unsupported("ORDER BY " + column.name() + " (" + SqlValues.typeName(column.field().arrowField()
                    .getType()) + ")", "columns of numbers, text, booleans, dates, times and timestamps sort");
        }
    }

    /** A {@code LIMIT} or {@code OFFSET} value: a literal integer, not negative. */
    static OptionalLong count(Field<? extends Number> field, String clause) {
        if (field == null) {
            return OptionalLong.empty();
        }
        if (field instanceof Param<?> param && !param.isInline()) {
            throw unsupported(clause + " ?", PAGING);
        }
        Object value = field instanceof Param<?> param ? param.getValue() : null;
        long count = value instanceof Long number ? number
                : value instanceof BigInteger number && number.bitLength() < 63 ? number.longValue() : -1;
        if (value instanceof Number && count < 0) {
            throw badInput(clause + " " + quote(field) + " must be an integer from 0 to " + Long.MAX_VALUE);
        }
        if (!(value instanceof Number)) {
            throw unsupported(clause + " " + quote(field), PAGING);
        }
        return OptionalLong.of(count);
    }
}

package io.portico.gateway.sql;

import static io.portico.gateway.sql.SqlErrors.quote;
import static io.portico.gateway.sql.SqlErrors.unsupported;

import io.portico.gateway.plan.AggregateFunction;
import io.portico.gateway.plan.AggregateRequest.GroupKey;
import io.portico.gateway.plan.AggregateRequest.Measure;
import io.portico.gateway.plan.TimeBucket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.Configuration;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.TableField;
import org.jooq.VisitListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.QOM;

/**
 * What an expression of the select list, {@code GROUP BY} or {@code ORDER BY} is, of the few Portico pushes down:
 * a column, a time bucket {@code date_trunc('<unit>', col)}, the row count, or an aggregate of a column.
 */
sealed interface SelectExpression {

    /** What the select list, GROUP BY and ORDER BY take. */
    String SUPPORTED = "the select list, GROUP BY and ORDER BY take columns, count(*), count(col),"
            + " count(DISTINCT col), sum(col), avg(col), min(col), max(col) and date_trunc('<unit>', col) with unit"
            + " hour, day, week, month, quarter or year (grouped by)";

    /** The name of the jOOQ class {@code date_trunc(...)} parses into; it has no model accessors. */
    String TRUNC_CLASS = "org.jooq.impl.TruncDate";

    /** The result column's name when the select list gives no alias. */
    String defaultLabel();

    /** A column's value. */
    record Column(SqlColumn column) implements SelectExpression {
        GroupKey groupKey() {
            return new GroupKey(column.field().graphQLName(), null);
        }

        @Override
        public String defaultLabel() {
            return column.name();
        }
    }

    /** The start of a column's time bucket. */
    record Bucket(SqlColumn column, TimeBucket bucket) implements SelectExpression {
        GroupKey groupKey() {
            return new GroupKey(column.field().graphQLName(), bucket);
        }

        @Override
        public String defaultLabel() {
            return "date_trunc";
        }
    }

    /** The group's row count. */
    record Count() implements SelectExpression {
        @Override
        public String defaultLabel() {
            return "count";
        }
    }

    /** An aggregate of a column. */
    record Aggregate(Measure measure) implements SelectExpression {
        @Override
        public String defaultLabel() {
            return switch (measure.function()) {
                case COUNT_DISTINCT -> "count";
                default -> measure.function().argumentName();
            };
        }
    }

    /**
     * Classifies {@code field}.
     *
     * @throws io.portico.schema.error.PorticoException {@code PUSHDOWN_UNSUPPORTED} for anything else, such as
     *                                                  arithmetic, other functions, window functions, literals
     */
    static SelectExpression of(Field<?> field, SqlScope scope) {
        return switch (field) {
            case TableField<?, ?> reference -> new Column(scope.column(reference));
            case QOM.Count count -> count(count, scope);
            case QOM.Sum sum -> aggregate(sum, AggregateFunction.SUM, sum.$field(), sum.$distinct(), scope);
            case QOM.Avg avg -> aggregate(avg, AggregateFunction.AVG, avg.$field(), avg.$distinct(), scope);
            case QOM.Min<?> min -> aggregate(min, AggregateFunction.MIN, min.$field(), min.$distinct(), scope);
            case QOM.Max<?> max -> aggregate(max, AggregateFunction.MAX, max.$field(), max.$distinct(), scope);
            default -> {
                if (TRUNC_CLASS.equals(field.getClass().getName())) {
                    yield bucket(field, scope);
                }
                throw unsupported("the expression " + quote(field), SUPPORTED);
            }
        };
    }

    /**
     * {@code count(*)}; {@code count(DISTINCT col)}; {@code count(col)} of a column that holds no nulls, which is the
     * row count. {@code count(col)} of a nullable column has no equivalent in the request model: refused with the
     * way to write it.
     */
    private static SelectExpression count(QOM.Count count, SqlScope scope) {
        checkPlain(count);
        Field<?> argument = count.$field();
        if (argument == null || argument instanceof Param<?> param && param.isInline() && param.getValue() != null) {
            if (count.$distinct()) {
                throw unsupported(quote(count), SUPPORTED);
            }
            return new Count();
        }
        if (!(argument instanceof TableField<?, ?> reference)) {
            throw unsupported("the aggregate " + quote(count) + " of an expression", SUPPORTED);
        }
        SqlColumn column = scope.column(reference);
        if (count.$distinct()) {
            return new Aggregate(new Measure(AggregateFunction.COUNT_DISTINCT, column.field().graphQLName()));
        }
        if (!column.field().arrowField().isNullable()) {
            return new Count();
        }
        throw unsupported("count(" + column.name() + ") of a nullable column", "write count(*) with WHERE "
                + column.name() + " IS NOT NULL, or count(DISTINCT " + column.name() + ")");
    }

    private static SelectExpression aggregate(QOM.AggregateFunction<?, ?> aggregate, AggregateFunction function,
            Field<?> argument, boolean distinct, SqlScope scope) {
        checkPlain(aggregate);
        if (distinct) {
            throw unsupported(quote(aggregate) + " (DISTINCT)", "only count takes DISTINCT; " + SUPPORTED);
        }
        if (!(argument instanceof TableField<?, ?> reference)) {
            throw unsupported("the aggregate " + quote(aggregate) + " of an expression", SUPPORTED);
        }
        return new Aggregate(new Measure(function, scope.column(reference).field().graphQLName()));
    }

    /** Refuses an aggregate used as a window function or with {@code FILTER (WHERE ...)}. */
    private static void checkPlain(QOM.AggregateFunction<?, ?> aggregate) {
        if (aggregate.$windowSpecification() != null || aggregate.$windowDefinition() != null
                || aggregate.$windowName() != null) {
            throw unsupported("the window function " + quote(aggregate), SUPPORTED);
        }
        if (aggregate.$filterWhere() != null) {
            throw unsupported("FILTER (WHERE ...) in " + quote(aggregate), "use WHERE; " + SUPPORTED);
        }
    }

    /**
     * {@code date_trunc('<unit>', col)}: jOOQ's model has no accessors for it, so it is rendered (as PostgreSQL
     * writes it, {@code date_trunc('month', col)}) and its unit and argument read from the parts visited.
     */
    private static SelectExpression bucket(Field<?> trunc, SqlScope scope) {
        List<QueryPart> arguments = new ArrayList<>();
        Configuration configuration = new DefaultConfiguration().set(SQLDialect.POSTGRES)
                .set(VisitListener.onVisitStart(context -> {
                    if (context.queryPartsLength() == 2) {
                        arguments.add(context.queryPart());
                    }
                }));
        DSL.using(configuration).render(trunc);
        String unit = null;
        Field<?> argument = null;
        for (QueryPart part : arguments) {
            if (part instanceof Param<?> param && param.getValue() instanceof String text && unit == null) {
                unit = text;
            } else if (part instanceof Field<?> field && argument == null) {
                argument = field;
            }
        }
        if (unit == null || !(argument instanceof TableField<?, ?> reference)) {
            throw unsupported("the expression " + quote(trunc), SUPPORTED);
        }
        TimeBucket bucket = bucketNamed(unit);
        if (bucket == null) {
            throw unsupported("date_trunc to " + quote(unit), "date_trunc takes hour, day, week, month, quarter"
                    + " or year");
        }
        return new Bucket(scope.column(reference), bucket);
    }

    private static TimeBucket bucketNamed(String unit) {
        for (TimeBucket bucket : TimeBucket.values()) {
            if (bucket.name().equals(unit.toUpperCase(Locale.ROOT))) {
                return bucket;
            }
        }
        return null;
    }
}

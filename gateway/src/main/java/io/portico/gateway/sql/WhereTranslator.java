package io.portico.gateway.sql;

import static io.portico.gateway.sql.SqlErrors.SUPPORTED_WHERE;
import static io.portico.gateway.sql.SqlErrors.badInput;
import static io.portico.gateway.sql.SqlErrors.quote;
import static io.portico.gateway.sql.SqlErrors.unsupported;

import io.portico.gateway.plan.RequestFilter;
import io.portico.gateway.plan.RequestFilter.Operator;
import io.portico.schema.types.ArrowTypeMapping;
import io.portico.schema.types.FilterKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

/**
 * Translates a {@code WHERE} condition into a {@link RequestFilter} over GraphQL field names, values converted to
 * the columns' types ({@link SqlValues}) and placeholders taken in text order ({@link Placeholders}). Everything
 * becomes part of the filter or an error: nothing is dropped. {@code BETWEEN} becomes {@code >=} and {@code <=};
 * {@code LIKE 'abc%'} starts-with and {@code LIKE '%abc%'} contains; a bare boolean column means {@code = TRUE}.
 */
final class WhereTranslator {

    /** The deepest nesting of AND, OR and NOT translated. */
    static final int MAX_DEPTH = 64;

    /** The operators by their name in {@link FilterKind}, as SQL writes them. */
    private static final Map<String, String> SQL_OPERATORS = Map.ofEntries(
            Map.entry("eq", "="), Map.entry("neq", "<>"), Map.entry("gt", ">"), Map.entry("gte", ">="),
            Map.entry("lt", "<"), Map.entry("lte", "<="), Map.entry("in", "IN"), Map.entry("notIn", "NOT IN"),
            Map.entry("isNull", "IS [NOT] NULL"), Map.entry("contains", "LIKE '%abc%'"),
            Map.entry("startsWith", "LIKE 'abc%'"));

    private final ColumnScope scope;
    private final Placeholders placeholders;

    WhereTranslator(ColumnScope scope, Placeholders placeholders) {
        this.scope = scope;
        this.placeholders = placeholders;
    }

    /** The filter of {@code condition}; {@link RequestFilter#ALL} for none. */
    RequestFilter translate(Condition condition) {
        return condition == null ? RequestFilter.ALL : translate(condition, 0);
    }

    private RequestFilter translate(Condition condition, int depth) {
        if (depth > MAX_DEPTH) {
            throw SqlErrors.refused("WHERE nests AND, OR and NOT more than " + MAX_DEPTH + " deep; simplify it");
        }
        return switch (condition) {
            case QOM.And and -> new RequestFilter.And(translateAll(flatten(and, QOM.And.class), depth));
            case QOM.Or or -> new RequestFilter.Or(translateAll(flatten(or, QOM.Or.class), depth));
            case QOM.Not not -> new RequestFilter.Not(translate(not.$arg1(), depth + 1));
            case QOM.Eq<?> eq -> compare(eq.$arg1(), Operator.EQ, eq.$arg2());
            case QOM.Ne<?> ne -> compare(ne.$arg1(), Operator.NEQ, ne.$arg2());
            case QOM.Lt<?> lt -> compare(lt.$arg1(), Operator.LT, lt.$arg2());
            case QOM.Le<?> le -> compare(le.$arg1(), Operator.LTE, le.$arg2());
            case QOM.Gt<?> gt -> compare(gt.$arg1(), Operator.GT, gt.$arg2());
            case QOM.Ge<?> ge -> compare(ge.$arg1(), Operator.GTE, ge.$arg2());
            case QOM.IsNull isNull -> new RequestFilter.IsNull(filtered(isNull.$arg1(), "isNull").requestName(),
                    true);
            case QOM.IsNotNull isNotNull -> new RequestFilter.IsNull(filtered(isNotNull.$arg1(), "isNull")
                    .requestName(), false);
            case QOM.InList<?> in -> in(in.$arg1(), in.$arg2(), false);
            case QOM.NotInList<?> notIn -> in(notIn.$arg1(), notIn.$arg2(), true);
            case QOM.Between<?> between -> between(between);
            case QOM.Like like -> like(like.$arg1(), like.$arg2(), like.$arg3());
            case QOM.NotLike notLike -> new RequestFilter.Not(like(notLike.$arg1(), notLike.$arg2(), notLike.$arg3()));
            case QOM.FieldCondition bare -> bare(bare.$arg1());
            default -> throw unsupported("the condition " + quote(condition), SUPPORTED_WHERE);
        };
    }

    /** The operands of a chain of one combinator ({@code a AND b AND c}), in text order, without recursion. */
    private static <C extends Condition> List<Condition> flatten(C root, Class<C> combinator) {
        List<Condition> operands = new ArrayList<>();
        Deque<Condition> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Condition next = pending.pop();
            if (next instanceof QOM.And and && combinator == QOM.And.class) {
                pending.push(and.$arg2());
                pending.push(and.$arg1());
            } else if (next instanceof QOM.Or or && combinator == QOM.Or.class) {
                pending.push(or.$arg2());
                pending.push(or.$arg1());
            } else {
                operands.add(next);
            }
        }
        return operands;
    }

    private List<RequestFilter> translateAll(List<Condition> conditions, int depth) {
        List<RequestFilter> filters = new ArrayList<>(conditions.size());
        for (Condition condition : conditions) {
            filters.add(translate(condition, depth + 1));
        }
        return filters;
    }

    /** {@code left <operator> right}, one side a column and the other a value; a value on the left flips it. */
    private RequestFilter compare(Field<?> left, Operator operator, Field<?> right) {
        Operand leftOperand = Operand.of(left);
        Operand rightOperand = Operand.of(right);
        if (leftOperand instanceof Operand.Column && rightOperand instanceof Operand.Column) {
            throw unsupported("comparing two columns (" + quote(left) + " with " + quote(right) + ")", SUPPORTED_WHERE);
        }
        if (!(leftOperand instanceof Operand.Column) && rightOperand instanceof Operand.Column) {
            // A placeholder on the left is met first in the text: checked as a column's value on the right.
            return compare(right, flipped(operator), left);
        }
        ColumnScope.Resolved column = filtered(left, operator.argumentName());
        return new RequestFilter.Compare(column.requestName(), operator, value(column.column(), right));
    }

    private static Operator flipped(Operator operator) {
        return switch (operator) {
            case LT -> Operator.GT;
            case LTE -> Operator.GTE;
            case GT -> Operator.LT;
            case GTE -> Operator.LTE;
            default -> operator;
        };
    }

    private RequestFilter in(Field<?> field, List<? extends Field<?>> values, boolean negated) {
        ColumnScope.Resolved resolved = filtered(field, negated ? "notIn" : "in");
        SqlColumn column = resolved.column();
        List<Object> converted = new ArrayList<>(values.size());
        for (Field<?> value : values) {
            converted.add(value(column, value));
        }
        return new RequestFilter.In(resolved.requestName(), converted, negated);
    }

    private RequestFilter between(QOM.Between<?> between) {
        if (between.$symmetric()) {
            throw unsupported("BETWEEN SYMMETRIC", SUPPORTED_WHERE);
        }
        ColumnScope.Resolved resolved = filtered(between.$arg1(), "gte");
        SqlColumn column = resolved.column();
        RequestFilter range = new RequestFilter.And(List.of(
                new RequestFilter.Compare(resolved.requestName(), Operator.GTE, value(column, between.$arg2())),
                new RequestFilter.Compare(resolved.requestName(), Operator.LTE, value(column, between.$arg3()))));
        return negated(between) ? new RequestFilter.Not(range) : range;
    }

    /**
     * Whether a {@code BETWEEN} is a {@code NOT BETWEEN}, which the open-source jOOQ model does not expose: the same
     * condition over placeholder names is rendered, which is short and says it.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean negated(QOM.Between<?> between) {
        Field<Object> placeholder = DSL.field(DSL.name("x"));
        QOM.Between<?> skeleton = (QOM.Between<?>) ((QOM.Between) between).$constructor()
                .apply(placeholder, placeholder, placeholder);
        String rendered = StatementParser.dsl().render(skeleton);
        return rendered.toLowerCase(java.util.Locale.ROOT).contains("not between");
    }

    private RequestFilter like(Field<?> field, Field<String> pattern, Character escape) {
        if (escape != null) {
            throw unsupported("LIKE with ESCAPE", "LIKE takes 'abc%' (starts with) and '%abc%' (contains)");
        }
        Operand patternOperand = Operand.of(pattern);
        ColumnScope.Resolved resolved = filtered(field, "startsWith");
        SqlColumn column = resolved.column();
        Object value = switch (patternOperand) {
            case Operand.Literal literal when literal.value() instanceof String text -> text;
            case Operand.Literal literal -> throw badInput("LIKE takes a string pattern, got " + quote(pattern));
            case Operand.Placeholder placeholder -> placeholders.nextRaw(column);
            default -> throw unsupported("LIKE with the pattern " + quote(pattern),
                    "LIKE takes a literal or ? pattern 'abc%' (starts with) or '%abc%' (contains)");
        };
        if (value == Placeholders.DESCRIBED) {
            return new RequestFilter.Compare(resolved.requestName(), Operator.STARTS_WITH, value);
        }
        if (!(value instanceof CharSequence text)) {
            throw badInput("the LIKE pattern for column " + column.name() + " must be a string, got " + value);
        }
        return likePattern(resolved, text.toString());
    }

    private static RequestFilter likePattern(ColumnScope.Resolved column, String pattern) {
        String field = column.requestName();
        if (pattern.length() >= 2 && pattern.startsWith("%") && pattern.endsWith("%")
                && plain(pattern.substring(1, pattern.length() - 1))) {
            return new RequestFilter.Compare(field, Operator.CONTAINS, pattern.substring(1, pattern.length() - 1));
        }
        if (pattern.endsWith("%") && plain(pattern.substring(0, pattern.length() - 1))) {
            return new RequestFilter.Compare(field, Operator.STARTS_WITH, pattern.substring(0, pattern.length() - 1));
        }
        throw unsupported("the LIKE pattern " + quote(pattern), "LIKE takes 'abc%' (starts with) and '%abc%'"
                + " (contains), with no other % or _ in abc; use = to match a whole value");
    }

    private static boolean plain(String text) {
        return text.indexOf('%') < 0 && text.indexOf('_') < 0;
    }

    /** {@code WHERE active} (a boolean column: {@code = TRUE}), {@code WHERE TRUE} or {@code WHERE FALSE}. */
    private RequestFilter bare(Field<Boolean> field) {
        Operand operand = Operand.of(field);
        if (operand instanceof Operand.Literal literal && literal.value() instanceof Boolean bool) {
            return bool ? RequestFilter.ALL : new RequestFilter.Or(List.of());
        }
        if (operand instanceof Operand.Column) {
            ColumnScope.Resolved column = filtered(field, "eq");
            return new RequestFilter.Compare(column.requestName(), Operator.EQ,
                    SqlValues.convert(column.column(), Boolean.TRUE, "a bare column, read as = TRUE,"));
        }
        throw unsupported("the condition " + quote(field), SUPPORTED_WHERE);
    }

    /** The value a column is compared with: a literal, or the next placeholder's value. */
    private Object value(SqlColumn column, Field<?> field) {
        return switch (Operand.of(field)) {
            case Operand.Literal literal when literal.value() == null -> throw badInput("comparing column "
                    + column.name() + " with NULL matches no row; use IS NULL or IS NOT NULL");
            case Operand.Literal literal -> SqlValues.convert(column, literal.value(), "literal " + quote(field));
            case Operand.Placeholder placeholder -> placeholders.next(column);
            case Operand.Column other -> throw unsupported("comparing two columns (" + column.name() + " with "
                    + quote(field) + ")", SUPPORTED_WHERE);
            case Operand.Expression expression -> throw unsupported("the expression " + quote(field) + " in WHERE",
                    SUPPORTED_WHERE + "; functions and arithmetic are not pushed down");
        };
    }

    /** The column {@code field} references, which must take {@code operator}. */
    private ColumnScope.Resolved filtered(Field<?> field, String operator) {
        if (!(Operand.of(field) instanceof Operand.Column reference)) {
            throw unsupported("the expression " + quote(field) + " in WHERE", SUPPORTED_WHERE
                    + "; functions and arithmetic are not pushed down");
        }
        ColumnScope.Resolved resolved = scope.resolve(reference.reference());
        SqlColumn column = resolved.column();
        FilterKind kind = ArrowTypeMapping.forField(column.field().arrowField()).filterKind();
        if (!kind.supports(operator)) {
            String type = SqlValues.typeName(column.field().arrowField().getType());
            throw unsupported(SQL_OPERATORS.get(operator) + " on column " + column.name() + " (" + type + ")",
                    kind.operators().isEmpty() ? "columns of this type cannot be filtered"
                            : "it takes " + SqlErrors.list(kind.operators().stream().map(SQL_OPERATORS::get).toList()));
        }
        return resolved;
    }
}

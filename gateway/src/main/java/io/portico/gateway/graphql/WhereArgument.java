package io.portico.gateway.graphql;

import io.portico.gateway.plan.RequestFilter;
import io.portico.gateway.plan.RequestFilter.Operator;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a connection field's {@code where} argument (coerced by graphql-java, so already of the schema's input
 * types) into a {@link RequestFilter}, once per request. Checks what does not need the dataset: nesting depth, list
 * sizes, nulls and operator names; the planner checks fields and operator support against the dataset.
 *
 * <p>Operators: {@code eq neq gt gte lt lte in notIn isNull contains startsWith} per field (several on one field
 * must all hold; comparisons follow SQL, so {@code neq} does not match nulls), and {@code and}/{@code or}/{@code
 * not} to combine. {@code or: []} matches nothing, {@code and: []} everything. An explicit null means "not given",
 * but for an operator other than {@code isNull} it is refused: it would otherwise silently match nothing.
 */
public final class WhereArgument {

    /** Deepest nesting of and/or/not accepted; variables can carry arbitrarily deep input objects. */
    public static final int MAX_DEPTH = 32;
    /** Most values accepted in one {@code in}/{@code notIn} list. */
    public static final int MAX_LIST_VALUES = 10_000;

    private static final Map<String, Operator> OPERATORS = Map.of(
            "eq", Operator.EQ, "neq", Operator.NEQ, "gt", Operator.GT, "gte", Operator.GTE, "lt", Operator.LT,
            "lte", Operator.LTE, "contains", Operator.CONTAINS, "startsWith", Operator.STARTS_WITH);

    private WhereArgument() {
    }

    /**
     * The filter {@code where} asks for; {@link RequestFilter#ALL} for null or an empty argument.
     *
     * @throws PorticoException {@code BAD_USER_INPUT} naming what to change
     */
    public static RequestFilter read(Map<String, Object> where) {
        return where == null ? RequestFilter.ALL : read(where, 1);
    }

    private static RequestFilter read(Map<String, Object> where, int depth) {
        if (depth > MAX_DEPTH) {
            throw badInput("'where' nests and/or/not deeper than " + MAX_DEPTH + " levels");
        }
        List<RequestFilter> parts = new ArrayList<>();
        for (Map.Entry<String, Object> entry : where.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            parts.add(switch (entry.getKey()) {
                case "and" -> new RequestFilter.And(readAll(entry.getValue(), "and", depth));
                case "or" -> new RequestFilter.Or(readAll(entry.getValue(), "or", depth));
                case "not" -> new RequestFilter.Not(read(asMap(entry.getValue(), "not"), depth + 1));
                default -> field(entry.getKey(), asMap(entry.getValue(), entry.getKey()));
            });
        }
        return parts.size() == 1 ? parts.getFirst() : new RequestFilter.And(parts);
    }

    private static List<RequestFilter> readAll(Object value, String combinator, int depth) {
        if (!(value instanceof List<?> list)) {
            throw badInput("'" + combinator + "' takes a list of conditions");
        }
        List<RequestFilter> filters = new ArrayList<>(list.size());
        for (Object element : list) {
            filters.add(read(asMap(element, combinator), depth + 1));
        }
        return filters;
    }

    private static RequestFilter field(String fieldName, Map<String, Object> operators) {
        List<RequestFilter> parts = new ArrayList<>();
        for (Map.Entry<String, Object> operator : operators.entrySet()) {
            String name = operator.getKey();
            Object operand = operator.getValue();
            if (operand == null) {
                if ("isNull".equals(name)) {
                    continue;
                }
                throw badInput("'" + fieldName + "." + name + "' is null; to match nulls use isNull: true");
            }
            parts.add(switch (name) {
                case "isNull" -> new RequestFilter.IsNull(fieldName, Boolean.TRUE.equals(operand));
                case "in", "notIn" -> new RequestFilter.In(fieldName, listValues(fieldName, name, operand),
                        "notIn".equals(name));
                default -> {
                    Operator single = OPERATORS.get(name);
                    if (single == null) {
                        throw badInput("unknown operator '" + name + "' on field '" + fieldName + "'");
                    }
                    yield new RequestFilter.Compare(fieldName, single, operand);
                }
            });
        }
        return parts.size() == 1 ? parts.getFirst() : new RequestFilter.And(parts);
    }

    private static List<Object> listValues(String fieldName, String operator, Object operand) {
        if (!(operand instanceof List<?> list)) {
            throw badInput("'" + fieldName + "." + operator + "' takes a list");
        }
        if (list.size() > MAX_LIST_VALUES) {
            throw badInput("'" + fieldName + "." + operator + "' has " + list.size() + " values; at most "
                    + MAX_LIST_VALUES + " are accepted");
        }
        for (Object element : list) {
            if (element == null) {
                throw badInput("'" + fieldName + "." + operator + "' contains null; to match nulls use isNull: true");
            }
        }
        return new ArrayList<>(list);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String name) {
        if (!(value instanceof Map<?, ?> map)) {
            throw badInput("'" + name + "' takes an input object");
        }
        return (Map<String, Object>) map;
    }

    private static PorticoException badInput(String message) {
        return new PorticoException(ErrorCode.BAD_USER_INPUT, message);
    }
}

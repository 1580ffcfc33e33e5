package io.portico.gateway.plan;

import static org.jooq.impl.DSL.and;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.not;
import static org.jooq.impl.DSL.or;
import static org.jooq.impl.DSL.trueCondition;

import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import io.portico.schema.types.ArrowTypeMapping;
import io.portico.schema.types.FilterKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;

/**
 * Translates a {@code where} argument into one jOOQ condition over the dataset's columns, with every value a
 * bind parameter. Each part of the argument becomes SQL or an error: nothing is dropped.
 *
 * <p>Operators: {@code eq neq gt gte lt lte in notIn isNull contains startsWith} per field (several on one field
 * must all hold; comparisons follow SQL, so {@code neq} does not match nulls), and {@code and}/{@code or}/{@code
 * not} to combine. {@code or: []} matches nothing, {@code and: []} everything.
 */
final class FilterTranslator {

    /** Deepest nesting of and/or/not accepted; variables can carry arbitrarily deep input objects. */
    static final int MAX_DEPTH = 32;
    /** Most values accepted in one {@code in}/{@code notIn} list. */
    static final int MAX_LIST_VALUES = 10_000;

    private final DatasetBinding binding;

    FilterTranslator(DatasetBinding binding) {
        this.binding = binding;
    }

    Condition translate(Map<String, Object> where) {
        return translate(where, 1);
    }

    private Condition translate(Map<String, Object> where, int depth) {
        if (depth > MAX_DEPTH) {
            throw new PorticoException(ErrorCode.BAD_USER_INPUT,
                    "'where' nests and/or/not deeper than " + MAX_DEPTH + " levels");
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, Object> entry : where.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            conditions.add(switch (entry.getKey()) {
                case "and" -> and(translateAll(entry.getValue(), "and", depth));
                case "or" -> {
                    List<Condition> alternatives = translateAll(entry.getValue(), "or", depth);
                    yield alternatives.isEmpty() ? falseCondition() : or(alternatives);
                }
                case "not" -> not(translate(asMap(entry.getValue(), "not"), depth + 1));
                default -> fieldCondition(entry.getKey(), asMap(entry.getValue(), entry.getKey()));
            });
        }
        return conditions.isEmpty() ? trueCondition() : and(conditions);
    }

    private List<Condition> translateAll(Object value, String combinator, int depth) {
        if (!(value instanceof List<?> list)) {
            throw badInput("'" + combinator + "' takes a list of conditions");
        }
        List<Condition> conditions = new ArrayList<>(list.size());
        for (Object element : list) {
            conditions.add(translate(asMap(element, combinator), depth + 1));
        }
        return conditions;
    }

    private Condition fieldCondition(String fieldName, Map<String, Object> operators) {
        FieldBinding field = binding.field(fieldName).orElseThrow(() -> badInput(
                "'where' names field '" + fieldName + "', which " + binding.domain() + "." + binding.dataset()
                        + " does not have"));
        FilterKind kind = ArrowTypeMapping.forField(field.arrowField()).filterKind();
        Field<Object> column = SqlColumns.field(field);
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, Object> operator : operators.entrySet()) {
            if (operator.getValue() == null) {
                if ("isNull".equals(operator.getKey())) {
                    continue;
                }
                throw badInput("'" + fieldName + "." + operator.getKey() + "' is null; to match nulls use isNull: true");
            }
            if (!kind.supports(operator.getKey())) {
                throw new PorticoException(ErrorCode.PUSHDOWN_UNSUPPORTED, "operator '" + operator.getKey()
                        + "' is not supported on field '" + fieldName + "' (" + field.arrowField().getType()
                        + "); supported: " + (kind.operators().isEmpty() ? "none" : String.join(", ", kind.operators())));
            }
            conditions.add(operatorCondition(column, fieldName, operator.getKey(), operator.getValue()));
        }
        return conditions.isEmpty() ? trueCondition() : and(conditions);
    }

    private static Condition operatorCondition(Field<Object> column, String fieldName, String operator, Object operand) {
        return switch (operator) {
            case "eq" -> column.eq(SqlColumns.value(column, operand));
            case "neq" -> column.ne(SqlColumns.value(column, operand));
            case "gt" -> column.gt(SqlColumns.value(column, operand));
            case "gte" -> column.ge(SqlColumns.value(column, operand));
            case "lt" -> column.lt(SqlColumns.value(column, operand));
            case "lte" -> column.le(SqlColumns.value(column, operand));
            case "in" -> column.in(listValues(column, fieldName, operator, operand));
            case "notIn" -> column.notIn(listValues(column, fieldName, operator, operand));
            case "isNull" -> Boolean.TRUE.equals(operand) ? column.isNull() : column.isNotNull();
            case "contains" -> column.contains(SqlColumns.value(column, operand));
            case "startsWith" -> column.startsWith(SqlColumns.value(column, operand));
            default -> throw badInput("unknown operator '" + operator + "' on field '" + fieldName + "'");
        };
    }

    private static List<Field<Object>> listValues(Field<Object> column, String fieldName, String operator, Object operand) {
        if (!(operand instanceof List<?> list)) {
            throw badInput("'" + fieldName + "." + operator + "' takes a list");
        }
        if (list.size() > MAX_LIST_VALUES) {
            throw badInput("'" + fieldName + "." + operator + "' has " + list.size() + " values; at most "
                    + MAX_LIST_VALUES + " are accepted");
        }
        List<Field<Object>> values = new ArrayList<>(list.size());
        for (Object element : list) {
            if (element == null) {
                throw badInput("'" + fieldName + "." + operator + "' contains null; to match nulls use isNull: true");
            }
            values.add(SqlColumns.value(column, element));
        }
        return values;
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

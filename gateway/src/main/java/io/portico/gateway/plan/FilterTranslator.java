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
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Field;

/**
 * Renders a request's {@link RequestFilter} as one jOOQ condition over the dataset's columns, every value a bind
 * value that jOOQ renders. Each part becomes SQL or an error: nothing is dropped. A field the dataset does not have
 * is {@code BAD_USER_INPUT}; an operator its type does not support is {@code PUSHDOWN_UNSUPPORTED}.
 */
final class FilterTranslator {

    /** A field a filter names: its binding (for its type) and the column reference rendered. */
    record Column(FieldBinding field, Field<Object> reference) {
    }

    private final Function<String, Optional<Column>> columns;
    private final String filtered;

    /** A translator of filters over {@code binding}'s fields, by their GraphQL names, as unqualified columns. */
    FilterTranslator(DatasetBinding binding) {
        this(name -> binding.field(name).map(field -> new Column(field, SqlColumns.field(field))),
                binding.domain() + "." + binding.dataset());
    }

    /**
     * A translator of filters over the fields {@code columns} resolves (e.g. the table-qualified columns of a join).
     *
     * @param filtered what the filter is over, as an error names it
     */
    FilterTranslator(Function<String, Optional<Column>> columns, String filtered) {
        this.columns = columns;
        this.filtered = filtered;
    }

    Condition translate(RequestFilter filter) {
        return switch (filter) {
            case RequestFilter.And and -> and.parts().isEmpty() ? trueCondition() : and(translateAll(and.parts()));
            case RequestFilter.Or or -> or.alternatives().isEmpty() ? falseCondition() : or(translateAll(or.alternatives()));
            case RequestFilter.Not negation -> not(translate(negation.negated()));
            case RequestFilter.Compare compare -> compare(compare);
            case RequestFilter.In in -> {
                Field<Object> column = column(in.field(), in.operatorName());
                List<Field<Object>> values = new ArrayList<>(in.values().size());
                for (Object value : in.values()) {
                    values.add(SqlColumns.value(column, value));
                }
                yield in.negated() ? column.notIn(values) : column.in(values);
            }
            case RequestFilter.IsNull isNull -> {
                Field<Object> column = column(isNull.field(), "isNull");
                yield isNull.isNull() ? column.isNull() : column.isNotNull();
            }
        };
    }

    private List<Condition> translateAll(List<RequestFilter> filters) {
        List<Condition> conditions = new ArrayList<>(filters.size());
        for (RequestFilter filter : filters) {
            conditions.add(translate(filter));
        }
        return conditions;
    }

    private Condition compare(RequestFilter.Compare compare) {
        Field<Object> column = column(compare.field(), compare.operator().argumentName());
        Field<Object> value = SqlColumns.value(column, compare.value());
        return switch (compare.operator()) {
            case EQ -> column.eq(value);
            case NEQ -> column.ne(value);
            case GT -> column.gt(value);
            case GTE -> column.ge(value);
            case LT -> column.lt(value);
            case LTE -> column.le(value);
            case CONTAINS -> column.contains(value);
            case STARTS_WITH -> column.startsWith(value);
        };
    }

    /** The column of a field the dataset has and whose type supports {@code operator}. */
    private Field<Object> column(String fieldName, String operator) {
        Column resolved = columns.apply(fieldName).orElseThrow(() -> new PorticoException(
                ErrorCode.BAD_USER_INPUT, "'where' names field '" + fieldName + "', which " + filtered
                        + " does not have"));
        FieldBinding field = resolved.field();
        FilterKind kind = ArrowTypeMapping.forField(field.arrowField()).filterKind();
        if (!kind.supports(operator)) {
            throw new PorticoException(ErrorCode.PUSHDOWN_UNSUPPORTED, "operator '" + operator
                    + "' is not supported on field '" + fieldName + "' (" + field.arrowField().getType()
                    + "); supported: " + (kind.operators().isEmpty() ? "none" : String.join(", ", kind.operators())));
        }
        return resolved.reference();
    }
}

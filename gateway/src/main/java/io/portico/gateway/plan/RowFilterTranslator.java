package io.portico.gateway.plan;

import static org.jooq.impl.DSL.and;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.not;
import static org.jooq.impl.DSL.or;
import static org.jooq.impl.DSL.trueCondition;

import io.portico.policies.filter.Operand;
import io.portico.policies.filter.RowPredicate;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.compose.SchemaNames;
import io.portico.schema.error.PorticoException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;

/**
 * Renders a policy's row filter, bound to the subject (literals only), as one jOOQ condition over the dataset's
 * columns, every value a bind parameter. The planner adds it to the page and the count query before ordering,
 * keyset and limit, so counts and cursors only ever see permitted rows.
 *
 * <p>Never widens: a part that cannot be rendered (a field the dataset does not expose, a literal that does not
 * fit the column's type, an unbound subject reference) admits no row, so the whole filter errs on the side of
 * showing less.
 */
public final class RowFilterTranslator {

    private final DatasetBinding binding;

    public RowFilterTranslator(DatasetBinding binding) {
        this.binding = binding;
    }

    /** The condition of {@code predicate}, a predicate over the dataset's contract field names. */
    public Condition translate(RowPredicate predicate) {
        return switch (predicate) {
            case RowPredicate.Constant constant -> constant.value() ? trueCondition() : falseCondition();
            case RowPredicate.And all -> and(translateAll(all.operands()));
            case RowPredicate.Or any -> or(translateAll(any.operands()));
            case RowPredicate.Not negation -> not(translate(negation.operand()));
            case RowPredicate.IsNull isNull -> column(isNull.field())
                    .map(column -> isNull.negated() ? column.isNotNull() : column.isNull())
                    .orElse(falseCondition());
            case RowPredicate.Comparison comparison -> comparison(comparison);
            case RowPredicate.InList in -> inList(in);
        };
    }

    private List<Condition> translateAll(List<RowPredicate> predicates) {
        List<Condition> conditions = new ArrayList<>(predicates.size());
        predicates.forEach(predicate -> conditions.add(translate(predicate)));
        return conditions;
    }

    private Condition comparison(RowPredicate.Comparison comparison) {
        Optional<Field<Object>> column = column(comparison.field());
        Optional<Field<Object>> value = column.flatMap(field -> value(field, comparison.value()));
        if (value.isEmpty()) {
            return falseCondition();
        }
        Field<Object> field = column.get();
        return switch (comparison.operator()) {
            case EQUAL -> field.eq(value.get());
            case NOT_EQUAL -> field.ne(value.get());
            case LESS -> field.lt(value.get());
            case LESS_OR_EQUAL -> field.le(value.get());
            case GREATER -> field.gt(value.get());
            case GREATER_OR_EQUAL -> field.ge(value.get());
        };
    }

    private Condition inList(RowPredicate.InList in) {
        Optional<Field<Object>> column = column(in.field());
        if (column.isEmpty()) {
            return falseCondition();
        }
        List<Field<Object>> values = new ArrayList<>(in.values().size());
        for (Operand operand : in.values()) {
            Optional<Field<Object>> value = value(column.get(), operand);
            if (value.isEmpty()) {
                // A value that cannot be compared: for 'in' it matches nothing (leave it out), for 'not in' the
                // list is unknown, so no row is admitted.
                if (in.negated()) {
                    return falseCondition();
                }
                continue;
            }
            values.add(value.get());
        }
        if (values.isEmpty()) {
            return in.negated() ? trueCondition() : falseCondition();
        }
        return in.negated() ? column.get().notIn(values) : column.get().in(values);
    }

    private Optional<Field<Object>> column(String contractField) {
        String graphQLName = SchemaNames.fieldName(contractField);
        return binding.field(graphQLName).map(SqlColumns::field);
    }

    private static Optional<Field<Object>> value(Field<Object> column, Operand operand) {
        if (!(operand instanceof Operand.Literal literal)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SqlColumns.value(column, literal.value()));
        } catch (PorticoException e) {
            return Optional.empty();
        }
    }
}

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
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Field;

/**
 * Renders a policy's row filter, bound to the subject (literals only) and resolved, as one jOOQ condition over the
 * dataset's columns, every value a bind parameter. The planner adds it to the page and the count query before
 * ordering, keyset and limit, so counts and cursors only ever see permitted rows.
 *
 * <p>A test that follows a relationship ({@link RowPredicate.RelatedIn}) is rendered by whoever knows where the
 * related dataset lives ({@code related}): a semi-join within one port, a list of keys read from another
 * ({@link RelatedKeyConditions}).
 *
 * <p>Never widens: a part that cannot be rendered (a field the dataset does not expose, a literal that does not
 * fit the column's type, an unbound subject reference, a related test {@code related} cannot render) admits no
 * row, whatever {@code not} surrounds it: it is {@code false}, or {@code true} under an odd number of {@code not},
 * as the policy's binding does with an unknown subject attribute.
 */
public final class RowFilterTranslator {

    private final DatasetBinding binding;
    private final Function<RowPredicate.RelatedIn, Optional<Condition>> related;

    /** A translator of filters that follow no relationship (a related test admits no row). */
    public RowFilterTranslator(DatasetBinding binding) {
        this(binding, test -> Optional.empty());
    }

    /**
     * @param binding the dataset the filter is over
     * @param related the condition of each related test of the filter; empty when it cannot be rendered
     */
    public RowFilterTranslator(DatasetBinding binding, Function<RowPredicate.RelatedIn, Optional<Condition>> related) {
        this.binding = java.util.Objects.requireNonNull(binding, "binding is null");
        this.related = java.util.Objects.requireNonNull(related, "related is null");
    }

    /** The condition of {@code predicate}, a predicate over the dataset's contract field names. */
    public Condition translate(RowPredicate predicate) {
        return translate(predicate, true);
    }

    /** @param positive whether {@code predicate} is under an even number of {@code not} */
    private Condition translate(RowPredicate predicate, boolean positive) {
        return switch (predicate) {
            case RowPredicate.Constant constant -> constant.value() ? trueCondition() : falseCondition();
            case RowPredicate.And all -> and(translateAll(all.operands(), positive));
            case RowPredicate.Or any -> or(translateAll(any.operands(), positive));
            case RowPredicate.Not negation -> not(translate(negation.operand(), !positive));
            case RowPredicate.IsNull isNull -> column(isNull.field())
                    .map(column -> isNull.negated() ? column.isNotNull() : column.isNull())
                    .orElseGet(() -> unknown(positive));
            case RowPredicate.Comparison comparison -> comparison(comparison, positive);
            case RowPredicate.InList in -> inList(in, positive);
            case RowPredicate.RelatedIn test -> related.apply(test).orElseGet(() -> unknown(positive));
            case RowPredicate.Visible test -> unknown(positive);
        };
    }

    private List<Condition> translateAll(List<RowPredicate> predicates, boolean positive) {
        List<Condition> conditions = new ArrayList<>(predicates.size());
        predicates.forEach(predicate -> conditions.add(translate(predicate, positive)));
        return conditions;
    }

    private Condition comparison(RowPredicate.Comparison comparison, boolean positive) {
        Optional<Field<Object>> column = column(comparison.field());
        Optional<Field<Object>> value = column.flatMap(field -> value(field, comparison.value()));
        if (value.isEmpty()) {
            return unknown(positive);
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

    /**
     * A value that cannot be compared is unknown: {@code x in (a, unknown)} is true when {@code x = a} and unknown
     * otherwise, so it can be left out where the list must hold ({@code in} at a positive place, {@code not in} at a
     * negated one); elsewhere the list cannot admit a row.
     */
    private Condition inList(RowPredicate.InList in, boolean positive) {
        Optional<Field<Object>> column = column(in.field());
        if (column.isEmpty()) {
            return unknown(positive);
        }
        boolean listMustHold = in.negated() != positive;
        List<Field<Object>> values = new ArrayList<>(in.values().size());
        for (Operand operand : in.values()) {
            Optional<Field<Object>> value = value(column.get(), operand);
            if (value.isPresent()) {
                values.add(value.get());
            } else if (!listMustHold) {
                return unknown(positive);
            }
        }
        if (values.isEmpty()) {
            return in.negated() ? trueCondition() : falseCondition();
        }
        return in.negated() ? column.get().notIn(values) : column.get().in(values);
    }

    private Optional<Field<Object>> column(String contractField) {
        return field(binding, contractField).map(SqlColumns::field);
    }

    /** The field of {@code binding} a contract field name maps to, when it is exposed. */
    static Optional<FieldBinding> field(DatasetBinding binding, String contractField) {
        return binding.field(SchemaNames.fieldName(contractField));
    }

    /** What admits no row at a place of this polarity. */
    private static Condition unknown(boolean positive) {
        return positive ? falseCondition() : trueCondition();
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

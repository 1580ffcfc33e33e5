package io.portico.policies.filter;

import static java.util.Objects.requireNonNull;

import io.portico.policies.Subject;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A row filter: a predicate over a dataset's fields (by their contract names) and the subject's attributes, as read
 * by {@link RowFilterParser} from a policy's {@code rowFilter}.
 *
 * <p>A predicate read from a policy is a <em>template</em>: it may hold {@link Operand.SubjectReference subject
 * references}. {@link #bind(Subject)} replaces them with the subject's values and returns a predicate that holds
 * literals only, ready to be rendered as SQL. {@link #text()} prints a predicate in the row-filter language; the
 * template's text names no subject value, so it is what audit events record.
 *
 * <p>Binding never widens a filter. A reference to an attribute the subject does not have behaves like SQL's
 * {@code NULL}: the comparison is unknown and admits no row, whatever {@code not} surrounds it. Concretely, it
 * becomes {@link #FALSE} (under an odd number of {@code not}, {@link #TRUE}, so that the negation is false), and
 * constants are then folded ({@code x and false} is {@code false}).
 */
public sealed interface RowPredicate permits RowPredicate.Comparison, RowPredicate.InList, RowPredicate.IsNull,
        RowPredicate.And, RowPredicate.Or, RowPredicate.Not, RowPredicate.Constant {

    /** Every row. */
    Constant TRUE = new Constant(true);
    /** No row. */
    Constant FALSE = new Constant(false);

    /** This predicate with every subject reference replaced by the subject's value (see the interface's doc). */
    default RowPredicate bind(Subject subject) {
        return RowPredicateBinder.bind(this, requireNonNull(subject, "subject is null"));
    }

    /** This predicate in the row-filter language, fully parenthesised where precedence needs it. */
    default String text() {
        return RowPredicateWriter.write(this);
    }

    /** The contract names of the fields this predicate reads, in order of appearance. */
    default Set<String> fields() {
        Set<String> fields = new LinkedHashSet<>();
        RowPredicateWriter.collect(this, fields, null);
        return Collections.unmodifiableSet(fields);
    }

    /** The subject attributes this predicate references ({@code id}, {@code roles}, {@code region}...). */
    default Set<String> subjectAttributes() {
        Set<String> attributes = new LinkedHashSet<>();
        RowPredicateWriter.collect(this, null, attributes);
        return Collections.unmodifiableSet(attributes);
    }

    /** Whether this predicate holds no subject reference (it was bound, or never had one). */
    default boolean isBound() {
        return subjectAttributes().isEmpty();
    }

    /**
     * {@code field op value}.
     *
     * @param field    the contract name of the field
     * @param operator the comparison
     * @param value    a literal or a single-valued subject reference
     */
    record Comparison(String field, ComparisonOperator operator, Operand value) implements RowPredicate {

        public Comparison {
            requireNonNull(field, "field is null");
            requireNonNull(operator, "operator is null");
            requireNonNull(value, "value is null");
            if (value instanceof Operand.SubjectReference reference && reference.isMultiValued()) {
                throw new IllegalArgumentException(reference.text() + " is a set: compare it with in, not "
                        + operator.symbol());
            }
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * {@code field in (values)} or {@code field not in (values)}. A template's values may hold subject references,
     * including the sets {@code subject.roles} and {@code subject.groups}; a bound one holds literals only and may
     * be empty ({@code in ()} admits no row, {@code not in ()} every row).
     *
     * @param field   the contract name of the field
     * @param values  the accepted (or, negated, refused) values
     * @param negated true for {@code not in}
     */
    record InList(String field, List<Operand> values, boolean negated) implements RowPredicate {

        public InList {
            requireNonNull(field, "field is null");
            values = List.copyOf(values);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * {@code field is null} or {@code field is not null}.
     *
     * @param field   the contract name of the field
     * @param negated true for {@code is not null}
     */
    record IsNull(String field, boolean negated) implements RowPredicate {

        public IsNull {
            requireNonNull(field, "field is null");
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * All operands hold.
     *
     * @param operands at least two
     */
    record And(List<RowPredicate> operands) implements RowPredicate {

        public And {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("and needs at least two operands");
            }
        }

        /** The conjunction of the predicates: {@link #TRUE} for none, the predicate itself for one. */
        public static RowPredicate of(List<RowPredicate> predicates) {
            return RowPredicateBinder.and(predicates);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * At least one operand holds.
     *
     * @param operands at least two
     */
    record Or(List<RowPredicate> operands) implements RowPredicate {

        public Or {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("or needs at least two operands");
            }
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * The operand does not hold.
     *
     * @param operand the negated predicate
     */
    record Not(RowPredicate operand) implements RowPredicate {

        public Not {
            requireNonNull(operand, "operand is null");
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * Every row ({@link #TRUE}) or none ({@link #FALSE}).
     *
     * @param value whether rows are admitted
     */
    record Constant(boolean value) implements RowPredicate {

        @Override
        public String toString() {
            return text();
        }
    }
}

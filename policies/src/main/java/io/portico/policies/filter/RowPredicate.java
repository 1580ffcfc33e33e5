package io.portico.policies.filter;

import static java.util.Objects.requireNonNull;

import io.portico.policies.Subject;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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
 *
 * <p>A predicate may follow a relationship: {@link Visible visible(crm.customers)} admits a row when its related
 * row of {@code crm.customers} is visible to the subject. Deciding resolves it against the registry and the
 * target's own row filter ({@link #resolveVisible}) into a {@link RelatedIn}, or into a constant; the same rule as
 * binding applies: a reference that cannot be resolved admits no row, whatever {@code not} surrounds it.
 */
public sealed interface RowPredicate permits RowPredicate.Comparison, RowPredicate.InList, RowPredicate.IsNull,
        RowPredicate.And, RowPredicate.Or, RowPredicate.Not, RowPredicate.Constant, RowPredicate.Visible,
        RowPredicate.RelatedIn {

    /** Every row. */
    Constant TRUE = new Constant(true);
    /** No row. */
    Constant FALSE = new Constant(false);

    /** This predicate with every subject reference replaced by the subject's value (see the interface's doc). */
    default RowPredicate bind(Subject subject) {
        return bind(subject, true);
    }

    /**
     * {@link #bind(Subject)} for a predicate used as it is ({@code positive}) or as the operand of a {@code not}
     * (not {@code positive}): there an unknown comparison becomes {@link #TRUE}, so that the negation admits no row.
     */
    default RowPredicate bind(Subject subject, boolean positive) {
        return RowPredicateBinder.bind(this, requireNonNull(subject, "subject is null"), positive);
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

    /** The {@link Visible visible(...)} tests of this predicate, in order of appearance. */
    default List<Visible> visibleTests() {
        return RowPredicateResolver.visibleTests(this);
    }

    /**
     * This predicate with every {@link Visible} test replaced by what {@code resolution} makes of it: a
     * {@link RelatedIn}, or a constant, then constants folded. A test {@code resolution} cannot resolve (empty)
     * admits no row, whatever {@code not} surrounds it: it becomes {@link #FALSE}, or {@link #TRUE} under an odd
     * number of {@code not}, as an unknown subject attribute does when binding.
     *
     * @param positive whether this predicate is used as it is (true) or as the operand of a {@code not}
     */
    default RowPredicate resolveVisible(VisibleResolution resolution, boolean positive) {
        return RowPredicateResolver.resolve(this, requireNonNull(resolution, "resolution is null"), positive);
    }

    /** Resolves one {@link Visible} test (see {@link #resolveVisible}). */
    @FunctionalInterface
    interface VisibleResolution {

        /**
         * What {@code test} stands for: a {@link RelatedIn} or a constant; empty when it cannot be resolved.
         *
         * @param positive whether the test is under an even number of {@code not} (then a related dataset's
         *                 filter is bound so as to admit no more rows than certain), or an odd one (then so as to
         *                 admit no fewer, since the test is negated)
         */
        Optional<RowPredicate> resolve(Visible test, boolean positive);
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

    /**
     * {@code visible(crm.customers)} or {@code visible(customer_id -> crm.customers)}: the row's related row of
     * dataset {@code dataset} of domain {@code domain}, through the relationship (foreign key) this dataset's
     * contract declares to it, is visible to the subject. When the contract declares several relationships to that
     * dataset, {@code keyFields} names the one meant by its key fields. A template: deciding resolves it
     * ({@link #resolveVisible}).
     *
     * @param keyFields the contract names of this dataset's key fields, in key order; empty for the one relationship
     *                  to the dataset
     * @param domain    the related dataset's domain, as contracts name it
     * @param dataset   the related dataset's name in its contract ({@code schema[].name})
     */
    record Visible(List<String> keyFields, String domain, String dataset) implements RowPredicate {

        public Visible {
            keyFields = List.copyOf(keyFields);
            requireNonNull(domain, "domain is null");
            requireNonNull(dataset, "dataset is null");
            if (new LinkedHashSet<>(keyFields).size() != keyFields.size()) {
                throw new IllegalArgumentException("a key field is named twice: " + keyFields);
            }
        }

        /** {@code domain.dataset}, e.g. {@code crm.customers}. */
        public String target() {
            return domain + "." + dataset;
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * A resolved {@link Visible} test: the row's {@code keyFields} are among the {@code targetKeyFields} of the
     * rows of dataset {@code targetUrn} that satisfy {@code targetFilter} (the target's own row filter for the
     * subject, bound and resolved), ignoring target rows whose key is null. In SQL, a semi-join:
     * {@code key IN (SELECT target_key FROM target WHERE <targetFilter> AND target_key IS NOT NULL)}.
     *
     * <p>Its {@link #text()} shows the target's filter, {@code visible(customer_id -> crm.customers where region =
     * 'EMEA')}, for diagnostics; it is not row-filter language (audit events record the template).
     *
     * @param keyFields       the contract names of this dataset's key fields, in key order
     * @param target          the related dataset as {@code domain.dataset}, for messages
     * @param targetUrn       the related dataset's URN
     * @param targetKeyFields the contract names of the related dataset's fields the key refers to, same order
     * @param targetFilter    the rows of the related dataset the subject may see: bound and resolved, literals only
     */
    record RelatedIn(List<String> keyFields, String target, String targetUrn, List<String> targetKeyFields,
            RowPredicate targetFilter) implements RowPredicate {

        public RelatedIn {
            keyFields = List.copyOf(keyFields);
            requireNonNull(target, "target is null");
            requireNonNull(targetUrn, "targetUrn is null");
            targetKeyFields = List.copyOf(targetKeyFields);
            requireNonNull(targetFilter, "targetFilter is null");
            if (keyFields.isEmpty() || keyFields.size() != targetKeyFields.size()) {
                throw new IllegalArgumentException("a related key needs as many target fields as key fields, at least"
                        + " one: " + keyFields + " -> " + targetKeyFields);
            }
            if (!targetFilter.visibleTests().isEmpty() || !targetFilter.isBound()) {
                throw new IllegalArgumentException("the target filter of " + target + " is not bound and resolved: "
                        + targetFilter.text());
            }
        }

        @Override
        public String toString() {
            return text();
        }
    }
}

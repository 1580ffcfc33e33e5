package io.portico.gateway.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which rows a request asks for, before any policy: a typed tree that every front door builds from its own syntax
 * (the GraphQL layer from a {@code where} argument) and the planner renders once for the dataset's port
 * ({@link FilterTranslator}). Field names are the dataset's GraphQL names; whether a field exists and takes an
 * operator is the planner's check, against the dataset.
 *
 * <p>Values are plain Java values (strings, numbers, booleans, dates), never SQL: jOOQ renders them.
 */
public sealed interface RequestFilter {

    /** Every row: the filter of a request without {@code where}. */
    RequestFilter ALL = new And(List.of());

    /** The GraphQL names of the fields this filter reads, through and/or/not, in first-seen order. */
    default Set<String> fields() {
        Set<String> fields = new LinkedHashSet<>();
        collectFields(this, fields);
        return Collections.unmodifiableSet(fields);
    }

    private static void collectFields(RequestFilter filter, Set<String> fields) {
        switch (filter) {
            case And and -> and.parts().forEach(part -> collectFields(part, fields));
            case Or or -> or.alternatives().forEach(part -> collectFields(part, fields));
            case Not not -> collectFields(not.negated(), fields);
            case Compare compare -> fields.add(compare.field());
            case In in -> fields.add(in.field());
            case IsNull isNull -> fields.add(isNull.field());
        }
    }

    /** All parts hold; no parts matches every row. */
    record And(List<RequestFilter> parts) implements RequestFilter {
        public And {
            parts = List.copyOf(parts);
        }
    }

    /** At least one alternative holds; no alternatives matches no row. */
    record Or(List<RequestFilter> alternatives) implements RequestFilter {
        public Or {
            alternatives = List.copyOf(alternatives);
        }
    }

    /** The negated filter does not hold (SQL's three-valued logic: a comparison with null is neither). */
    record Not(RequestFilter negated) implements RequestFilter {
        public Not {
            requireNonNull(negated, "negated is null");
        }
    }

    /** {@code field <operator> value}; the value is never null (matching nulls is {@link IsNull}). */
    record Compare(String field, Operator operator, Object value) implements RequestFilter {
        public Compare {
            requireNonNull(field, "field is null");
            requireNonNull(operator, "operator is null");
            requireNonNull(value, "value is null");
        }
    }

    /** {@code field IN (values)}, or {@code NOT IN} when {@code negated}; no value is null. */
    record In(String field, List<Object> values, boolean negated) implements RequestFilter {
        public In {
            requireNonNull(field, "field is null");
            values = Collections.unmodifiableList(new ArrayList<>(values));
            if (values.contains(null)) {
                throw new IllegalArgumentException("an IN list holds no null");
            }
        }

        /** The operator's name in the GraphQL {@code where} vocabulary. */
        public String operatorName() {
            return negated ? "notIn" : "in";
        }
    }

    /** {@code field IS NULL}, or {@code IS NOT NULL} when {@code isNull} is false. */
    record IsNull(String field, boolean isNull) implements RequestFilter {
        public IsNull {
            requireNonNull(field, "field is null");
        }
    }

    /** The single-value operators, by their names in the GraphQL {@code where} vocabulary. */
    enum Operator {
        EQ("eq"),
        NEQ("neq"),
        GT("gt"),
        GTE("gte"),
        LT("lt"),
        LTE("lte"),
        CONTAINS("contains"),
        STARTS_WITH("startsWith");

        private final String argumentName;

        Operator(String argumentName) {
            this.argumentName = argumentName;
        }

        /** The operator's name in a {@code where} argument, as {@code FilterKind} lists supported operators. */
        public String argumentName() {
            return argumentName;
        }
    }
}

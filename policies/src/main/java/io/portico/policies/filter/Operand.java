package io.portico.policies.filter;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Set;

/**
 * The right side of a row-filter comparison: a literal, or a reference to an attribute of the subject that
 * {@link RowPredicate#bind binding} replaces with the subject's value.
 */
public sealed interface Operand permits Operand.Literal, Operand.SubjectReference {

    /** This operand as row-filter text: a literal as written in the language, a reference as {@code subject.x}. */
    String text();

    /**
     * A constant value: a {@link String}, a {@link Long}, a {@link BigDecimal} or a {@link Boolean}. There is no
     * null literal: the language compares with null only through {@code is null} and {@code is not null}.
     *
     * @param value the value, never null
     */
    record Literal(Object value) implements Operand {

        public Literal {
            requireNonNull(value, "value is null");
            if (!(value instanceof String || value instanceof Long || value instanceof BigDecimal
                    || value instanceof Boolean)) {
                throw new IllegalArgumentException("a literal is a String, Long, BigDecimal or Boolean, not "
                        + value.getClass().getName());
            }
        }

        /** A string literal. */
        public static Literal of(String value) {
            return new Literal(value);
        }

        @Override
        public String text() {
            if (value instanceof String string) {
                return "'" + string.replace("'", "''") + "'";
            }
            if (value instanceof BigDecimal decimal) {
                return decimal.toPlainString();
            }
            return value.toString();
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * A reference to the subject: {@code subject.id} (the token's subject), {@code subject.roles} and
     * {@code subject.groups} (sets, usable only on the right of {@code in} and {@code not in}), or any other name,
     * which is the subject's attribute of that name (e.g. {@code subject.region}).
     *
     * @param attribute {@code id}, {@code roles}, {@code groups} or an attribute name
     */
    record SubjectReference(String attribute) implements Operand {

        /** The reference to the token's subject id. */
        public static final String ID = "id";
        /** The reference to the subject's roles (a set). */
        public static final String ROLES = "roles";
        /** The reference to the subject's groups (a set). */
        public static final String GROUPS = "groups";

        private static final Set<String> MULTI_VALUED = Set.of(ROLES, GROUPS);

        public SubjectReference {
            requireNonNull(attribute, "attribute is null");
            if (attribute.isEmpty()) {
                throw new IllegalArgumentException("attribute is empty");
            }
        }

        /** Whether this names a set of values ({@code subject.roles}, {@code subject.groups}). */
        public boolean isMultiValued() {
            return MULTI_VALUED.contains(attribute);
        }

        @Override
        public String text() {
            return "subject." + RowPredicateWriter.identifier(attribute);
        }

        @Override
        public String toString() {
            return text();
        }
    }
}

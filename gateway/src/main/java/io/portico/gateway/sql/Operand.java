package io.portico.gateway.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.TableField;
import org.jooq.impl.QOM;

/** One side of a comparison: a column reference, a literal, a {@code ?} placeholder, or anything else. */
sealed interface Operand {

    /** A column reference, resolved later against the scope. */
    record Column(TableField<?, ?> reference) implements Operand {
    }

    /** A literal; {@code value} is null for {@code NULL}. */
    record Literal(Object value) implements Operand {
    }

    /**
     * The text of a {@code TIMESTAMP '...'} literal (or {@code CAST('...' AS TIMESTAMP)}), a timestamp without zone
     * read exactly by {@link SqlValues} (see {@link TimestampLiterals}).
     */
    record TimestampText(String text) {
        @Override
        public String toString() {
            return "TIMESTAMP '" + text + "'";
        }
    }

    /** A {@code ?}. */
    record Placeholder() implements Operand {
    }

    /** An expression, a function call, a subquery: nothing pushed down. */
    record Expression(Field<?> field) implements Operand {
    }

    static Operand of(Field<?> field) {
        if (field instanceof TableField<?, ?> reference) {
            return new Column(reference);
        }
        if (field instanceof Param<?> param) {
            return param.isInline() ? new Literal(param.getValue()) : new Placeholder();
        }
        if (field instanceof QOM.Neg<?> negation && of(negation.$arg1()) instanceof Literal literal) {
            Object negated = negate(literal.value());
            if (negated != null) {
                return new Literal(negated);
            }
        }
        if (field instanceof QOM.Cast<?> cast && of(cast.$field()) instanceof Literal literal
                && literal.value() instanceof String text && cast.$dataType().isTimestamp()
                && cast.$dataType().getType() != java.time.OffsetDateTime.class) {
            return new Literal(new TimestampText(text));
        }
        return new Expression(field);
    }

    private static Object negate(Object value) {
        return switch (value) {
            case Long number when number != Long.MIN_VALUE -> -number;
            case Long number -> BigInteger.valueOf(number).negate();
            case BigInteger number -> number.negate();
            case BigDecimal number -> number.negate();
            case Double number -> -number;
            case null, default -> null;
        };
    }
}

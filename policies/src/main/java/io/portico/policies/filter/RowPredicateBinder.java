package io.portico.policies.filter;

import io.portico.policies.Subject;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds a template predicate to a subject (see {@link RowPredicate}) and folds constants.
 *
 * <p>Binding walks the tree with its polarity: positive at the root, flipped by every {@code not}. An unknown
 * comparison (a missing subject attribute) becomes the constant that, at its polarity, admits no row: {@code false}
 * when positive, {@code true} when negated. This is exactly SQL's rule that a {@code WHERE} keeps a row only when
 * its predicate is true, never when it is unknown.
 */
final class RowPredicateBinder {

    private RowPredicateBinder() {
    }

    static RowPredicate bind(RowPredicate predicate, Subject subject, boolean positive) {
        return switch (predicate) {
            case RowPredicate.Comparison comparison -> bindComparison(comparison, subject, positive);
            case RowPredicate.InList in -> bindInList(in, subject, positive);
            case RowPredicate.IsNull isNull -> isNull;
            case RowPredicate.Constant constant -> constant;
            case RowPredicate.Visible visible -> visible;
            case RowPredicate.RelatedIn related -> related;
            case RowPredicate.Not not -> not(bind(not.operand(), subject, !positive));
            case RowPredicate.And and -> and(bindAll(and.operands(), subject, positive));
            case RowPredicate.Or or -> or(bindAll(or.operands(), subject, positive));
        };
    }

    private static List<RowPredicate> bindAll(List<RowPredicate> operands, Subject subject, boolean positive) {
        List<RowPredicate> bound = new ArrayList<>(operands.size());
        for (RowPredicate operand : operands) {
            bound.add(bind(operand, subject, positive));
        }
        return bound;
    }

    private static RowPredicate bindComparison(RowPredicate.Comparison comparison, Subject subject, boolean positive) {
        if (!(comparison.value() instanceof Operand.SubjectReference reference)) {
            return comparison;
        }
        String value = singleValue(reference, subject);
        if (value == null) {
            return unknown(positive);
        }
        return new RowPredicate.Comparison(comparison.field(), comparison.operator(), Operand.Literal.of(value));
    }

    /**
     * {@code x in (a, NULL)} is true when {@code x = a} and unknown otherwise, so a missing item can be dropped
     * where the list must hold ({@code in}, positive; {@code not in}, negated); where it must not hold, a missing
     * item leaves the list unable to admit a row.
     */
    private static RowPredicate bindInList(RowPredicate.InList in, Subject subject, boolean positive) {
        List<Operand> values = new ArrayList<>(in.values().size());
        boolean missing = false;
        for (Operand value : in.values()) {
            missing |= !addBound(value, subject, values);
        }
        boolean listMustHold = in.negated() != positive;
        if (missing && !listMustHold) {
            return unknown(positive);
        }
        if (values.isEmpty()) {
            return in.negated() ? RowPredicate.TRUE : RowPredicate.FALSE;
        }
        return new RowPredicate.InList(in.field(), values, in.negated());
    }

    /** Adds the literal values of an item; false when it names a subject attribute the subject does not have. */
    private static boolean addBound(Operand value, Subject subject, List<Operand> values) {
        if (!(value instanceof Operand.SubjectReference reference)) {
            values.add(value);
            return true;
        }
        if (reference.attribute().equals(Operand.SubjectReference.ROLES)) {
            subject.roles().forEach(role -> values.add(Operand.Literal.of(role)));
            return true;
        }
        if (reference.attribute().equals(Operand.SubjectReference.GROUPS)) {
            subject.groups().forEach(group -> values.add(Operand.Literal.of(group)));
            return true;
        }
        String single = singleValue(reference, subject);
        if (single == null) {
            return false;
        }
        values.add(Operand.Literal.of(single));
        return true;
    }

    /** The subject's value for a single-valued reference; null when it has none (an anonymous subject has no id). */
    private static String singleValue(Operand.SubjectReference reference, Subject subject) {
        if (reference.attribute().equals(Operand.SubjectReference.ID)) {
            return subject.id().isEmpty() ? null : subject.id();
        }
        return subject.attribute(reference.attribute());
    }

    /** The constant that, at this polarity, admits no row: what an unknown comparison becomes. */
    static RowPredicate unknown(boolean positive) {
        return positive ? RowPredicate.FALSE : RowPredicate.TRUE;
    }

    /** The negation, folded: a constant becomes the other one. */
    static RowPredicate not(RowPredicate operand) {
        if (operand instanceof RowPredicate.Constant constant) {
            return constant.value() ? RowPredicate.FALSE : RowPredicate.TRUE;
        }
        return new RowPredicate.Not(operand);
    }

    /** The conjunction, folded: false when any operand is false, true operands dropped, nested ands flattened. */
    static RowPredicate and(List<RowPredicate> operands) {
        List<RowPredicate> kept = new ArrayList<>(operands.size());
        for (RowPredicate operand : operands) {
            if (operand.equals(RowPredicate.FALSE)) {
                return RowPredicate.FALSE;
            }
            if (operand instanceof RowPredicate.And nested) {
                kept.addAll(nested.operands());
            } else if (!operand.equals(RowPredicate.TRUE)) {
                kept.add(operand);
            }
        }
        return switch (kept.size()) {
            case 0 -> RowPredicate.TRUE;
            case 1 -> kept.getFirst();
            default -> new RowPredicate.And(kept);
        };
    }

    /** The disjunction, folded: true when any operand is true, false operands dropped, nested ors flattened. */
    static RowPredicate or(List<RowPredicate> operands) {
        List<RowPredicate> kept = new ArrayList<>(operands.size());
        for (RowPredicate operand : operands) {
            if (operand.equals(RowPredicate.TRUE)) {
                return RowPredicate.TRUE;
            }
            if (operand instanceof RowPredicate.Or nested) {
                kept.addAll(nested.operands());
            } else if (!operand.equals(RowPredicate.FALSE)) {
                kept.add(operand);
            }
        }
        return switch (kept.size()) {
            case 0 -> RowPredicate.FALSE;
            case 1 -> kept.getFirst();
            default -> new RowPredicate.Or(kept);
        };
    }
}

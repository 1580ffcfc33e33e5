package io.portico.gateway.plan;

import org.jooq.Condition;
import org.jooq.True;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

/**
 * Whether a condition is TRUE (the planners leave such a filter out of a statement and out of its report), without
 * rendering it: jOOQ's {@code condition.equals(DSL.trueCondition())} renders both sides inlined and compares the
 * texts whenever they are not the same kind of condition, and the planners asked it up to four times a plan.
 */
final class TrueConditions {

    private TrueConditions() {
    }

    /**
     * What {@code condition.equals(DSL.trueCondition())} answers: TRUE and jOOQ's "no condition" are true (both
     * render {@code true}); FALSE, a combination ({@code AND}, {@code OR}, {@code XOR}), a comparison, an
     * {@code IN} list and a negation are not (each renders with its operator, never as a bare {@code true});
     * anything else is asked of {@code equals}, as before.
     */
    static boolean isTrue(Condition condition) {
        if (condition instanceof True || condition == DSL.noCondition()) {
            return true;
        }
        if (condition instanceof QOM.False || condition instanceof QOM.CombinedCondition<?>
                || condition instanceof QOM.CompareCondition<?, ?> || condition instanceof QOM.InList<?>
                || condition instanceof QOM.Not) {
            return false;
        }
        return condition.equals(DSL.trueCondition());
    }
}

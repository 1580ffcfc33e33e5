package io.portico.policies.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds and resolves the {@link RowPredicate.Visible visible(...)} tests of a predicate (see
 * {@link RowPredicate#resolveVisible}). Resolving walks the tree with its polarity, like binding
 * ({@link RowPredicateBinder}): a test that cannot be resolved becomes the constant that admits no row at its
 * polarity, and constants are folded.
 */
final class RowPredicateResolver {

    private RowPredicateResolver() {
    }

    static List<RowPredicate.Visible> visibleTests(RowPredicate predicate) {
        List<RowPredicate.Visible> tests = new ArrayList<>();
        collect(predicate, tests);
        return List.copyOf(tests);
    }

    private static void collect(RowPredicate predicate, List<RowPredicate.Visible> tests) {
        switch (predicate) {
            case RowPredicate.Visible visible -> tests.add(visible);
            case RowPredicate.And and -> and.operands().forEach(operand -> collect(operand, tests));
            case RowPredicate.Or or -> or.operands().forEach(operand -> collect(operand, tests));
            case RowPredicate.Not not -> collect(not.operand(), tests);
            default -> {
            }
        }
    }

    static RowPredicate resolve(RowPredicate predicate, RowPredicate.VisibleResolution resolution, boolean positive) {
        return switch (predicate) {
            case RowPredicate.Visible visible -> resolution.resolve(visible, positive)
                    .orElseGet(() -> RowPredicateBinder.unknown(positive));
            case RowPredicate.Not not -> RowPredicateBinder.not(resolve(not.operand(), resolution, !positive));
            case RowPredicate.And and -> RowPredicateBinder.and(resolveAll(and.operands(), resolution, positive));
            case RowPredicate.Or or -> RowPredicateBinder.or(resolveAll(or.operands(), resolution, positive));
            default -> predicate;
        };
    }

    private static List<RowPredicate> resolveAll(List<RowPredicate> operands,
            RowPredicate.VisibleResolution resolution, boolean positive) {
        List<RowPredicate> resolved = new ArrayList<>(operands.size());
        for (RowPredicate operand : operands) {
            resolved.add(resolve(operand, resolution, positive));
        }
        return resolved;
    }
}

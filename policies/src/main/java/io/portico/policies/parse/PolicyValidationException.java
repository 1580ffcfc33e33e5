package io.portico.policies.parse;

import java.util.List;

/**
 * A policy file set that was refused as a whole; carries every problem found in every file, not just the first.
 */
public final class PolicyValidationException extends RuntimeException {

    private final List<PolicyProblem> problems;

    public PolicyValidationException(List<PolicyProblem> problems) {
        super(describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file order. */
    public List<PolicyProblem> problems() {
        return problems;
    }

    private static String describe(List<PolicyProblem> problems) {
        StringBuilder message = new StringBuilder("invalid policy set: ").append(problems.size())
                .append(" problem(s)");
        problems.forEach(problem -> message.append("\n  ").append(problem));
        return message.toString();
    }
}

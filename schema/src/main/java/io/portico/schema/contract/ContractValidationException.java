package io.portico.schema.contract;

import java.util.List;

/** A contract document that cannot be read as an output port; carries every problem found, not just the first. */
public final class ContractValidationException extends RuntimeException {

    private final List<ContractProblem> problems;

    public ContractValidationException(List<ContractProblem> problems) {
        super(describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<ContractProblem> problems() {
        return problems;
    }

    private static String describe(List<ContractProblem> problems) {
        StringBuilder message = new StringBuilder("invalid contract: ").append(problems.size()).append(" problem(s)");
        problems.forEach(problem -> message.append("\n  ").append(problem));
        return message.toString();
    }
}

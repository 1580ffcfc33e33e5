package io.portico.gateway.registration;

import static java.util.Objects.requireNonNull;

import io.portico.schema.contract.ContractProblem;
import io.portico.schema.error.ErrorCode;

/**
 * One thing wrong with a contract, or (as a warning) worth a look, at its place in the contract.
 *
 * @param code     the error code ({@link ErrorCode} name) of a problem, {@value #WARNING} for a warning
 * @param kind     which check found it
 * @param path     where in the contract, a JSON path as the parser writes it, e.g. {@code $.schema[0].properties[2]}
 * @param problem  what is wrong, naming the dataset or field
 * @param expected what would be right
 */
public record RegistrationProblem(String code, ProblemKind kind, String path, String problem, String expected) {

    /** The code of warnings. */
    public static final String WARNING = "WARNING";

    public RegistrationProblem {
        requireNonNull(code, "code is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(path, "path is null");
        requireNonNull(problem, "problem is null");
        requireNonNull(expected, "expected is null");
    }

    static RegistrationProblem of(ErrorCode code, ProblemKind kind, String path, String problem, String expected) {
        return new RegistrationProblem(code.name(), kind, path, problem, expected);
    }

    static RegistrationProblem invalid(ProblemKind kind, String path, String problem, String expected) {
        return of(ErrorCode.INVALID_CONTRACT, kind, path, problem, expected);
    }

    static RegistrationProblem warning(ProblemKind kind, String path, String problem, String expected) {
        return new RegistrationProblem(WARNING, kind, path, problem, expected);
    }

    static RegistrationProblem structure(ContractProblem problem) {
        return invalid(ProblemKind.STRUCTURE, problem.path(), problem.problem(), problem.expected());
    }

    @Override
    public String toString() {
        return code + " " + kind + " " + path + ": " + problem + " (expected " + expected + ")";
    }
}

package io.portico.schema.contract;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a contract document.
 *
 * @param path     where in the document, as a JSON path from the root, e.g. {@code $.schema[0].properties[2].logicalType}
 * @param problem  what is wrong, e.g. {@code unknown logical type 'strng'}
 * @param expected what would be right, e.g. {@code one of string, integer, number, boolean, date, timestamp, time, object, array}
 */
public record ContractProblem(String path, String problem, String expected) {

    public ContractProblem {
        requireNonNull(path, "path is null");
        requireNonNull(problem, "problem is null");
        requireNonNull(expected, "expected is null");
    }

    @Override
    public String toString() {
        return path + ": " + problem + " (expected " + expected + ")";
    }
}

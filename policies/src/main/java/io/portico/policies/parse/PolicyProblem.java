package io.portico.policies.parse;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a policy file set.
 *
 * @param file     the file, as named by its {@link PolicySource}; empty for a problem of the set as a whole
 * @param path     where in the file, a JSON path from the root, e.g. {@code $.rules[3].mask}; {@code $} for the
 *                 document itself
 * @param problem  what is wrong, e.g. {@code unknown mask 'redacted'}
 * @param expected what would be right, e.g. {@code one of redact, hash, show-last-4, ...}
 */
public record PolicyProblem(String file, String path, String problem, String expected) {

    public PolicyProblem {
        requireNonNull(file, "file is null");
        requireNonNull(path, "path is null");
        requireNonNull(problem, "problem is null");
        requireNonNull(expected, "expected is null");
    }

    @Override
    public String toString() {
        String where = file.isEmpty() ? path : file + ": " + path;
        return where + ": " + problem + " (expected " + expected + ")";
    }
}

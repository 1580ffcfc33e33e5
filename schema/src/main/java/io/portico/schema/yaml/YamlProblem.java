package io.portico.schema.yaml;

import static java.util.Objects.requireNonNull;

/**
 * One thing that stops a YAML document from being read, or reads past it (a duplicate key).
 *
 * @param path     where in the document, as a JSON path from the root {@code $}, e.g. {@code $.rules[3]['a b']};
 *                 the line and column, where known, are in {@code problem}
 * @param problem  what is wrong, e.g. {@code duplicate key 'version' at line 2, column 1; the first value is used}
 * @param expected what would be right, e.g. {@code each key at most once in a mapping}
 */
public record YamlProblem(String path, String problem, String expected) {

    public YamlProblem {
        requireNonNull(path, "path is null");
        requireNonNull(problem, "problem is null");
        requireNonNull(expected, "expected is null");
    }
}

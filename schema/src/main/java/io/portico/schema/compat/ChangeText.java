package io.portico.schema.compat;

import java.util.List;
import java.util.Objects;

/** Small text helpers shared by the comparisons: quoting, lists, before/after phrases. */
final class ChangeText {

    private ChangeText() {
    }

    /** {@code 'value'}, or {@code none} for null. */
    static String quoted(String value) {
        return value == null ? "none" : "'" + value + "'";
    }

    /** {@code (a, b)}. */
    static String tuple(List<String> values) {
        return "(" + String.join(", ", values) + ")";
    }

    /** {@code [a, b]}, or {@code none}. */
    static String tags(List<String> tags) {
        return tags.isEmpty() ? "none" : "[" + String.join(", ", tags) + "]";
    }

    /** {@code from 'a' to 'b'}. */
    static String fromTo(String live, String candidate) {
        return "from " + quoted(live) + " to " + quoted(candidate);
    }

    /** {@code was added}, {@code was removed} or {@code changes}, for an optional text such as a description. */
    static String textChange(String live, String candidate) {
        if (live == null || live.isBlank()) {
            return "was added";
        }
        if (candidate == null || candidate.isBlank()) {
            return "was removed";
        }
        return "changes";
    }

    static boolean differ(Object live, Object candidate) {
        return !Objects.equals(live, candidate);
    }

    /** Descriptions compare without surrounding blanks: a trailing newline in YAML changes nothing. */
    static boolean descriptionsDiffer(String live, String candidate) {
        return differ(live == null ? null : live.strip(), candidate == null ? null : candidate.strip());
    }
}

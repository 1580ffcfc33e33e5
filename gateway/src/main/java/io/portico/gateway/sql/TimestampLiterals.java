package io.portico.gateway.sql;

import java.util.Locale;

/**
 * Rewrites each {@code TIMESTAMP '<text>'} literal of a statement as {@code CAST('<text>' AS TIMESTAMP)} before
 * jOOQ parses it. jOOQ's parser reads a timestamp literal into a {@code java.sql.Timestamp} in the JVM's default
 * zone, which moves a wall-clock time inside a daylight-saving gap of that zone (in Europe/Paris,
 * {@code '2024-03-31 02:30:00'} becomes 03:30); the cast keeps the text, which {@link SqlValues} reads exactly.
 * {@code TIMESTAMP WITH TIME ZONE '...'} literals keep their offset and are left alone. String literals, quoted
 * identifiers and comments are skipped, so only the keyword itself is rewritten.
 */
final class TimestampLiterals {

    private static final String KEYWORD = "timestamp";

    private TimestampLiterals() {
    }

    static String rewrite(String sql) {
        if (!sql.toLowerCase(Locale.ROOT).contains(KEYWORD)) {
            return sql;
        }
        StringBuilder rewritten = new StringBuilder(sql.length() + 32);
        int index = 0;
        while (index < sql.length()) {
            int skipped = StatementParser.Nesting.skip(sql, index);
            if (skipped > index) {
                rewritten.append(sql, index, skipped);
                index = skipped;
                continue;
            }
            int literal = literalAfterKeyword(sql, index);
            if (literal < 0) {
                rewritten.append(sql.charAt(index));
                index++;
                continue;
            }
            int end = StatementParser.Nesting.skip(sql, literal);
            rewritten.append("CAST(").append(sql, literal, end).append(" AS TIMESTAMP)");
            index = end;
        }
        return rewritten.toString();
    }

    /** Where the string literal after a {@code TIMESTAMP} keyword at {@code index} starts, or -1. */
    private static int literalAfterKeyword(String sql, int index) {
        if (!sql.regionMatches(true, index, KEYWORD, 0, KEYWORD.length())) {
            return -1;
        }
        if (index > 0 && partOfName(sql.charAt(index - 1))) {
            return -1;
        }
        int after = index + KEYWORD.length();
        if (after < sql.length() && partOfName(sql.charAt(after))) {
            return -1;
        }
        while (after < sql.length() && Character.isWhitespace(sql.charAt(after))) {
            after++;
        }
        return after < sql.length() && sql.charAt(after) == '\'' ? after : -1;
    }

    private static boolean partOfName(char character) {
        return Character.isLetterOrDigit(character) || character == '_' || character == '$' || character == '.'
                || character == '"';
    }
}

package io.portico.flight;

import java.util.regex.Pattern;

/**
 * Flight SQL / JDBC name patterns, as {@code GetDbSchemas} and {@code GetTables} filter names with them: {@code %}
 * any run of characters, {@code _} one character, a backslash escapes the next character. Shared by the reference
 * port and the gateway's own Flight SQL endpoint.
 */
public final class NamePattern {

    private NamePattern() {
    }

    /** Whether {@code value} matches {@code pattern}; a null value matches nothing. */
    public static boolean matches(String pattern, String value) {
        if (value == null) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        for (int index = 0; index < pattern.length(); index++) {
            char character = pattern.charAt(index);
            if (character == '\\' && index + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++index))));
            } else if (character == '%') {
                regex.append(".*");
            } else if (character == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(character)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }
}

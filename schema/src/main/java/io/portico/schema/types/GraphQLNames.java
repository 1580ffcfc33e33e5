package io.portico.schema.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns contract and Arrow names into GraphQL names: {@code order_id} becomes field {@code orderId} and type
 * part {@code OrderId}. Words are split at any character that is not an ASCII letter or digit; a word written
 * all in capitals is lower-cased ({@code ORDER_ID} becomes {@code orderId}); other words keep their inner case
 * ({@code orderId} stays {@code orderId}). A name starting with a digit gets a leading underscore.
 */
public final class GraphQLNames {

    private GraphQLNames() {
    }

    /** The camelCase GraphQL field name of {@code name}. */
    public static String fieldName(String name) {
        List<String> words = words(name);
        StringBuilder result = new StringBuilder(name.length());
        for (String word : words) {
            String normalized = isAllCapitals(word) ? word.toLowerCase(Locale.ROOT) : word;
            if (result.isEmpty()) {
                result.append(Character.toLowerCase(normalized.charAt(0))).append(normalized, 1, normalized.length());
            } else {
                result.append(Character.toUpperCase(normalized.charAt(0))).append(normalized, 1, normalized.length());
            }
        }
        return safeStart(result);
    }

    /** The PascalCase GraphQL type-name part of {@code name}. */
    public static String typeName(String name) {
        String field = fieldName(name);
        if (field.startsWith("_")) {
            return field;
        }
        return Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }

    private static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int index = 0; index < name.length(); index++) {
            boolean wordCharacter = isAsciiLetterOrDigit(name.charAt(index));
            if (wordCharacter && start < 0) {
                start = index;
            }
            if (!wordCharacter && start >= 0) {
                words.add(name.substring(start, index));
                start = -1;
            }
        }
        if (start >= 0) {
            words.add(name.substring(start));
        }
        return words;
    }

    private static String safeStart(StringBuilder name) {
        if (name.isEmpty()) {
            return "_";
        }
        if (Character.isDigit(name.charAt(0))) {
            return "_" + name;
        }
        return name.toString();
    }

    private static boolean isAllCapitals(String word) {
        boolean hasLetter = false;
        for (int index = 0; index < word.length(); index++) {
            char character = word.charAt(index);
            if (Character.isLowerCase(character)) {
                return false;
            }
            hasLetter |= Character.isLetter(character);
        }
        return hasLetter;
    }

    private static boolean isAsciiLetterOrDigit(char character) {
        return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z')
                || (character >= '0' && character <= '9');
    }
}

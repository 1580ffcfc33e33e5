package io.portico.flight.draft;

import java.util.Locale;

/** Names made from file names and column names: lower case, letters, digits and underscores, not starting with a digit. */
final class Identifiers {

    private Identifiers() {
    }

    /** {@code "Orders 2024"} is {@code orders_2024}; {@code "2024"} is {@code t_2024}; nothing usable is {@code data}. */
    static String of(String text) {
        String name = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        if (name.isEmpty()) {
            return "data";
        }
        return Character.isDigit(name.charAt(0)) ? "t_" + name : name;
    }

    /** A domain or data product name: like {@link #of} with hyphens instead of underscores ({@code my-shop}). */
    static String kebab(String text) {
        return of(text).replace('_', '-');
    }
}

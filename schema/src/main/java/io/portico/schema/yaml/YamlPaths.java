package io.portico.schema.yaml;

import java.util.regex.Pattern;

/** The one way a place in a YAML document is named in messages: a JSON path from the root {@code $}. */
public final class YamlPaths {

    /** The document itself. */
    public static final String ROOT = "$";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private YamlPaths() {
    }

    /**
     * The path of a key below {@code parent}: {@code $.rules}, or {@code $.claims['cost center']} for a key that is
     * no identifier (quotes and backslashes in it escaped).
     */
    public static String child(String parent, String key) {
        if (IDENTIFIER.matcher(key).matches()) {
            return parent + "." + key;
        }
        return parent + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** The path of a list element below {@code parent}: {@code $.rules[3]}. */
    public static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }
}

package io.portico.flight.draft;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a {@link ContractDraft} as ODCS v3.1 YAML, in a fixed order (the same tables give the same text).
 *
 * <p>Every description is a stub starting with {@value #TODO}. A column that looks personal gets the suggested
 * {@code classification} (so policies by classification protect it from the first publication), a comment
 * {@code # suggested: review} on that line, and a field-level custom property {@value #SUGGESTION_PROPERTY} whose
 * value says why; the team reviews it, keeps or changes the classification, and deletes the property. Foreign keys
 * become field-level {@code relationships} ({@code to: table.column}).
 */
public final class ContractDraftWriter {

    /** The custom property that marks a suggested classification, with the reason as its value. */
    public static final String SUGGESTION_PROPERTY = "classificationSuggestion";
    static final String TODO = "TODO:";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.(),/+-]*");
    private static final Set<String> YAML_WORDS = Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n");

    /** The YAML text of {@code draft}. */
    public String write(ContractDraft draft) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Draft ODCS v3.1 contract of ").append(draft.source()).append(", written by ./portico port init.\n");
        yaml.append("# Review it, then commit it: replace the TODO descriptions, and check every classification\n");
        yaml.append("# marked 'suggested' (custom property ").append(SUGGESTION_PROPERTY)
                .append("): keep or change it, then delete the property.\n");
        yaml.append("apiVersion: v3.1.0\n");
        yaml.append("kind: DataContract\n");
        line(yaml, "", "id", draft.id());
        line(yaml, "", "name", draft.domain() + " " + draft.dataProduct());
        line(yaml, "", "version", ContractDraft.FIRST_VERSION);
        yaml.append("status: active\n");
        line(yaml, "", "domain", draft.domain());
        line(yaml, "", "dataProduct", draft.dataProduct());
        yaml.append("description:\n");
        line(yaml, "  ", "purpose", TODO + " what this data product holds and what it is for.");
        yaml.append("servers:\n");
        line(yaml, "  - ", "server", draft.domain() + "-port");
        yaml.append("    type: custom\n");
        yaml.append("    customProperties:\n");
        property(yaml, "      ", "flightSqlUrl", draft.flightSqlUrl());
        property(yaml, "      ", "sqlDialect", draft.dialect());
        yaml.append("schema:\n");
        for (DraftTable table : draft.tables()) {
            writeTable(yaml, table);
        }
        return yaml.toString();
    }

    private static void writeTable(StringBuilder yaml, DraftTable table) {
        line(yaml, "  - ", "name", table.name());
        line(yaml, "    ", "physicalName", table.physicalName());
        yaml.append("    physicalType: table\n");
        line(yaml, "    ", "description", TODO + " what one row of " + table.name() + " is.");
        yaml.append("    properties:\n");
        for (DraftTable.Column column : table.columns()) {
            writeColumn(yaml, column, table.foreignKeys());
        }
    }

    private static void writeColumn(StringBuilder yaml, DraftTable.Column column, List<DraftTable.ForeignKey> keys) {
        String indent = "        ";
        line(yaml, "      - ", "name", column.name());
        line(yaml, indent, "logicalType", column.logicalType());
        line(yaml, indent, "physicalType", column.physicalType());
        line(yaml, indent, "description", TODO + " describe " + column.name() + ".");
        if (column.required()) {
            yaml.append(indent).append("required: true\n");
        }
        if (column.primaryKeyPosition() > 0) {
            yaml.append(indent).append("primaryKey: true\n");
            yaml.append(indent).append("primaryKeyPosition: ").append(column.primaryKeyPosition()).append('\n');
        }
        column.suggested().ifPresent(suggestion -> {
            yaml.append(indent).append("classification: ").append(scalar(suggestion.classification()))
                    .append("   # suggested: review\n");
            yaml.append(indent).append("customProperties:\n");
            property(yaml, indent + "  ", SUGGESTION_PROPERTY, suggestion.classification() + ": " + suggestion.reason());
        });
        List<DraftTable.ForeignKey> references = keys.stream()
                .filter(key -> key.column().equals(column.name())).toList();
        if (!references.isEmpty()) {
            yaml.append(indent).append("relationships:\n");
            for (DraftTable.ForeignKey key : references) {
                yaml.append(indent).append("  - type: foreignKey\n");
                line(yaml, indent + "    ", "to", key.targetTable() + "." + key.targetColumn());
            }
        }
    }

    private static void property(StringBuilder yaml, String indent, String name, String value) {
        line(yaml, indent + "- ", "property", name);
        line(yaml, indent + "  ", "value", value);
    }

    private static void line(StringBuilder yaml, String indent, String key, String value) {
        yaml.append(indent).append(key).append(": ").append(scalar(value)).append('\n');
    }

    /** A plain scalar when YAML reads it back as the same string, else a double-quoted one. */
    static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && !YAML_WORDS.contains(value.toLowerCase(java.util.Locale.ROOT))) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char character : value.toCharArray()) {
            switch (character) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (character < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) character));
                    } else {
                        quoted.append(character);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}

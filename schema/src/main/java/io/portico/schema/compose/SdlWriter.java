package io.portico.schema.compose;

import java.util.ArrayList;
import java.util.List;

/**
 * Appends SDL text with consistent layout and safely quoted descriptions, and remembers where each top-level
 * definition ends, so the text can be handed out as one piece per definition ({@link #definitions()}).
 * Package-private: composition only.
 */
final class SdlWriter {

    private static final String INDENT = "  ";

    private final StringBuilder text = new StringBuilder(16_384);
    private final List<String> definitions = new ArrayList<>();
    private int definitionStart;

    SdlWriter description(String description, int depth) {
        if (description == null || description.isBlank()) {
            return this;
        }
        String indent = INDENT.repeat(depth);
        String escaped = description.strip().replace("\\\"\"\"", "\\\\\"\"\"").replace("\"\"\"", "\\\"\"\"");
        text.append(indent).append("\"\"\"\n");
        escaped.lines().forEach(line -> text.append(indent).append(line.strip()).append('\n'));
        text.append(indent).append("\"\"\"\n");
        return this;
    }

    SdlWriter open(String keyword, String name) {
        text.append(keyword).append(' ').append(name).append(" {\n");
        return this;
    }

    SdlWriter field(String definition) {
        text.append(INDENT).append(definition).append('\n');
        return this;
    }

    SdlWriter close() {
        text.append("}\n\n");
        return endDefinition();
    }

    /** Appends a complete definition written by another writer, as a {@link #line}. */
    SdlWriter definition(String definition) {
        return line(definition).endDefinition();
    }

    SdlWriter line(String line) {
        text.append(line).append('\n');
        return this;
    }

    SdlWriter blank() {
        text.append('\n');
        return endDefinition();
    }

    /** The text written so far, one piece per top-level definition, each with its description. */
    List<String> definitions() {
        return List.copyOf(definitions);
    }

    private SdlWriter endDefinition() {
        if (text.length() > definitionStart) {
            definitions.add(text.substring(definitionStart));
            definitionStart = text.length();
        }
        return this;
    }

    @Override
    public String toString() {
        return text.toString().stripTrailing() + "\n";
    }
}

package io.portico.schema.compose;

/** Appends SDL text with consistent layout and safely quoted descriptions. Package-private: composition only. */
final class SdlWriter {

    private static final String INDENT = "  ";

    private final StringBuilder text = new StringBuilder(16_384);

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
        return this;
    }

    SdlWriter line(String line) {
        text.append(line).append('\n');
        return this;
    }

    SdlWriter blank() {
        text.append('\n');
        return this;
    }

    @Override
    public String toString() {
        return text.toString().stripTrailing() + "\n";
    }
}

package io.portico.flight.cli;

import tools.jackson.core.JacksonException;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;

/**
 * A gateway's JSON answer printed for people as {@code jq .} prints it: two spaces of indentation, objects and
 * arrays one member a line, {@code "name": value}, empty ones as {@code {}} and {@code []}. Text that is not JSON is
 * printed as it is.
 */
final class ReadableJson {

    private static final ObjectWriter WRITER = CliJson.MAPPER.writer().with(printer());

    private ReadableJson() {
    }

    /** {@code text} readably, ending with a line break. */
    static String of(String text) {
        String readable;
        try {
            JsonNode tree = CliJson.MAPPER.readTree(text);
            readable = tree == null || tree.isMissingNode() ? text : WRITER.writeValueAsString(tree);
        } catch (JacksonException e) {
            readable = text;
        }
        return readable.endsWith("\n") ? readable : readable + "\n";
    }

    private static DefaultPrettyPrinter printer() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }
}

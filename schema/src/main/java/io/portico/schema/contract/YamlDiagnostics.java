package io.portico.schema.contract;

import java.util.Locale;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * How problems in YAML documents are worded, the same for contracts and for policy files (the policies module
 * reads its files the same way): a position as {@code line L, column C}, a parser failure as its first line, a node
 * as what kind of value it is ({@code a list}, {@code a mapping}...).
 */
public final class YamlDiagnostics {

    private YamlDiagnostics() {
    }

    /** {@code line L, column C}, or {@code an unknown position}. */
    public static String position(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "an unknown position";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** What the YAML parser objected to, without its multi-line context dump. */
    public static String describe(JacksonException exception) {
        if (exception.getCause() instanceof MarkedYamlEngineException yaml) {
            String context = yaml.getContext();
            return context == null || context.isBlank() ? yaml.getProblem() : context + ": " + yaml.getProblem();
        }
        return firstLine(exception.getOriginalMessage());
    }

    /** The first line of a message; {@code unreadable input} for none. */
    public static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** What kind of value a node is, for "found ..." in a problem: {@code a string}, {@code nothing (null)}... */
    public static String kind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "nothing (null)";
        }
        if (node.isString()) {
            return "a string";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isIntegralNumber()) {
            return "an integer";
        }
        if (node.isNumber()) {
            return "a number";
        }
        return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}

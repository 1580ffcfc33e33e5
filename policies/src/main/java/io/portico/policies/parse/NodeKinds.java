package io.portico.policies.parse;

import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** How messages name a node's kind, and the text of a scalar node. */
final class NodeKinds {

    private NodeKinds() {
    }

    /** The text of a scalar as written: strings as they are, numbers and booleans as text. */
    static String text(JsonNode node) {
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isBigDecimal()) {
            return node.decimalValue().toPlainString();
        }
        if (node.isValueNode()) {
            return node.asString();
        }
        return node.toString();
    }

    static String kind(JsonNode node) {
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

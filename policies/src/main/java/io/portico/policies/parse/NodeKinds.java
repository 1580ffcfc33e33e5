package io.portico.policies.parse;

import io.portico.schema.contract.YamlDiagnostics;
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
        return YamlDiagnostics.kind(node);
    }
}

package io.portico.schema.contract;

import io.portico.schema.yaml.YamlPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads from a contract tree that record a {@link ContractProblem} instead of failing, so that one pass
 * over a document finds every problem. A missing key and an explicit null are the same: absent.
 */
final class NodeReader {

    /** A node together with its JSON path in the document. */
    record Located(JsonNode node, String path) {
    }

    private final List<ContractProblem> problems = new ArrayList<>();

    List<ContractProblem> problems() {
        return problems;
    }

    void problem(String path, String problem, String expected) {
        problems.add(new ContractProblem(path, problem, expected));
    }

    /** The child, or null when absent or null. */
    static JsonNode child(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        return node == null || node.isNull() ? null : node;
    }

    static String path(String parent, String name) {
        return YamlPaths.child(parent, name);
    }

    /** A string that must be present and not blank; null (after recording a problem) otherwise. */
    String requiredString(JsonNode parent, String parentPath, String name, String expected) {
        JsonNode node = child(parent, name);
        String path = path(parentPath, name);
        if (node == null) {
            problem(path, "missing required field '" + name + "'", expected);
            return null;
        }
        String value = string(node, path, expected);
        if (value != null && value.isBlank()) {
            problem(path, "is empty", expected);
            return null;
        }
        return value;
    }

    /** A string, or null when absent, blank or of the wrong type (then with a problem). */
    String optionalString(JsonNode parent, String parentPath, String name) {
        JsonNode node = child(parent, name);
        if (node == null) {
            return null;
        }
        String value = string(node, path(parentPath, name), "a string");
        return value == null || value.isBlank() ? null : value;
    }

    boolean optionalBoolean(JsonNode parent, String parentPath, String name, boolean defaultValue) {
        JsonNode node = child(parent, name);
        if (node == null) {
            return defaultValue;
        }
        if (!node.isBoolean()) {
            wrongType(node, path(parentPath, name), "true or false");
            return defaultValue;
        }
        return node.booleanValue();
    }

    /** An integer that fits in an int, or null when absent or not one (then with a problem). */
    Integer optionalInteger(JsonNode parent, String parentPath, String name) {
        JsonNode node = child(parent, name);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            wrongType(node, path(parentPath, name), "an integer");
            return null;
        }
        return node.intValue();
    }

    /** A list of strings; empty when absent. Items of other types are problems and left out. */
    List<String> stringList(JsonNode parent, String parentPath, String name) {
        List<String> values = new ArrayList<>();
        for (Located item : list(parent, parentPath, name, "a list of strings")) {
            String value = string(item.node(), item.path(), "a string");
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /** The items of a list, each with its path; empty when absent or not a list (then with a problem). */
    List<Located> list(JsonNode parent, String parentPath, String name, String expected) {
        JsonNode node = child(parent, name);
        String path = path(parentPath, name);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            wrongType(node, path, expected);
            return List.of();
        }
        List<Located> items = new ArrayList<>(node.size());
        for (int index = 0; index < node.size(); index++) {
            items.add(new Located(node.get(index), path + "[" + index + "]"));
        }
        return items;
    }

    /** The mapping items of a list; items that are not mappings are problems and left out. */
    List<Located> mappingList(JsonNode parent, String parentPath, String name, String expected, String itemExpected) {
        List<Located> mappings = new ArrayList<>();
        for (Located item : list(parent, parentPath, name, expected)) {
            if (item.node().isObject()) {
                mappings.add(item);
            } else {
                wrongType(item.node(), item.path(), itemExpected);
            }
        }
        return mappings;
    }

    /**
     * An ODCS {@code customProperties} list ({@code [{property, value}]}) as a map, values as text. Null values are
     * left out; lists and mappings keep their JSON text.
     */
    Map<String, String> customProperties(JsonNode parent, String parentPath) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Located item : mappingList(parent, parentPath, "customProperties", "a list of {property, value} mappings",
                "a mapping with property and value")) {
            String property = requiredString(item.node(), item.path(), "property", "the custom property's name");
            if (property == null) {
                continue;
            }
            if (properties.containsKey(property)) {
                problem(path(item.path(), "property"), "duplicate custom property '" + property + "'",
                        "each custom property at most once");
                continue;
            }
            String value = text(child(item.node(), "value"));
            if (value != null) {
                properties.put(property, value);
            }
        }
        return properties;
    }

    /**
     * An ODCS description: a plain string, or the ODCS object whose {@code purpose} (else {@code usage}) is used.
     */
    String description(JsonNode parent, String parentPath) {
        JsonNode node = child(parent, "description");
        String path = path(parentPath, "description");
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue().isBlank() ? null : node.stringValue();
        }
        if (!node.isObject()) {
            wrongType(node, path, "a string or a mapping with purpose and usage");
            return null;
        }
        String purpose = optionalString(node, path, "purpose");
        String usage = optionalString(node, path, "usage");
        return purpose != null ? purpose : usage;
    }

    /** The text of a scalar: strings as they are, numbers and booleans as written; JSON text for collections. */
    static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
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

    void wrongType(JsonNode node, String path, String expected) {
        problem(path, "wrong type: found " + kind(node), expected);
    }

    private String string(JsonNode node, String path, String expected) {
        if (!node.isString()) {
            wrongType(node, path, expected);
            return null;
        }
        return node.stringValue();
    }

    /** The mapping items of a list that was already read (and its problems recorded) once. */
    static List<Located> mappingsQuietly(JsonNode parent, String parentPath, String name) {
        JsonNode list = child(parent, name);
        if (list == null || !list.isArray()) {
            return List.of();
        }
        String path = path(parentPath, name);
        List<Located> mappings = new ArrayList<>();
        for (int index = 0; index < list.size(); index++) {
            if (list.get(index).isObject()) {
                mappings.add(new Located(list.get(index), path + "[" + index + "]"));
            }
        }
        return mappings;
    }

    /** The path of the value of custom property {@code property} of {@code owner}, else of its list. */
    static String customPropertyValuePath(JsonNode owner, String ownerPath, String property) {
        JsonNode list = child(owner, "customProperties");
        String listPath = path(ownerPath, "customProperties");
        for (int index = 0; index < list.size(); index++) {
            if (property.equals(text(list.get(index).get("property")))) {
                return listPath + "[" + index + "].value";
            }
        }
        return listPath;
    }


    static String kind(JsonNode node) {
        return YamlDiagnostics.kind(node);
    }
}

package io.portico.policies.parse;

import static io.portico.schema.contract.YamlDiagnostics.describe;
import static io.portico.schema.contract.YamlDiagnostics.firstLine;
import static io.portico.schema.contract.YamlDiagnostics.position;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads one policy file into a tree, or records why it cannot: a syntax error (line and column), more than one
 * document, a duplicate key, a YAML alias. Aliases are refused, never expanded (no "billion laughs"); nesting and
 * token sizes are bounded by Jackson's stream constraints, the file's size by {@link PolicyParser}.
 */
final class PolicyDocumentReader {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String file;
    private final List<PolicyProblem> problems;

    PolicyDocumentReader(String file, List<PolicyProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The document's tree; null (with a problem recorded) when it cannot be read as one tree. */
    JsonNode read(String document) {
        try (JsonParser parser = YAML.createParser(document)) {
            if (parser.nextToken() == null) {
                return problem("$", "the file is empty", "a mapping with version: 1 and rules");
            }
            JsonNode root = readValue(parser, "$");
            if (parser.nextToken() != null) {
                return problem("$", "more than one YAML document (a second one starts at "
                        + position(parser.currentTokenLocation()) + ")", "exactly one document per file");
            }
            return root;
        } catch (AliasException e) {
            return problem(e.path, e.getMessage(), "the value written out in full (anchors and aliases are not"
                    + " expanded)");
        } catch (StreamConstraintsException e) {
            return problem("$", "the file exceeds a parser limit at " + position(e.getLocation()) + ": "
                    + firstLine(e.getOriginalMessage()), "a policy file of ordinary size and nesting");
        } catch (JacksonException e) {
            return problem("$", "not valid YAML at " + position(e.getLocation()) + ": " + describe(e),
                    "a well-formed YAML document");
        }
    }

    private JsonNode readValue(JsonParser parser, String path) {
        return switch (parser.currentToken()) {
            case START_OBJECT -> readObject(parser, path);
            case START_ARRAY -> readArray(parser, path);
            case VALUE_STRING -> readString(parser, path);
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> parser.isNaN()
                    ? NODES.numberNode(parser.getDoubleValue()) : NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> NODES.stringNode(parser.getValueAsString());
        };
    }

    private ObjectNode readObject(JsonParser parser, String path) {
        ObjectNode object = NODES.objectNode();
        Set<String> keys = new HashSet<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            String childPath = childPath(path, key);
            TokenStreamLocation keyLocation = parser.currentTokenLocation();
            parser.nextToken();
            if (!keys.add(key)) {
                problem(childPath, "duplicate key '" + key + "' at " + position(keyLocation),
                        "each key at most once in a mapping");
                parser.skipChildren();
                continue;
            }
            object.set(key, readValue(parser, childPath));
        }
        return object;
    }

    private ArrayNode readArray(JsonParser parser, String path) {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(readValue(parser, path + "[" + array.size() + "]"));
        }
        return array;
    }

    private JsonNode readString(JsonParser parser, String path) {
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw new AliasException(path, "YAML alias '*" + parser.getString() + "' at "
                    + position(parser.currentTokenLocation()) + " is not supported");
        }
        return NODES.stringNode(parser.getString());
    }

    /** The path of a key below {@code parent}: {@code rules[3].mask}; {@code $} is the root. */
    static String childPath(String parent, String key) {
        String prefix = parent.equals("$") ? "" : parent + ".";
        if (IDENTIFIER.matcher(key).matches()) {
            return prefix + key;
        }
        return (parent.equals("$") ? "" : parent) + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    private JsonNode problem(String path, String problem, String expected) {
        problems.add(new PolicyProblem(file, path, problem, expected));
        return null;
    }




    /** Stops reading at an alias. */
    private static final class AliasException extends RuntimeException {

        private final String path;

        AliasException(String path, String message) {
            super(message, null, false, false);
            this.path = path;
        }
    }
}

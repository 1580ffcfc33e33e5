package io.portico.schema.contract;

import static io.portico.schema.contract.YamlDiagnostics.describe;
import static io.portico.schema.contract.YamlDiagnostics.firstLine;
import static io.portico.schema.contract.YamlDiagnostics.position;

import java.math.BigDecimal;
import java.util.ArrayList;
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
 * Reads a contract document (YAML, or JSON, which YAML includes) into a tree, reporting what stops it from being
 * one: syntax errors with line and column, more than one document, duplicate keys, and YAML aliases.
 *
 * <p>Aliases ({@code *name}) are refused rather than expanded: expansion is what "billion laughs" documents abuse,
 * and Jackson's plain YAML parser would otherwise silently read an alias as its anchor's name. Nesting depth and
 * token sizes are bounded by Jackson's {@code StreamReadConstraints}; document size by {@link ContractParser}.
 */
final class ContractDocumentReader {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String SYNTAX_EXPECTED = "a well-formed YAML or JSON document";

    private final List<ContractProblem> problems = new ArrayList<>();

    /** Problems that did not stop reading (duplicate keys); the tree keeps the first value of a duplicated key. */
    List<ContractProblem> problems() {
        return problems;
    }

    /** @throws ContractValidationException when the document cannot be read as one tree */
    JsonNode read(String document) {
        try (JsonParser parser = YAML.createParser(document)) {
            if (parser.nextToken() == null) {
                throw failure("$", "the document is empty",
                        "a mapping with apiVersion, kind, id, version, status, domain, dataProduct and schema");
            }
            JsonNode root = readValue(parser, "$");
            if (parser.nextToken() != null) {
                throw failure("$", "more than one YAML document (a second one starts at "
                        + position(parser.currentTokenLocation()) + ")", "exactly one document per contract");
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw failure("$", "the document exceeds a parser limit at " + position(e.getLocation()) + ": "
                    + firstLine(e.getOriginalMessage()), "a contract of ordinary size and nesting");
        } catch (JacksonException e) {
            throw failure("$", "not valid YAML or JSON at " + position(e.getLocation()) + ": " + describe(e),
                    SYNTAX_EXPECTED);
        }
    }

    private JsonNode readValue(JsonParser parser, String path) {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> readObject(parser, path);
            case START_ARRAY -> readArray(parser, path);
            case VALUE_STRING -> readString(parser, path);
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> parser.isNaN()
                    ? NODES.numberNode(parser.getDoubleValue()) : NODES.numberNode(decimal(parser));
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
                problems.add(new ContractProblem(childPath, "duplicate key '" + key + "' at " + position(keyLocation)
                        + "; the first value is used", "each key at most once in a mapping"));
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
            throw failure(path, "YAML alias '*" + parser.getString() + "' at " + position(parser.currentTokenLocation())
                    + " is not supported", "the value written out in full (anchors and aliases are not expanded)");
        }
        return NODES.stringNode(parser.getString());
    }

    private static BigDecimal decimal(JsonParser parser) {
        return parser.getDecimalValue();
    }

    static String childPath(String parent, String key) {
        if (IDENTIFIER.matcher(key).matches()) {
            return parent + "." + key;
        }
        return parent + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    private ContractValidationException failure(String path, String problem, String expected) {
        List<ContractProblem> all = new ArrayList<>(problems);
        all.add(new ContractProblem(path, problem, expected));
        return new ContractValidationException(all);
    }



}

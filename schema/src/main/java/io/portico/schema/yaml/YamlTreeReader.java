package io.portico.schema.yaml;

import static io.portico.schema.contract.YamlDiagnostics.describe;
import static io.portico.schema.contract.YamlDiagnostics.firstLine;
import static io.portico.schema.contract.YamlDiagnostics.position;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * Reads one YAML document (or JSON, which YAML includes) into a tree, and says in one wording what stops it: a
 * syntax error (line and column), an empty document, more than one document, a YAML alias, a parser limit; a
 * duplicate key is reported and read past (the first value is kept). Contracts and policy files are both read here.
 *
 * <p>Aliases ({@code *name}) are refused rather than expanded: expansion is what "billion laughs" documents abuse,
 * and Jackson's plain YAML parser would otherwise silently read an alias as its anchor's name. Nesting depth and
 * token sizes are bounded by Jackson's {@code StreamReadConstraints}; a document's size is its caller's to bound.
 * Paths are {@link YamlPaths}' JSON paths from {@code $}.
 */
public final class YamlTreeReader {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * A document as read.
     *
     * @param tree     the document's tree; null when it cannot be read as one
     * @param problems what is wrong with it, in document order; not empty when {@code tree} is null
     */
    public record Result(JsonNode tree, List<YamlProblem> problems) {

        public Result {
            problems = List.copyOf(problems);
        }
    }

    private final List<YamlProblem> problems = new ArrayList<>();
    private final String kind;

    private YamlTreeReader(String kind) {
        this.kind = kind;
    }

    /**
     * Reads {@code document}.
     *
     * @param kind          what the document is, for messages: {@code contract}, {@code policy file}
     * @param rootExpected  what an empty document should have held, e.g. {@code a mapping with version: 1 and rules}
     */
    public static Result read(String document, String kind, String rootExpected) {
        YamlTreeReader reader = new YamlTreeReader(kind);
        JsonNode tree = reader.readDocument(document, rootExpected);
        return new Result(tree, reader.problems);
    }

    private JsonNode readDocument(String document, String rootExpected) {
        try (JsonParser parser = YAML.createParser(document)) {
            if (parser.nextToken() == null) {
                return failure(YamlPaths.ROOT, "the document is empty", rootExpected);
            }
            JsonNode root = readValue(parser, YamlPaths.ROOT);
            if (parser.nextToken() != null) {
                return failure(YamlPaths.ROOT, "more than one YAML document (a second one starts at "
                        + position(parser.currentTokenLocation()) + ")", "exactly one document per " + kind);
            }
            return root;
        } catch (AliasException e) {
            return failure(e.path, e.getMessage(), "the value written out in full (anchors and aliases are not"
                    + " expanded)");
        } catch (StreamConstraintsException e) {
            return failure(YamlPaths.ROOT, "the document exceeds a parser limit at " + position(e.getLocation())
                    + ": " + firstLine(e.getOriginalMessage()), "a " + kind + " of ordinary size and nesting");
        } catch (JacksonException e) {
            return failure(YamlPaths.ROOT, "not valid YAML or JSON at " + position(e.getLocation()) + ": "
                    + describe(e), "a well-formed YAML or JSON document");
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
            String childPath = YamlPaths.child(path, key);
            TokenStreamLocation keyLocation = parser.currentTokenLocation();
            parser.nextToken();
            if (!keys.add(key)) {
                problems.add(new YamlProblem(childPath, "duplicate key '" + key + "' at " + position(keyLocation)
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
            array.add(readValue(parser, YamlPaths.element(path, array.size())));
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

    private JsonNode failure(String path, String problem, String expected) {
        problems.add(new YamlProblem(path, problem, expected));
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

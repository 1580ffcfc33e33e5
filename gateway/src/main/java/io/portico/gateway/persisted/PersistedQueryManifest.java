package io.portico.gateway.persisted;

import static java.util.Objects.requireNonNull;

import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations an allow-listed gateway runs: by id, the document text. Read once at start from a JSON file or a
 * folder of them (every {@code *.json}, in name order), each in one of two forms:
 *
 * <ul>
 *   <li>an Apollo persisted-query manifest, as {@code generate-persisted-query-manifest} writes it:
 *       {@code {"format": "apollo-persisted-query-manifest", "version": 1, "operations": [{"id", "name", "type",
 *       "body"}]}};</li>
 *   <li>a JSON object of id to document text ({@code {"<sha256>": "query ..."}}), as Relay and other tools write.</li>
 * </ul>
 *
 * An id listed twice with two different documents, a document that does not parse, a file in neither form, or no
 * operation at all is refused with a message naming the file and the id, so a bad manifest stops the gateway.
 */
public final class PersistedQueryManifest {

    static final String APOLLO_FORMAT = "apollo-persisted-query-manifest";

    private final Map<String, String> documentsById;
    private final Set<String> documents;

    PersistedQueryManifest(Map<String, String> documentsById) {
        this.documentsById = Map.copyOf(documentsById);
        this.documents = Set.copyOf(new HashSet<>(documentsById.values()));
    }

    /**
     * Reads the manifest at {@code location}: a file, or a folder of {@code *.json} files.
     *
     * @throws IllegalArgumentException naming the file and the entry, when the manifest is not usable
     */
    public static PersistedQueryManifest read(Path location, JsonMapper json) {
        requireNonNull(location, "location is null");
        List<Path> files = files(location);
        Map<String, String> byId = new HashMap<>();
        for (Path file : files) {
            readFile(file, json).forEach((id, document) -> {
                String listed = byId.putIfAbsent(id, document);
                if (listed != null && !listed.equals(document)) {
                    throw new IllegalArgumentException("persisted-query manifest " + file + ": the id '" + id
                            + "' is listed before with another document; each id must name one document");
                }
            });
        }
        if (byId.isEmpty()) {
            throw new IllegalArgumentException("persisted-query manifest " + location + " lists no operation; an"
                    + " allow-listed gateway would refuse every request");
        }
        return new PersistedQueryManifest(byId);
    }

    /** The document listed under {@code id}. */
    public Optional<String> document(String id) {
        return Optional.ofNullable(documentsById.get(id));
    }

    /** Whether {@code document} is listed, character for character. */
    public boolean lists(String document) {
        return documents.contains(document);
    }

    /** How many operations are listed. */
    public int size() {
        return documentsById.size();
    }

    private static List<Path> files(Path location) {
        if (Files.isRegularFile(location)) {
            return List.of(location);
        }
        if (!Files.isDirectory(location)) {
            throw new IllegalArgumentException("persisted-query manifest " + location + " is neither a file nor a"
                    + " folder");
        }
        try (Stream<Path> listed = Files.list(location)) {
            return listed.filter(path -> path.getFileName().toString().endsWith(".json") && Files.isRegularFile(path))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the persisted-query manifests in " + location, e);
        }
    }

    private static Map<String, String> readFile(Path file, JsonMapper json) {
        JsonNode root;
        try {
            root = json.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the persisted-query manifest " + file, e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("persisted-query manifest " + file + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("persisted-query manifest " + file + " must be a JSON object");
        }
        Map<String, String> byId = root.has("format") ? apolloOperations(file, root) : idToDocument(file, root);
        byId.forEach((id, document) -> checkParses(file, id, document));
        return byId;
    }

    private static Map<String, String> apolloOperations(Path file, JsonNode root) {
        if (!APOLLO_FORMAT.equals(root.path("format").asString("")) || root.path("version").asInt(0) != 1) {
            throw new IllegalArgumentException("persisted-query manifest " + file + " has format '"
                    + root.path("format").asString("") + "' version " + root.path("version") + "; Portico reads '"
                    + APOLLO_FORMAT + "' version 1, or a JSON object of id to document");
        }
        JsonNode operations = root.path("operations");
        if (!operations.isArray()) {
            throw new IllegalArgumentException("persisted-query manifest " + file + " has no 'operations' array");
        }
        Map<String, String> byId = new HashMap<>();
        List<JsonNode> entries = new ArrayList<>(operations.valueStream().toList());
        for (int index = 0; index < entries.size(); index++) {
            JsonNode operation = entries.get(index);
            String id = operation.path("id").asString("");
            String body = operation.path("body").asString("");
            if (id.isBlank() || body.isBlank()) {
                throw new IllegalArgumentException("persisted-query manifest " + file + ": operations[" + index
                        + "] needs a non-empty 'id' and 'body'");
            }
            put(file, byId, id, body);
        }
        return byId;
    }

    private static Map<String, String> idToDocument(Path file, JsonNode root) {
        Map<String, String> byId = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (!entry.getValue().isString() || entry.getKey().isBlank() || entry.getValue().asString().isBlank()) {
                throw new IllegalArgumentException("persisted-query manifest " + file + ": '" + entry.getKey()
                        + "' must map a non-empty id to the document's text");
            }
            put(file, byId, entry.getKey(), entry.getValue().asString());
        }
        return byId;
    }

    private static void put(Path file, Map<String, String> byId, String id, String body) {
        String listed = byId.putIfAbsent(id, body);
        if (listed != null && !listed.equals(body)) {
            throw new IllegalArgumentException("persisted-query manifest " + file + ": the id '" + id
                    + "' is listed twice with different documents");
        }
    }

    private static void checkParses(Path file, String id, String document) {
        try {
            Parser.parse(document);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("persisted-query manifest " + file + ": the document of '" + id
                    + "' does not parse: " + e.getMessage(), e);
        }
    }
}

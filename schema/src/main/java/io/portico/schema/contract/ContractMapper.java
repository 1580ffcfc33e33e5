package io.portico.schema.contract;

import io.portico.schema.contract.NodeReader.Located;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Maps a contract tree onto {@link OutputPortContract}, recording every problem on the way. Builds the records
 * only when the document has none, so every record it builds is complete.
 */
final class ContractMapper {

    static final List<String> LOGICAL_TYPES =
            List.of("string", "integer", "number", "boolean", "date", "timestamp", "time", "object", "array");
    static final List<String> CARDINALITIES = List.of("many-to-one", "one-to-one", "one-to-many", "many-to-many");
    static final String TARGET_DOMAIN = "targetDomain";
    static final String CARDINALITY = "cardinality";
    static final String DEFAULT_CARDINALITY = "many-to-one";
    static final String FOREIGN_KEY = "foreignKey";

    private static final Pattern API_VERSION = Pattern.compile("v3\\.\\d+\\.\\d+");
    private static final Pattern SEMANTIC_VERSION = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");
    private static final Pattern SHORTHAND_REFERENCE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*");
    /**
     * A contract id: it names the port in URLs ({@code /api/ports/{id}}), logs, metrics and error messages, so it is
     * restricted to characters that are safe in all of them (no spaces, no control characters that could forge a log
     * line). UUIDs, {@code sales-orders-port} and {@code urn:acme:sales.orders} fit.
     */
    static final Pattern PORT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    static final String PORT_ID_EXPECTED = "1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or"
            + " digit, e.g. sales-orders-port or a UUID";
    private static final Set<String> FLIGHT_SCHEMES_WITH_HOST = Set.of("grpc", "grpc+tcp", "grpc+tls");
    private static final String REFERENCE_EXPECTED = "dataset.field (ODCS shorthand notation), e.g. customers.customer_id";

    private final NodeReader reader = new NodeReader();

    /** A property before its primary-key position is settled. */
    private record PropertyDraft(String path, String name, String physicalName, String logicalType,
            String physicalType, boolean required, boolean primaryKey, Integer declaredPosition,
            boolean positionUnreadable, String positionPath,
            String classification, List<String> tags, String description) {
    }

    /** A relationship before its local target is checked against the whole contract. */
    private record RelationshipDraft(String toPath, String fromDataset, List<String> fromFields, String targetDomain,
            String toDataset, List<String> toFields, String cardinality, String description) {
    }

    private record DatasetDraft(String path, String name, String physicalName, String description, List<String> tags,
            List<FieldContract> fields, List<RelationshipDraft> relationships) {
    }

    /** @throws ContractValidationException with the problems of {@code earlierProblems} and of the mapping */
    OutputPortContract map(JsonNode root, List<ContractProblem> earlierProblems) {
        if (!root.isObject()) {
            List<ContractProblem> problems = new ArrayList<>(earlierProblems);
            problems.add(new ContractProblem("$", "the document is " + NodeReader.kind(root) + ", not a mapping",
                    "a mapping (key: value pairs) with apiVersion, kind, id, version, status, domain, dataProduct and schema"));
            throw new ContractValidationException(problems);
        }
        checkApiVersion(root);
        checkKind(root);
        String id = portId(root);
        String version = semanticVersion(root);
        String status = reader.requiredString(root, "$", "status", "a string such as active, draft or retired");
        String domain = printable("$.domain",
                reader.requiredString(root, "$", "domain", "a string: the owning domain, e.g. sales"));
        String dataProduct = printable("$.dataProduct",
                reader.requiredString(root, "$", "dataProduct", "a string: the data product, e.g. orders"));
        String name = reader.optionalString(root, "$", "name");
        String description = reader.description(root, "$");
        List<String> tags = reader.stringList(root, "$", "tags");
        List<ServerContract> servers = servers(root);
        List<DatasetDraft> datasets = datasets(root, domain);
        boolean everyDatasetNamed = datasets.size() == namedDatasetCount(root);
        TeamContract team = team(root);
        List<SlaProperty> slaProperties = slaProperties(root);
        if (everyDatasetNamed) {
            checkLocalRelationshipTargets(datasets, domain);
        }

        List<ContractProblem> problems = new ArrayList<>(earlierProblems);
        problems.addAll(reader.problems());
        if (!problems.isEmpty()) {
            throw new ContractValidationException(problems);
        }
        return new OutputPortContract(id, version, status, domain, dataProduct, name, description, tags,
                datasets.stream().map(dataset -> toDataset(dataset, domain)).toList(), servers, team, slaProperties);
    }

    private String portId(JsonNode root) {
        String id = reader.requiredString(root, "$", "id", "a string: the contract's stable identifier, "
                + PORT_ID_EXPECTED);
        if (id != null && !PORT_ID.matcher(id).matches()) {
            reader.problem("$.id", "'" + printableExcerpt(id) + "' is not a usable port id", PORT_ID_EXPECTED);
            return null;
        }
        return id;
    }

    /** {@code value}, or null with a problem when it holds a control or line-separator character. */
    private String printable(String path, String value) {
        if (value == null || value.codePoints().noneMatch(ContractMapper::isUnprintable)) {
            return value;
        }
        reader.problem(path, "'" + printableExcerpt(value) + "' contains a control or line-break character",
                "a name without control characters or line breaks");
        return null;
    }

    /**
     * A value shown in a problem: control and line-break characters escaped (a backslash, {@code u} and four hex
     * digits), so the message itself cannot forge a log line; at most 64 characters.
     */
    static String printableExcerpt(String value) {
        StringBuilder excerpt = new StringBuilder();
        value.codePoints().limit(64).forEach(codePoint -> {
            if (isUnprintable(codePoint)) {
                excerpt.append(String.format("\\u%04X", codePoint));
            } else {
                excerpt.appendCodePoint(codePoint);
            }
        });
        return value.codePointCount(0, value.length()) > 64 ? excerpt + "..." : excerpt.toString();
    }

    private static boolean isUnprintable(int codePoint) {
        return Character.isISOControl(codePoint) || codePoint == 0x2028 || codePoint == 0x2029
                || Character.getType(codePoint) == Character.FORMAT;
    }

    private void checkApiVersion(JsonNode root) {
        String apiVersion = reader.requiredString(root, "$", "apiVersion", "an ODCS v3 version, e.g. v3.1.0");
        if (apiVersion != null && !API_VERSION.matcher(apiVersion).matches()) {
            reader.problem("$.apiVersion", "unsupported ODCS version '" + apiVersion + "'",
                    "an ODCS v3 version such as v3.1.0 (v3.x.y)");
        }
    }

    private void checkKind(JsonNode root) {
        String kind = reader.requiredString(root, "$", "kind", "DataContract");
        if (kind != null && !kind.equals("DataContract")) {
            reader.problem("$.kind", "unknown kind '" + kind + "'", "DataContract");
        }
    }

    private String semanticVersion(JsonNode root) {
        String expected = "a semantic version MAJOR.MINOR.PATCH with optional pre-release, e.g. 1.2.0 or 2.0.0-rc.1";
        String version = reader.requiredString(root, "$", "version", expected + " (quoted if YAML reads it as a number)");
        if (version != null && !SEMANTIC_VERSION.matcher(version).matches()) {
            reader.problem("$.version", "'" + version + "' is not a semantic version", expected);
            return null;
        }
        if (version != null && OutputPortContract.majorVersionOf(version).isEmpty()) {
            reader.problem("$.version", "'" + version + "' has a major version above " + Integer.MAX_VALUE
                    + ", more than the registry keeps", expected);
            return null;
        }
        return version;
    }

    /**
     * How many datasets carry a string name, duplicates included. When one has none, local relationship targets
     * are not checked: the missing name is already a problem, and a target may be that dataset.
     */
    private static int namedDatasetCount(JsonNode root) {
        Set<String> names = new java.util.HashSet<>();
        for (Located dataset : mappingsQuietly(root, "$", "schema")) {
            JsonNode name = NodeReader.child(dataset.node(), "name");
            if (name == null || !name.isString() || name.stringValue().isBlank()) {
                return -1;
            }
            names.add(name.stringValue());
        }
        return names.size();
    }

    private List<ServerContract> servers(JsonNode root) {
        List<ServerContract> servers = new ArrayList<>();
        for (Located item : reader.mappingList(root, "$", "servers", "a list of servers", "a server mapping")) {
            JsonNode node = item.node();
            String server = reader.requiredString(node, item.path(), "server", "a string: the server's identifier");
            String type = reader.requiredString(node, item.path(), "type", "an ODCS server type, e.g. custom");
            String description = reader.optionalString(node, item.path(), "description");
            String environment = reader.optionalString(node, item.path(), "environment");
            Map<String, String> customProperties = reader.customProperties(node, item.path());
            if ("custom".equals(type)) {
                checkFlightSqlUrl(node, item.path(), server, customProperties);
            }
            if (server != null && type != null) {
                servers.add(new ServerContract(server, type, description, environment, customProperties));
            }
        }
        return servers;
    }

    private void checkFlightSqlUrl(JsonNode server, String serverPath, String serverName,
            Map<String, String> customProperties) {
        String expected = "a customProperty " + ServerContract.FLIGHT_SQL_URL
                + " with a Flight URI such as grpc+tcp://sales-port:31337";
        String url = customProperties.get(ServerContract.FLIGHT_SQL_URL);
        if (url == null) {
            String path = NodeReader.child(server, "customProperties") == null
                    ? serverPath : NodeReader.path(serverPath, "customProperties");
            reader.problem(path, "custom server '" + serverName + "' has no " + ServerContract.FLIGHT_SQL_URL, expected);
            return;
        }
        String problem = flightUriProblem(url);
        if (problem != null) {
            reader.problem(customPropertyValuePath(server, serverPath, ServerContract.FLIGHT_SQL_URL),
                    "'" + url + "' is not a Flight URI: " + problem,
                    "grpc://, grpc+tcp:// or grpc+tls:// with host and port, e.g. grpc+tcp://sales-port:31337");
        }
    }

    private static String flightUriProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return e.getReason() + " at index " + e.getIndex();
        }
        if (uri.getScheme() == null || !FLIGHT_SCHEMES_WITH_HOST.contains(uri.getScheme())) {
            return "unknown scheme '" + uri.getScheme() + "'";
        }
        if (uri.getHost() == null) {
            return "no host";
        }
        if (uri.getPort() < 1) {
            return "no port";
        }
        return null;
    }

    private static String customPropertyValuePath(JsonNode owner, String ownerPath, String property) {
        JsonNode list = NodeReader.child(owner, "customProperties");
        String listPath = NodeReader.path(ownerPath, "customProperties");
        for (int index = 0; index < list.size(); index++) {
            if (property.equals(NodeReader.text(list.get(index).get("property")))) {
                return listPath + "[" + index + "].value";
            }
        }
        return listPath;
    }

    private List<DatasetDraft> datasets(JsonNode root, String domain) {
        String expected = "a list of datasets (ODCS schema objects), at least one";
        if (NodeReader.child(root, "schema") == null) {
            reader.problem("$.schema", "missing required field 'schema'", expected);
            return List.of();
        }
        List<Located> items = reader.mappingList(root, "$", "schema", expected, "a dataset mapping with name and properties");
        if (items.isEmpty() && root.get("schema").isArray() && root.get("schema").isEmpty()) {
            reader.problem("$.schema", "the contract publishes no dataset", expected);
        }
        List<DatasetDraft> datasets = new ArrayList<>();
        Map<String, String> pathByName = new HashMap<>();
        for (Located item : items) {
            DatasetDraft dataset = dataset(item, domain);
            if (dataset == null) {
                continue;
            }
            String firstPath = pathByName.putIfAbsent(dataset.name(), dataset.path());
            if (firstPath != null) {
                reader.problem(dataset.path() + ".name", "duplicate dataset name '" + dataset.name()
                        + "' (also at " + firstPath + ".name)", "a dataset name unique in the contract");
                continue;
            }
            datasets.add(dataset);
        }
        return datasets;
    }

    private DatasetDraft dataset(Located item, String domain) {
        JsonNode node = item.node();
        String path = item.path();
        String name = reader.requiredString(node, path, "name", "a string: the dataset's name, e.g. orders");
        String physicalName = reader.optionalString(node, path, "physicalName");
        String description = reader.description(node, path);
        List<String> tags = reader.stringList(node, path, "tags");
        List<PropertyDraft> properties = properties(node, path);
        List<FieldContract> fields = withPrimaryKeyPositions(properties);
        List<RelationshipDraft> relationships = new ArrayList<>();
        if (name != null) {
            relationships.addAll(propertyRelationships(node, path, name, domain));
            relationships.addAll(schemaRelationships(node, path, name, domain, fields));
        }
        if (name == null) {
            return null;
        }
        return new DatasetDraft(path, name, physicalName == null ? name : physicalName, description, tags, fields,
                relationships);
    }

    private List<PropertyDraft> properties(JsonNode dataset, String datasetPath) {
        String expected = "a list of fields (ODCS properties), at least one";
        String path = NodeReader.path(datasetPath, "properties");
        JsonNode node = NodeReader.child(dataset, "properties");
        if (node == null || (node.isArray() && node.isEmpty())) {
            reader.problem(path, node == null ? "missing required field 'properties'" : "the dataset has no field",
                    expected);
            return List.of();
        }
        List<PropertyDraft> properties = new ArrayList<>();
        Map<String, String> pathByName = new HashMap<>();
        for (Located item : reader.mappingList(dataset, datasetPath, "properties", expected,
                "a field mapping with name and logicalType")) {
            PropertyDraft property = property(item);
            if (property == null) {
                continue;
            }
            String firstPath = pathByName.putIfAbsent(property.name(), property.path());
            if (firstPath != null) {
                reader.problem(property.path() + ".name", "duplicate field name '" + property.name()
                        + "' (also at " + firstPath + ".name)", "a field name unique in the dataset");
                continue;
            }
            properties.add(property);
        }
        return properties;
    }

    private PropertyDraft property(Located item) {
        JsonNode node = item.node();
        String path = item.path();
        String name = reader.requiredString(node, path, "name", "a string: the field's name, e.g. order_id");
        String physicalName = reader.optionalString(node, path, "physicalName");
        String logicalType = reader.optionalString(node, path, "logicalType");
        if (logicalType != null && !LOGICAL_TYPES.contains(logicalType)) {
            reader.problem(path + ".logicalType", "unknown logical type '" + logicalType + "'",
                    "one of " + String.join(", ", LOGICAL_TYPES));
            logicalType = null;
        }
        String physicalType = reader.optionalString(node, path, "physicalType");
        boolean required = reader.optionalBoolean(node, path, "required", false);
        boolean primaryKey = reader.optionalBoolean(node, path, "primaryKey", false);
        Integer position = reader.optionalInteger(node, path, "primaryKeyPosition");
        String classification = reader.optionalString(node, path, "classification");
        List<String> tags = reader.stringList(node, path, "tags");
        String description = reader.description(node, path);
        if (name == null) {
            return null;
        }
        return new PropertyDraft(path, name, physicalName == null ? name : physicalName, logicalType, physicalType,
                required, primaryKey, position == null || position == -1 ? null : position,
                position == null && NodeReader.child(node, "primaryKeyPosition") != null,
                path + ".primaryKeyPosition", classification, tags, description);
    }

    /** Settles primary-key positions: one key field may omit it; several must use 1..N, each once. */
    private List<FieldContract> withPrimaryKeyPositions(List<PropertyDraft> properties) {
        List<PropertyDraft> keys = properties.stream().filter(PropertyDraft::primaryKey).toList();
        int keySize = keys.size();
        String expected = keySize == 1
                ? "1, or no primaryKeyPosition, for the only primary-key field"
                : "a position from 1 to " + keySize + ", each used by exactly one of the " + keySize + " primary-key fields";
        Map<Integer, String> nameByPosition = new HashMap<>();
        Map<String, Integer> positionByName = new HashMap<>();
        for (PropertyDraft key : keys) {
            if (key.positionUnreadable()) {
                continue;
            }
            Integer position = key.declaredPosition();
            if (position == null && keySize == 1) {
                position = 1;
            }
            if (position == null) {
                reader.problem(key.positionPath(), "missing for field '" + key.name() + "', one of "
                        + keySize + " primary-key fields", expected);
                continue;
            }
            if (position < 1 || position > keySize) {
                reader.problem(key.positionPath(), "position " + position + " is outside 1.." + keySize, expected);
                continue;
            }
            String other = nameByPosition.putIfAbsent(position, key.name());
            if (other != null) {
                reader.problem(key.positionPath(), "position " + position + " is also used by field '" + other + "'",
                        expected);
                continue;
            }
            positionByName.put(key.name(), position);
        }
        return properties.stream()
                .map(property -> new FieldContract(property.name(), property.physicalName(), property.logicalType(),
                        property.physicalType(), property.required(), property.primaryKey(),
                        positionByName.getOrDefault(property.name(), -1), property.classification(), property.tags(),
                        property.description()))
                .toList();
    }

    private List<RelationshipDraft> propertyRelationships(JsonNode dataset, String datasetPath, String datasetName,
            String domain) {
        List<RelationshipDraft> relationships = new ArrayList<>();
        for (Located property : mappingsQuietly(dataset, datasetPath, "properties")) {
            JsonNode nameNode = NodeReader.child(property.node(), "name");
            String fieldName = nameNode != null && nameNode.isString() ? nameNode.stringValue() : null;
            for (Located item : reader.mappingList(property.node(), property.path(), "relationships",
                    "a list of relationships", "a relationship mapping with type and to")) {
                if (NodeReader.child(item.node(), "from") != null) {
                    reader.problem(item.path() + ".from", "a property-level relationship must not set 'from'",
                            "only 'to'; 'from' is the property itself (use a schema-level relationship for composite keys)");
                }
                List<String> to = references(item, "to");
                if (to == null || fieldName == null) {
                    continue;
                }
                if (to.size() != 1) {
                    reader.problem(item.path() + ".to", to.size() + " targets for the single field '" + fieldName + "'",
                            "one dataset.field reference");
                    continue;
                }
                RelationshipDraft relationship = relationship(item, domain, datasetName, List.of(fieldName), to);
                if (relationship != null) {
                    relationships.add(relationship);
                }
            }
        }
        return relationships;
    }

    private List<RelationshipDraft> schemaRelationships(JsonNode dataset, String datasetPath, String datasetName,
            String domain, List<FieldContract> fields) {
        List<RelationshipDraft> relationships = new ArrayList<>();
        for (Located item : reader.mappingList(dataset, datasetPath, "relationships", "a list of relationships",
                "a relationship mapping with type, from and to")) {
            List<String> from = references(item, "from");
            List<String> to = references(item, "to");
            if (from == null || to == null) {
                continue;
            }
            if (from.size() != to.size()) {
                reader.problem(item.path() + ".to", to.size() + " target(s) for " + from.size() + " source field(s)",
                        "as many 'to' references as 'from' references, in the same order");
                continue;
            }
            List<String> fromFields = localFromFields(item.path() + ".from", from, datasetName, fields);
            if (fromFields == null) {
                continue;
            }
            RelationshipDraft relationship = relationship(item, domain, datasetName, fromFields, to);
            if (relationship != null) {
                relationships.add(relationship);
            }
        }
        return relationships;
    }

    /** The field names of schema-level 'from' references, which must all be fields of the enclosing dataset. */
    private List<String> localFromFields(String path, List<String> from, String datasetName,
            List<FieldContract> fields) {
        List<String> fieldNames = new ArrayList<>();
        boolean valid = true;
        for (String reference : from) {
            String dataset = reference.substring(0, reference.indexOf('.'));
            String field = reference.substring(reference.indexOf('.') + 1);
            if (!dataset.equals(datasetName)) {
                reader.problem(path, "'" + reference + "' is not a field of dataset '" + datasetName + "'",
                        "references to fields of the dataset that declares the relationship, e.g. "
                                + datasetName + "." + field);
                valid = false;
            } else if (fields.stream().noneMatch(candidate -> candidate.name().equals(field))) {
                reader.problem(path, "field '" + field + "' does not exist in dataset '" + datasetName + "'",
                        "a field of dataset '" + datasetName + "'");
                valid = false;
            }
            fieldNames.add(field);
        }
        return valid ? fieldNames : null;
    }

    private RelationshipDraft relationship(Located item, String domain, String fromDataset, List<String> fromFields,
            List<String> to) {
        String type = reader.optionalString(item.node(), item.path(), "type");
        if (type != null && !type.equals(FOREIGN_KEY)) {
            reader.problem(item.path() + ".type", "unknown relationship type '" + type + "'", FOREIGN_KEY);
            return null;
        }
        String toDataset = to.getFirst().substring(0, to.getFirst().indexOf('.'));
        for (String reference : to) {
            if (!reference.startsWith(toDataset + ".")) {
                reader.problem(item.path() + ".to", "'" + reference + "' names another dataset than '" + toDataset + "'",
                        "references to fields of one target dataset");
                return null;
            }
        }
        Map<String, String> customProperties = reader.customProperties(item.node(), item.path());
        String cardinality = customProperties.getOrDefault(CARDINALITY, DEFAULT_CARDINALITY);
        if (!CARDINALITIES.contains(cardinality)) {
            reader.problem(customPropertyValuePath(item.node(), item.path(), CARDINALITY),
                    "unknown cardinality '" + cardinality + "'", "one of " + String.join(", ", CARDINALITIES));
            return null;
        }
        String targetDomain = customProperties.get(TARGET_DOMAIN);
        List<String> toFields = to.stream().map(reference -> reference.substring(reference.indexOf('.') + 1)).toList();
        return new RelationshipDraft(item.path() + ".to", fromDataset, fromFields,
                targetDomain == null || targetDomain.isBlank() ? domain : targetDomain, toDataset, toFields,
                cardinality, customProperties.get("description"));
    }

    /** The mapping items of a list that was already read (and its problems recorded) once. */
    private static List<Located> mappingsQuietly(JsonNode parent, String parentPath, String name) {
        JsonNode list = NodeReader.child(parent, name);
        if (list == null || !list.isArray()) {
            return List.of();
        }
        String path = NodeReader.path(parentPath, name);
        List<Located> mappings = new ArrayList<>();
        for (int index = 0; index < list.size(); index++) {
            if (list.get(index).isObject()) {
                mappings.add(new Located(list.get(index), path + "[" + index + "]"));
            }
        }
        return mappings;
    }

    /** A 'from' or 'to' value: one reference or a non-empty list of them, each dataset.field; null on a problem. */
    private List<String> references(Located relationship, String name) {
        JsonNode node = NodeReader.child(relationship.node(), name);
        String path = NodeReader.path(relationship.path(), name);
        if (node == null) {
            reader.problem(path, "missing required field '" + name + "'", REFERENCE_EXPECTED);
            return null;
        }
        List<Located> items = new ArrayList<>();
        if (node.isString()) {
            items.add(new Located(node, path));
        } else if (node.isArray() && !node.isEmpty()) {
            items.addAll(reader.list(relationship.node(), relationship.path(), name, REFERENCE_EXPECTED));
        } else {
            reader.wrongType(node, path, REFERENCE_EXPECTED + ", or a non-empty list of them");
            return null;
        }
        List<String> references = new ArrayList<>();
        for (Located item : items) {
            String reference = NodeReader.text(item.node());
            if (!item.node().isString() || !SHORTHAND_REFERENCE.matcher(reference).matches()) {
                String problem = item.node().isString()
                        ? "'" + reference + "' is not a dataset.field reference"
                        : "wrong type: found " + NodeReader.kind(item.node());
                reader.problem(item.path(), problem, REFERENCE_EXPECTED);
                return null;
            }
            references.add(reference);
        }
        return references;
    }

    /**
     * A target dataset of this contract must have the referenced fields. A target in no dataset of this contract
     * may be served by another port of the same domain: registration reports it as dangling, never fatal.
     */
    private void checkLocalRelationshipTargets(List<DatasetDraft> datasets, String domain) {
        if (domain == null) {
            return;
        }
        Map<String, DatasetDraft> byName = new LinkedHashMap<>();
        datasets.forEach(dataset -> byName.put(dataset.name(), dataset));
        for (DatasetDraft dataset : datasets) {
            for (RelationshipDraft relationship : dataset.relationships()) {
                if (!relationship.targetDomain().equals(domain)) {
                    continue;
                }
                DatasetDraft target = byName.get(relationship.toDataset());
                if (target == null) {
                    continue;
                }
                for (String field : relationship.toFields()) {
                    if (target.fields().stream().noneMatch(candidate -> candidate.name().equals(field))) {
                        reader.problem(relationship.toPath(), "field '" + field + "' does not exist in dataset '"
                                + target.name() + "'", "a field of dataset '" + target.name() + "'");
                    }
                }
            }
        }
    }

    private TeamContract team(JsonNode root) {
        JsonNode node = NodeReader.child(root, "team");
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            return new TeamContract(null, null, members(root, "$", "team"));
        }
        if (!node.isObject()) {
            reader.wrongType(node, "$.team", "a team mapping with name and members (or, deprecated, a list of members)");
            return null;
        }
        return new TeamContract(reader.optionalString(node, "$.team", "name"),
                reader.optionalString(node, "$.team", "description"), members(node, "$.team", "members"));
    }

    private List<TeamContract.TeamMember> members(JsonNode parent, String parentPath, String name) {
        List<TeamContract.TeamMember> members = new ArrayList<>();
        for (Located item : reader.mappingList(parent, parentPath, name, "a list of team members",
                "a team member mapping with username")) {
            String username = reader.requiredString(item.node(), item.path(), "username",
                    "a string: the member's username or email");
            String memberName = reader.optionalString(item.node(), item.path(), "name");
            String role = reader.optionalString(item.node(), item.path(), "role");
            if (username != null) {
                members.add(new TeamContract.TeamMember(username, memberName, role));
            }
        }
        return members;
    }

    private List<SlaProperty> slaProperties(JsonNode root) {
        List<SlaProperty> properties = new ArrayList<>();
        for (Located item : reader.mappingList(root, "$", "slaProperties", "a list of SLA properties",
                "an SLA property mapping with property and value")) {
            JsonNode node = item.node();
            String property = reader.requiredString(node, item.path(), "property", "a string, e.g. latency");
            JsonNode valueNode = NodeReader.child(node, "value");
            if (valueNode != null && valueNode.isContainer()) {
                reader.wrongType(valueNode, item.path() + ".value", "a string, number or boolean");
            }
            String value = valueNode == null || valueNode.isContainer() ? null : NodeReader.text(valueNode);
            String unit = reader.optionalString(node, item.path(), "unit");
            String element = reader.optionalString(node, item.path(), "element");
            String description = reader.optionalString(node, item.path(), "description");
            if (property != null) {
                properties.add(new SlaProperty(property, value, unit, element, description));
            }
        }
        return properties;
    }

    private static DatasetContract toDataset(DatasetDraft dataset, String domain) {
        List<RelationshipContract> relationships = dataset.relationships().stream()
                .map(draft -> new RelationshipContract(FOREIGN_KEY, draft.fromDataset(), draft.fromFields(),
                        draft.targetDomain() == null ? domain : draft.targetDomain(), draft.toDataset(),
                        draft.toFields(), draft.cardinality(), draft.description()))
                .toList();
        return new DatasetContract(dataset.name(), dataset.physicalName(), dataset.description(), dataset.tags(),
                dataset.fields(), relationships);
    }
}

package io.portico.schema.contract;

import io.portico.schema.contract.NodeReader.Located;
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

    private static final Pattern API_VERSION = Pattern.compile("v3\\.\\d+\\.\\d+");
    private static final Pattern SEMANTIC_VERSION = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");
    /**
     * A contract id: it names the port in URLs ({@code /api/ports/{id}}), logs, metrics and error messages, so it is
     * restricted to characters that are safe in all of them (no spaces, no control characters that could forge a log
     * line). UUIDs, {@code sales-orders-port} and {@code urn:acme:sales.orders} fit.
     */
    static final Pattern PORT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    static final String PORT_ID_EXPECTED = "1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or"
            + " digit, e.g. sales-orders-port or a UUID";

    private final NodeReader reader = new NodeReader();
    private final RelationshipMapper relationships = new RelationshipMapper(reader);
    private final ServerMapper servers = new ServerMapper(reader);

    /** A property before its primary-key position is settled. */
    private record PropertyDraft(String path, String name, String physicalName, String logicalType,
            String physicalType, boolean required, boolean primaryKey, Integer declaredPosition,
            boolean positionUnreadable, String positionPath,
            String classification, List<String> tags, String description) {
    }

    private record DatasetDraft(String path, String name, String physicalName, String description, List<String> tags,
            List<FieldContract> fields, List<RelationshipMapper.Draft> relationships) {
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
        List<ServerContract> servers = this.servers.of(root);
        List<DatasetDraft> datasets = datasets(root, domain);
        boolean everyDatasetNamed = datasets.size() == namedDatasetCount(root);
        TeamContract team = team(root);
        List<SlaProperty> slaProperties = slaProperties(root);
        if (everyDatasetNamed) {
            Map<String, List<FieldContract>> fieldsByDataset = new LinkedHashMap<>();
            datasets.forEach(dataset -> fieldsByDataset.put(dataset.name(), dataset.fields()));
            relationships.checkLocalTargets(fieldsByDataset,
                    datasets.stream().flatMap(dataset -> dataset.relationships().stream()).toList(), domain);
        }

        List<ContractProblem> problems = new ArrayList<>(earlierProblems);
        problems.addAll(reader.problems());
        if (!problems.isEmpty()) {
            throw new ContractValidationException(problems);
        }
        return new OutputPortContract(id, version, status, domain, dataProduct, name, description, tags,
                datasets.stream().map(ContractMapper::toDataset).toList(), servers, team, slaProperties);
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
        for (Located dataset : NodeReader.mappingsQuietly(root, "$", "schema")) {
            JsonNode name = NodeReader.child(dataset.node(), "name");
            if (name == null || !name.isString() || name.stringValue().isBlank()) {
                return -1;
            }
            names.add(name.stringValue());
        }
        return names.size();
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
        if (name == null) {
            return null;
        }
        return new DatasetDraft(path, name, physicalName == null ? name : physicalName, description, tags, fields,
                relationships.of(node, path, name, domain, fields));
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

    private static DatasetContract toDataset(DatasetDraft dataset) {
        List<RelationshipContract> relationships = dataset.relationships().stream()
                .map(RelationshipMapper.Draft::toContract)
                .toList();
        return new DatasetContract(dataset.name(), dataset.physicalName(), dataset.description(), dataset.tags(),
                dataset.fields(), relationships);
    }
}

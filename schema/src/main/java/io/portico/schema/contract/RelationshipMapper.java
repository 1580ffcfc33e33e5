package io.portico.schema.contract;

import io.portico.schema.contract.NodeReader.Located;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Maps the relationships of a contract's datasets (ODCS property-level {@code relationships} with {@code to}, and
 * schema-level ones with {@code from} and {@code to}) onto drafts, recording every problem in the contract's
 * {@link NodeReader}; {@link #checkLocalTargets} then checks the targets inside the contract once every dataset
 * is read. Part of {@link ContractMapper}.
 */
final class RelationshipMapper {

    static final List<String> CARDINALITIES = List.of("many-to-one", "one-to-one", "one-to-many", "many-to-many");
    static final String TARGET_DOMAIN = "targetDomain";
    static final String CARDINALITY = "cardinality";
    static final String DEFAULT_CARDINALITY = "many-to-one";
    static final String FOREIGN_KEY = "foreignKey";

    private static final Pattern SHORTHAND_REFERENCE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*");
    private static final String REFERENCE_EXPECTED = "dataset.field (ODCS shorthand notation), e.g. customers.customer_id";

    private final NodeReader reader;

    RelationshipMapper(NodeReader reader) {
        this.reader = reader;
    }

    /** A relationship before its local target is checked against the whole contract. */
    record Draft(String toPath, String fromDataset, List<String> fromFields, String targetDomain,
            String toDataset, List<String> toFields, String cardinality, String description) {

        RelationshipContract toContract() {
            return new RelationshipContract(FOREIGN_KEY, fromDataset, fromFields, targetDomain, toDataset, toFields,
                    cardinality, description);
        }
    }

    /** The relationships declared in dataset {@code datasetName}: its properties' first, then its own. */
    List<Draft> of(JsonNode dataset, String datasetPath, String datasetName, String domain,
            List<FieldContract> fields) {
        List<Draft> relationships = new ArrayList<>(propertyRelationships(dataset, datasetPath, datasetName, domain));
        relationships.addAll(schemaRelationships(dataset, datasetPath, datasetName, domain, fields));
        return relationships;
    }

    private List<Draft> propertyRelationships(JsonNode dataset, String datasetPath, String datasetName,
            String domain) {
        List<Draft> relationships = new ArrayList<>();
        for (Located property : NodeReader.mappingsQuietly(dataset, datasetPath, "properties")) {
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
                Draft relationship = relationship(item, domain, datasetName, List.of(fieldName), to);
                if (relationship != null) {
                    relationships.add(relationship);
                }
            }
        }
        return relationships;
    }

    private List<Draft> schemaRelationships(JsonNode dataset, String datasetPath, String datasetName,
            String domain, List<FieldContract> fields) {
        List<Draft> relationships = new ArrayList<>();
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
            Draft relationship = relationship(item, domain, datasetName, fromFields, to);
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

    private Draft relationship(Located item, String domain, String fromDataset, List<String> fromFields,
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
            reader.problem(NodeReader.customPropertyValuePath(item.node(), item.path(), CARDINALITY),
                    "unknown cardinality '" + cardinality + "'", "one of " + String.join(", ", CARDINALITIES));
            return null;
        }
        String targetDomain = customProperties.get(TARGET_DOMAIN);
        List<String> toFields = to.stream().map(reference -> reference.substring(reference.indexOf('.') + 1)).toList();
        return new Draft(item.path() + ".to", fromDataset, fromFields,
                targetDomain == null || targetDomain.isBlank() ? domain : targetDomain, toDataset, toFields,
                cardinality, customProperties.get("description"));
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
     *
     * @param fieldsByDataset the fields of each dataset of the contract, by name, in the contract's order
     * @param relationships   the relationships of those datasets, in the same order
     */
    void checkLocalTargets(Map<String, List<FieldContract>> fieldsByDataset, List<Draft> relationships,
            String domain) {
        if (domain == null) {
            return;
        }
        for (Draft relationship : relationships) {
            if (!relationship.targetDomain().equals(domain)) {
                continue;
            }
            List<FieldContract> target = fieldsByDataset.get(relationship.toDataset());
            if (target == null) {
                continue;
            }
            for (String field : relationship.toFields()) {
                if (target.stream().noneMatch(candidate -> candidate.name().equals(field))) {
                    reader.problem(relationship.toPath(), "field '" + field + "' does not exist in dataset '"
                            + relationship.toDataset() + "'", "a field of dataset '" + relationship.toDataset() + "'");
                }
            }
        }
    }
}

package io.portico.schema.compat;

import static io.portico.schema.compat.ChangeText.differ;
import static io.portico.schema.compat.ChangeText.fromTo;
import static io.portico.schema.compat.ChangeText.quoted;

import io.portico.schema.compose.SchemaNames;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.FieldContract;
import io.portico.schema.contract.RelationshipContract;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compares the datasets of two ports, matched by GraphQL name: presence, exposure, names, key, relationships, then fields. */
final class DatasetChangeComparison {

    private final ExposedPort live;
    private final ExposedPort candidate;
    private final List<ContractChange> changes;

    private DatasetChangeComparison(ExposedPort live, ExposedPort candidate, List<ContractChange> changes) {
        this.live = live;
        this.candidate = candidate;
        this.changes = changes;
    }

    static void compare(ExposedPort live, ExposedPort candidate, List<ContractChange> changes) {
        DatasetChangeComparison comparison = new DatasetChangeComparison(live, candidate, changes);
        Set<String> names = new LinkedHashSet<>(live.datasets().keySet());
        names.addAll(candidate.datasets().keySet());
        for (String name : names) {
            DatasetContract before = live.datasets().get(name);
            DatasetContract after = candidate.datasets().get(name);
            if (after == null) {
                comparison.removed(name, before);
            } else if (before == null) {
                comparison.added(name, after);
            } else {
                comparison.changed(name, before, after);
            }
        }
    }

    private void removed(String name, DatasetContract before) {
        String path = ContractPaths.dataset(before.name());
        String restore = "restore dataset '" + before.name() + "'";
        if (live.binding(name).isEmpty()) {
            changes.add(new ContractChange(ChangeSeverity.SAFE, ChangeKind.DATASET_REMOVED, path,
                    "dataset '" + before.name() + "' was removed; it was never exposed in GraphQL ("
                            + live.whyLeftOut(name) + "), so no client used it",
                    restore));
            return;
        }
        changes.add(ContractChange.of(ChangeKind.DATASET_REMOVED, path,
                "dataset '" + before.name() + "' was removed: GraphQL field " + live.datasetCoordinate(name)
                        + " and type " + live.nodeType(name) + " disappear, so every query reading them fails",
                restore));
    }

    private void added(String name, DatasetContract after) {
        String path = ContractPaths.dataset(after.name());
        String remove = "remove dataset '" + after.name() + "'";
        if (candidate.binding(name).isEmpty()) {
            changes.add(ContractChange.of(ChangeKind.DATASET_ADDED, path, "dataset '" + after.name()
                    + "' was added but is not exposed in GraphQL: " + candidate.whyLeftOut(name), remove));
            return;
        }
        changes.add(ContractChange.of(ChangeKind.DATASET_ADDED, path, "dataset '" + after.name()
                + "' was added: new GraphQL field " + candidate.datasetCoordinate(name) + " of type "
                + candidate.nodeType(name) + "Connection", remove));
    }

    private void changed(String name, DatasetContract before, DatasetContract after) {
        String path = ContractPaths.dataset(after.name());
        String label = "dataset '" + after.name() + "'";
        boolean liveExposed = live.binding(name).isPresent();
        boolean candidateExposed = candidate.binding(name).isPresent();
        if (differ(before.name(), after.name())) {
            changes.add(ContractChange.of(ChangeKind.RENAMED_KEEPING_GRAPHQL_NAME, path,
                    "dataset name changes " + fromTo(before.name(), after.name()) + "; its GraphQL field stays "
                            + candidate.datasetCoordinate(name),
                    "keep name " + quoted(before.name())));
        }
        if (liveExposed && !candidateExposed) {
            changes.add(ContractChange.of(ChangeKind.DATASET_REMOVED, path,
                    label + " is no longer exposed in GraphQL (" + candidate.whyLeftOut(name) + "): GraphQL field "
                            + live.datasetCoordinate(name) + " and type " + live.nodeType(name)
                            + " disappear, so every query reading them fails",
                    "make the port serve " + label + " again (" + candidate.whyLeftOut(name) + ")"));
        } else if (!liveExposed && candidateExposed) {
            changes.add(ContractChange.of(ChangeKind.DATASET_ADDED, path,
                    label + " is now exposed in GraphQL as " + candidate.datasetCoordinate(name),
                    "leave " + label + " unexposed"));
        }
        if (differ(before.physicalName(), after.physicalName())) {
            changes.add(ContractChange.of(ChangeKind.PHYSICAL_NAME_CHANGED, path + ".physicalName",
                    "table of " + label + " changes " + fromTo(before.physicalName(), after.physicalName())
                            + " at the port: the gateway queries the new table; GraphQL clients see no change",
                    "keep physicalName " + quoted(before.physicalName())));
        }
        if (ChangeText.descriptionsDiffer(before.description(), after.description())) {
            changes.add(ContractChange.of(ChangeKind.DESCRIPTION_CHANGED, path + ".description",
                    "description of " + label + " " + ChangeText.textChange(before.description(), after.description())
                            + ": the GraphQL descriptions of " + candidate.datasetCoordinate(name) + " and "
                            + candidate.nodeType(name) + " change (documentation only)",
                    "keep the description of " + label));
        }
        if (differ(before.tags(), after.tags())) {
            changes.add(ContractChange.of(ChangeKind.TAGS_CHANGED, path + ".tags",
                    "tags of " + label + " change from " + ChangeText.tags(before.tags()) + " to "
                            + ChangeText.tags(after.tags()) + " (catalog search only)",
                    "keep tags " + ChangeText.tags(before.tags())));
        }
        primaryKey(name, before, after, liveExposed);
        relationships(path, label, before, after);
        FieldChangeComparison.compare(live, candidate, name, before, after, changes);
    }

    private void primaryKey(String name, DatasetContract before, DatasetContract after, boolean liveExposed) {
        List<String> liveKey = graphQLNames(before.primaryKey());
        List<String> candidateKey = graphQLNames(after.primaryKey());
        if (liveKey.equals(candidateKey)) {
            return;
        }
        List<String> liveNames = before.primaryKey().stream().map(FieldContract::name).toList();
        List<String> candidateNames = after.primaryKey().stream().map(FieldContract::name).toList();
        String label = "dataset '" + after.name() + "'";
        String message = "primary key of " + label + " changes from " + key(liveNames) + " to " + key(candidateNames)
                + ": rows of " + live.datasetCoordinate(name) + " are paged and identified by their key, so cursors"
                + " handed out before no longer resume where they stopped, and relationships to the key break";
        String revert = liveNames.isEmpty() ? "declare no primary key on " + label
                : "keep the primary key " + ChangeText.tuple(liveNames) + " of " + label;
        String path = ContractPaths.dataset(after.name()) + ".primaryKey";
        changes.add(liveExposed ? ContractChange.of(ChangeKind.PRIMARY_KEY_CHANGED, path, message, revert)
                : new ContractChange(ChangeSeverity.SAFE, ChangeKind.PRIMARY_KEY_CHANGED, path,
                        message.substring(0, message.indexOf(':')) + "; the dataset was not exposed, so no client"
                                + " paged through it", revert));
    }

    private static String key(List<String> fields) {
        return fields.isEmpty() ? "none" : ChangeText.tuple(fields);
    }

    private static List<String> graphQLNames(List<FieldContract> fields) {
        return fields.stream().map(field -> SchemaNames.fieldName(field.name())).toList();
    }

    private void relationships(String datasetPath, String label, DatasetContract before, DatasetContract after) {
        Map<String, RelationshipContract> liveRelationships = byKey(before.relationships());
        Map<String, RelationshipContract> candidateRelationships = byKey(after.relationships());
        Set<String> keys = new LinkedHashSet<>(liveRelationships.keySet());
        keys.addAll(candidateRelationships.keySet());
        for (String key : keys) {
            RelationshipContract old = liveRelationships.get(key);
            RelationshipContract now = candidateRelationships.get(key);
            String path = datasetPath + ".relationships[" + key + "]";
            if (now == null) {
                changes.add(ContractChange.of(ChangeKind.RELATIONSHIP_REMOVED, path,
                        "relationship " + describe(old) + " of " + label + " was removed: consumers joining along it"
                                + " lose the documented link, and once relationships are GraphQL fields removing"
                                + " one breaks the queries that follow it",
                        "restore the relationship " + describe(old)));
            } else if (old == null) {
                changes.add(ContractChange.of(ChangeKind.RELATIONSHIP_ADDED, path,
                        "relationship " + describe(now) + " of " + label + " was added (catalog; not a GraphQL field yet)",
                        "remove the relationship " + describe(now)));
            } else {
                relationshipChanged(path, label, old, now);
            }
        }
    }

    private void relationshipChanged(String path, String label, RelationshipContract old, RelationshipContract now) {
        if (differ(old.toFields(), now.toFields()) || differ(old.cardinality(), now.cardinality())
                || differ(old.type(), now.type())) {
            changes.add(ContractChange.of(ChangeKind.RELATIONSHIP_CHANGED, path,
                    "relationship " + describe(old) + " (" + old.cardinality() + ") of " + label + " becomes "
                            + describe(now) + " (" + now.cardinality() + "): consumers joining along it get other"
                            + " matches, and once relationships are GraphQL fields this changes what they return",
                    "keep the relationship " + describe(old) + " (" + old.cardinality() + ")"));
        }
        if (ChangeText.descriptionsDiffer(old.description(), now.description())) {
            changes.add(ContractChange.of(ChangeKind.DESCRIPTION_CHANGED, path + ".description",
                    "description of relationship " + describe(now) + " of " + label + " "
                            + ChangeText.textChange(old.description(), now.description()) + " (catalog only)",
                    "keep the relationship's description"));
        }
    }

    private static Map<String, RelationshipContract> byKey(List<RelationshipContract> relationships) {
        Map<String, RelationshipContract> byKey = new LinkedHashMap<>();
        relationships.forEach(relationship -> byKey.putIfAbsent(String.join(",", relationship.fromFields()) + "->"
                + relationship.targetDomain() + "." + relationship.toDataset(), relationship));
        return byKey;
    }

    private static String describe(RelationshipContract relationship) {
        return ChangeText.tuple(relationship.fromFields()) + " -> " + relationship.targetDomain() + "."
                + relationship.toDataset() + ChangeText.tuple(relationship.toFields());
    }
}

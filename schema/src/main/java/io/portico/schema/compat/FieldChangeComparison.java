package io.portico.schema.compat;

import static io.portico.schema.compat.ChangeText.differ;
import static io.portico.schema.compat.ChangeText.fromTo;
import static io.portico.schema.compat.ChangeText.quoted;

import io.portico.schema.compose.FieldBinding;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.FieldContract;
import io.portico.schema.types.ArrowTypeMapping;
import io.portico.schema.types.GraphQLTypeRef;
import io.portico.schema.types.TypeMapping;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Compares the fields of one dataset on both sides, matched by GraphQL name. */
final class FieldChangeComparison {

    private final ExposedPort live;
    private final ExposedPort candidate;
    private final String datasetField;
    private final String datasetName;
    private final boolean bothDatasetsExposed;
    private final List<ContractChange> changes;

    private FieldChangeComparison(ExposedPort live, ExposedPort candidate, String datasetField, String datasetName,
            List<ContractChange> changes) {
        this.live = live;
        this.candidate = candidate;
        this.datasetField = datasetField;
        this.datasetName = datasetName;
        this.bothDatasetsExposed = live.binding(datasetField).isPresent() && candidate.binding(datasetField).isPresent();
        this.changes = changes;
    }

    static void compare(ExposedPort live, ExposedPort candidate, String datasetField, DatasetContract before,
            DatasetContract after, List<ContractChange> changes) {
        FieldChangeComparison comparison = new FieldChangeComparison(live, candidate, datasetField, after.name(), changes);
        Map<String, FieldContract> liveFields = ExposedPort.fields(before);
        Map<String, FieldContract> candidateFields = ExposedPort.fields(after);
        Set<String> names = new LinkedHashSet<>(liveFields.keySet());
        names.addAll(candidateFields.keySet());
        for (String name : names) {
            FieldContract old = liveFields.get(name);
            FieldContract now = candidateFields.get(name);
            if (now == null) {
                comparison.removed(name, old);
            } else if (old == null) {
                comparison.added(name, now);
            } else {
                comparison.changed(name, old, now);
            }
        }
    }

    private void removed(String name, FieldContract old) {
        String path = ContractPaths.field(datasetName, old.name());
        String restore = "restore field '" + old.name() + "'";
        if (live.binding(datasetField, name).isEmpty()) {
            changes.add(new ContractChange(ChangeSeverity.SAFE, ChangeKind.FIELD_REMOVED, path,
                    "field '" + old.name() + "' was removed from dataset '" + datasetName + "'; it was never exposed"
                            + " in GraphQL (" + live.whyLeftOut(datasetField, old) + "), so no client used it",
                    restore));
            return;
        }
        changes.add(ContractChange.of(ChangeKind.FIELD_REMOVED, path,
                "field '" + old.name() + "' was removed from dataset '" + datasetName + "': GraphQL field "
                        + liveCoordinate(name) + " disappears, with its where and orderBy inputs, so every query"
                        + " selecting or filtering on it fails",
                restore));
    }

    private void added(String name, FieldContract now) {
        String path = ContractPaths.field(datasetName, now.name());
        String remove = "remove field '" + now.name() + "'";
        Optional<FieldBinding> binding = candidate.binding(datasetField, name);
        if (binding.isEmpty()) {
            changes.add(ContractChange.of(ChangeKind.FIELD_ADDED, path, "field '" + now.name()
                    + "' was added to dataset '" + datasetName + "' but is not exposed in GraphQL: "
                    + candidate.whyLeftOut(datasetField, now), remove));
            return;
        }
        changes.add(ContractChange.of(ChangeKind.FIELD_ADDED, path, "field '" + now.name() + "' was added to dataset '"
                + datasetName + "': new GraphQL field " + candidateCoordinate(name) + " of type "
                + candidateTypeText(name, binding.get()), remove));
    }

    private void changed(String name, FieldContract old, FieldContract now) {
        String path = ContractPaths.field(datasetName, now.name());
        String label = "field '" + now.name() + "' of dataset '" + datasetName + "'";
        Optional<FieldBinding> liveBinding = live.binding(datasetField, name);
        Optional<FieldBinding> candidateBinding = candidate.binding(datasetField, name);
        if (differ(old.name(), now.name())) {
            changes.add(ContractChange.of(ChangeKind.RENAMED_KEEPING_GRAPHQL_NAME, path,
                    "field name changes " + fromTo(old.name(), now.name()) + "; its GraphQL field stays "
                            + candidateCoordinate(name),
                    "keep name " + quoted(old.name())));
        }
        if (bothDatasetsExposed) {
            exposure(name, label, old, now, liveBinding, candidateBinding, path);
        }
        boolean bothExposed = liveBinding.isPresent() && candidateBinding.isPresent();
        nullability(name, label, old, now, bothExposed ? candidateBinding : Optional.empty(), path);
        if (bothExposed) {
            types(name, label, old, liveBinding.get(), candidateBinding.get(), path);
        }
        documentation(name, label, old, now, path);
    }

    private void exposure(String name, String label, FieldContract old, FieldContract now,
            Optional<FieldBinding> liveBinding, Optional<FieldBinding> candidateBinding, String path) {
        if (liveBinding.isPresent() && candidateBinding.isEmpty()) {
            String why = candidate.whyLeftOut(datasetField, now);
            changes.add(ContractChange.of(ChangeKind.FIELD_REMOVED, path,
                    label + " is no longer exposed in GraphQL (" + why + "): GraphQL field " + liveCoordinate(name)
                            + " disappears, with its where and orderBy inputs, so every query selecting or filtering"
                            + " on it fails",
                    "make the port serve field '" + old.name() + "' again (" + why + ")"));
        } else if (liveBinding.isEmpty() && candidateBinding.isPresent()) {
            changes.add(ContractChange.of(ChangeKind.FIELD_ADDED, path,
                    label + " is now exposed in GraphQL as " + candidateCoordinate(name) + " of type "
                            + candidateTypeText(name, candidateBinding.get()),
                    "leave field '" + now.name() + "' unexposed"));
        }
    }

    private void nullability(String name, String label, FieldContract old, FieldContract now,
            Optional<FieldBinding> exposed, String path) {
        if (old.required() == now.required()) {
            return;
        }
        String coordinate = exposed.isPresent() ? candidateCoordinate(name) : null;
        if (old.required()) {
            String message = label + " is no longer required: the contract stops promising a value and the port's"
                    + " column may hold nulls, so clients that rely on a value may get null ("
                    + (coordinate == null ? "the field is not exposed in GraphQL"
                            : "GraphQL field " + coordinate + " stays nullable; its description no longer promises"
                                    + " a value")
                    + ")";
            changes.add(new ContractChange(exposed.isPresent() ? ChangeSeverity.BREAKING : ChangeSeverity.SAFE,
                    ChangeKind.FIELD_NOW_NULLABLE, path + ".required", message,
                    "mark field '" + now.name() + "' required again"));
            return;
        }
        changes.add(ContractChange.of(ChangeKind.FIELD_NOW_REQUIRED, path + ".required",
                label + " is now required: the contract promises a value"
                        + (coordinate == null ? "" : " and the description of GraphQL field " + coordinate
                                + " says so (its type stays nullable)")
                        + "; existing clients keep working",
                "mark field '" + now.name() + "' optional again"));
    }

    private void types(String name, String label, FieldContract old, FieldBinding liveBinding,
            FieldBinding candidateBinding, String path) {
        TypeMapping liveMapping = ArrowTypeMapping.forField(liveBinding.arrowField());
        TypeMapping candidateMapping = ArrowTypeMapping.forField(candidateBinding.arrowField());
        String liveType = GraphQLTypeText.of(live.nodeType(datasetField), name, liveMapping.graphQLType());
        String revert = liveMapping.graphQLType() instanceof GraphQLTypeRef.Scalar
                ? "keep field '" + old.name() + "' as " + ArrowTypeNames.describe(liveBinding.arrowField().getType())
                        + " at the port (GraphQL " + liveType + ")"
                : "keep field '" + old.name() + "' at the port as it was (GraphQL " + liveType + ")";
        for (FieldTypeComparison.TypeDifference difference : FieldTypeComparison.compare(
                liveMapping.graphQLType(), liveBinding.arrowField(),
                candidateMapping.graphQLType(), candidateBinding.arrowField())) {
            String at = candidateCoordinate(name) + difference.where();
            String message = switch (difference.kind()) {
                case FIELD_TYPE_CHANGED -> label + " changes type incompatibly at " + at + ": "
                        + difference.description() + "; queries and clients that rely on " + liveType + " break";
                case FIELD_TYPE_EXTENDED -> label + " changes type compatibly at " + at + ": "
                        + difference.description() + "; existing queries keep working";
                case ARROW_TYPE_NARROWED -> label + " narrows at the port (" + at + "): " + difference.description()
                        + ". The GraphQL type stays, so clients see no schema change but may get errors or"
                        + " truncated values at run time";
                case ARROW_VALUE_FORMAT_CHANGED -> label + " changes its values at the port (" + at + "): "
                        + difference.description() + ". The GraphQL type stays, so clients see no schema change"
                        + " but get other values for the same rows";
                default -> label + " changes its Arrow type (" + at + "): " + difference.description()
                        + "; the GraphQL type stays";
            };
            changes.add(ContractChange.of(difference.kind(), path, message, revert));
        }
    }

    private void documentation(String name, String label, FieldContract old, FieldContract now, String path) {
        if (differ(old.physicalName(), now.physicalName())) {
            changes.add(ContractChange.of(ChangeKind.PHYSICAL_NAME_CHANGED, path + ".physicalName",
                    "column of " + label + " changes " + fromTo(old.physicalName(), now.physicalName())
                            + " at the port: the gateway reads the new column; GraphQL clients see no change",
                    "keep physicalName " + quoted(old.physicalName())));
        }
        if (differ(old.logicalType(), now.logicalType())) {
            changes.add(ContractChange.of(ChangeKind.DECLARED_TYPE_CHANGED, path + ".logicalType",
                    "declared logicalType of " + label + " changes " + fromTo(old.logicalType(), now.logicalType())
                            + "; the port's live Arrow type decides what GraphQL clients see",
                    "keep logicalType " + quoted(old.logicalType())));
        }
        if (differ(old.physicalType(), now.physicalType())) {
            changes.add(ContractChange.of(ChangeKind.DECLARED_TYPE_CHANGED, path + ".physicalType",
                    "declared physicalType of " + label + " changes " + fromTo(old.physicalType(), now.physicalType())
                            + "; the port's live Arrow type decides what GraphQL clients see",
                    "keep physicalType " + quoted(old.physicalType())));
        }
        if (ChangeText.descriptionsDiffer(old.description(), now.description())) {
            changes.add(ContractChange.of(ChangeKind.DESCRIPTION_CHANGED, path + ".description",
                    "description of " + label + " " + ChangeText.textChange(old.description(), now.description())
                            + ": the GraphQL description of " + candidateCoordinate(name) + " changes (documentation only)",
                    "keep the description of field '" + old.name() + "'"));
        }
        if (differ(old.tags(), now.tags())) {
            changes.add(ContractChange.of(ChangeKind.TAGS_CHANGED, path + ".tags",
                    "tags of " + label + " change from " + ChangeText.tags(old.tags()) + " to "
                            + ChangeText.tags(now.tags()) + " (catalog search only)",
                    "keep tags " + ChangeText.tags(old.tags())));
        }
        if (differ(old.classification(), now.classification())) {
            changes.add(ContractChange.of(ChangeKind.CLASSIFICATION_CHANGED, path + ".classification",
                    "classification of " + label + " changes " + fromTo(old.classification(), now.classification())
                            + ": access policies key on classification, so who may read " + candidateCoordinate(name)
                            + " (and whether it is masked) changes",
                    "keep classification " + quoted(old.classification())));
        }
    }

    private String liveCoordinate(String name) {
        return live.nodeType(datasetField) + "." + name;
    }

    private String candidateCoordinate(String name) {
        return candidate.nodeType(datasetField) + "." + name;
    }

    private String candidateTypeText(String name, FieldBinding binding) {
        return GraphQLTypeText.of(candidate.nodeType(datasetField), name,
                ArrowTypeMapping.forField(binding.arrowField()).graphQLType());
    }
}

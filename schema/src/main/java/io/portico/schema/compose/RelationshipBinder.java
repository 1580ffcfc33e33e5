package io.portico.schema.compose;

import io.portico.schema.contract.FieldContract;
import io.portico.schema.contract.RelationshipContract;
import io.portico.schema.compose.RelationshipBinding.Cardinality;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The second phase of composition: turns the foreign keys of bound datasets into relationship fields in both
 * directions (see {@link SchemaComposer} for the naming rules), leaving out and reporting those that cannot be fields.
 */
final class RelationshipBinder {

    private RelationshipBinder() {
    }


    /**
     * The relationship fields of the bound datasets, both directions of every foreign key whose ends are both
     * current majors in the schema: first every many-to-one field (sources in domain and dataset order, keys in
     * contract order), then every reverse field, so names are assigned in one fixed order.
     */
    static List<RelationshipBinding> bindRelationships(Map<String, List<BoundDataset>> datasetsByDomain,
            RelationshipKeyRule keyRule, List<CompositionProblem> problems) {
        Map<String, BoundDataset> currentByContractName = new LinkedHashMap<>();
        Map<String, Set<String>> usedNames = new LinkedHashMap<>();
        for (List<BoundDataset> datasets : datasetsByDomain.values()) {
            for (BoundDataset dataset : datasets) {
                Set<String> names = new HashSet<>();
                dataset.fields().forEach(field -> names.add(field.binding().graphQLName()));
                usedNames.put(SchemaNames.nodeType(dataset.binding()), names);
                if (dataset.deprecationReason() == null) {
                    currentByContractName.put(
                            dataset.binding().domain() + "/" + dataset.contract().name(), dataset);
                }
            }
        }
        List<RelationshipBinding> relationships = new ArrayList<>();
        List<RelationshipBinding> forward = new ArrayList<>();
        for (BoundDataset source : currentByContractName.values()) {
            for (RelationshipContract relationship : source.contract().relationships()) {
                BoundDataset target = currentByContractName.get(
                        SchemaNames.fieldName(relationship.targetDomain()) + "/" + relationship.toDataset());
                if (target == null) {
                    continue;
                }
                bindForward(source, target, relationship, keyRule, usedNames, problems).ifPresent(binding -> {
                    forward.add(binding);
                    relationships.add(binding);
                });
            }
        }
        for (RelationshipBinding binding : forward) {
            BoundDataset source = currentByContractName.values().stream()
                    .filter(dataset -> SchemaNames.nodeType(dataset.binding()).equals(binding.ownerType()))
                    .findFirst().orElseThrow();
            bindReverse(source, binding, usedNames, problems).ifPresent(relationships::add);
        }
        relationships.sort(Comparator.comparing(RelationshipBinding::ownerType)
                .thenComparing(RelationshipBinding::fieldName));
        return relationships;
    }

    private static Optional<RelationshipBinding> bindForward(BoundDataset source, BoundDataset target,
            RelationshipContract relationship, RelationshipKeyRule keyRule, Map<String, Set<String>> usedNames,
            List<CompositionProblem> problems) {
        String portId = source.binding().portId();
        String path = source.path() + ".relationships";
        String label = source.contract().name() + "." + String.join(",", relationship.fromFields()) + " -> "
                + relationship.targetDomain() + "." + relationship.toDataset() + "."
                + String.join(",", relationship.toFields());
        if (!"many-to-one".equals(relationship.cardinality()) && !"one-to-one".equals(relationship.cardinality())) {
            problems.add(new CompositionProblem(portId, path, "relationship " + label + " has cardinality '"
                    + relationship.cardinality() + "'; only many-to-one and one-to-one become fields; left out"));
            return Optional.empty();
        }
        List<String> ownerFields = boundFields(source, relationship.fromFields());
        List<String> targetFields = boundFields(target, relationship.toFields());
        if (ownerFields == null || targetFields == null) {
            problems.add(new CompositionProblem(portId, path, "relationship " + label
                    + " names a field that is not in the schema; relationship left out"));
            return Optional.empty();
        }
        Optional<String> classified = keyRule.refusal(relationship, target.contract());
        if (classified.isPresent()) {
            problems.add(new CompositionProblem(portId, path, "relationship " + label + " is left out: "
                    + classified.get(), CompositionProblem.Kind.CLASSIFIED_KEY));
            return Optional.empty();
        }
        for (int index = 0; index < ownerFields.size(); index++) {
            if (!comparable(source.binding().field(ownerFields.get(index)).orElseThrow(),
                    target.binding().field(targetFields.get(index)).orElseThrow())) {
                problems.add(new CompositionProblem(portId, path, "relationship " + label
                        + " joins fields of different types; relationship left out"));
                return Optional.empty();
            }
        }
        String ownerType = SchemaNames.nodeType(source.binding());
        Set<String> taken = usedNames.get(ownerType);
        String keyName = ownerFields.size() == 1 ? withoutIdSuffix(ownerFields.getFirst()) : null;
        String fieldName = keyName != null && SchemaNames.isValidName(keyName) && !taken.contains(keyName)
                ? keyName
                : target.binding().dataset();
        if (taken.contains(fieldName)) {
            problems.add(new CompositionProblem(portId, path, "relationship " + label + " would be field '"
                    + fieldName + "' of " + ownerType + ", which is taken; relationship left out"));
            return Optional.empty();
        }
        taken.add(fieldName);
        String targetLabel = target.binding().domain() + "." + target.binding().dataset();
        String description = (relationship.description() == null
                ? "The " + targetLabel + " row this row refers to." : relationship.description().strip())
                + "\n\nNull when no " + targetLabel + " row matches "
                + keyText(ownerFields) + ", or when a policy's row filter hides it from you.";
        return Optional.of(new RelationshipBinding(fieldName, Cardinality.MANY_TO_ONE,
                source.binding().domain(), source.binding().dataset(), ownerFields,
                target.binding().domain(), target.binding().dataset(), targetFields, description));
    }

    /** The reverse of a forward binding: on the target, the source rows that refer to it. */
    private static Optional<RelationshipBinding> bindReverse(BoundDataset source, RelationshipBinding forward,
            Map<String, Set<String>> usedNames, List<CompositionProblem> problems) {
        boolean oneToOne = source.contract().relationships().stream()
                .anyMatch(relationship -> "one-to-one".equals(relationship.cardinality())
                        && boundFields(source, relationship.fromFields()) != null
                        && boundFields(source, relationship.fromFields()).equals(forward.ownerFields()));
        Set<String> taken = usedNames.get(forward.targetType());
        String plain = forward.ownerDataset();
        String prefixed = forward.ownerDomain() + SchemaNames.typeName(forward.ownerDataset());
        String fieldName = !taken.contains(plain) ? plain : prefixed;
        if (taken.contains(fieldName)) {
            problems.add(new CompositionProblem(source.binding().portId(), source.path() + ".relationships",
                    "the reverse of relationship " + forward.ownerType() + "." + forward.fieldName() + " would be field '"
                            + fieldName + "' of " + forward.targetType() + ", which is taken; only its forward"
                            + " field is in the schema"));
            return Optional.empty();
        }
        taken.add(fieldName);
        String sourceLabel = forward.ownerDomain() + "." + forward.ownerDataset();
        String description = (oneToOne ? "The " + sourceLabel + " row" : "The " + sourceLabel + " rows")
                + " whose " + keyText(forward.ownerFields()) + " equal" + (forward.ownerFields().size() == 1 ? "s" : "")
                + " this row's " + keyText(forward.targetFields()) + " (relationship " + forward.ownerType() + "."
                + forward.fieldName() + ", read backwards)."
                + "\n\nA policy's row filter on " + sourceLabel + " applies: rows it hides are not counted or shown.";
        return Optional.of(new RelationshipBinding(fieldName,
                oneToOne ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY,
                forward.targetDomain(), forward.targetDataset(), forward.targetFields(),
                forward.ownerDomain(), forward.ownerDataset(), forward.ownerFields(), description));
    }

    /** The GraphQL names of the contract fields {@code names} of a bound dataset, or null when one is not bound. */
    private static List<String> boundFields(BoundDataset dataset, List<String> names) {
        List<String> bound = new ArrayList<>();
        for (String name : names) {
            Optional<FieldContract> field = dataset.contract().field(name);
            if (field.isEmpty()) {
                return null;
            }
            String graphQLName = SchemaNames.fieldName(field.get().name());
            if (dataset.binding().field(graphQLName).isEmpty()) {
                return null;
            }
            bound.add(graphQLName);
        }
        return bound;
    }

    /** Whether values of two key fields can be compared: the same Arrow type family (any integer width). */
    private static boolean comparable(FieldBinding owner, FieldBinding target) {
        return owner.arrowField().getType().getTypeID() == target.arrowField().getType().getTypeID();
    }

    /** {@code customerId} -> {@code customer}; null when the name has no {@code Id} suffix to drop. */
    private static String withoutIdSuffix(String graphQLName) {
        if (graphQLName.length() > 2 && graphQLName.endsWith("Id")) {
            return graphQLName.substring(0, graphQLName.length() - 2);
        }
        if (graphQLName.length() > 3 && graphQLName.endsWith("_id")) {
            return graphQLName.substring(0, graphQLName.length() - 3);
        }
        return null;
    }

    private static String keyText(List<String> fields) {
        return String.join(", ", fields);
    }
}

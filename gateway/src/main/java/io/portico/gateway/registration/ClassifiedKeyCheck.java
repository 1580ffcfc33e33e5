package io.portico.gateway.registration;

import static java.util.Objects.requireNonNull;

import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RelationshipKeyRule;
import io.portico.schema.compose.SchemaNames;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.RelationshipContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registration check of foreign keys into classified fields ({@link RelationshipKeyRule}): a contract whose
 * foreign key points at a classified field that is not its target's primary key is refused, since a join on raw
 * values would let anyone with a table of candidate values learn the field's values; a contract that classifies a
 * field other ports' foreign keys point at is published, with a warning that those relationships are left out of
 * the schema (the owner of the data decides its classification, never the port that refers to it).
 */
final class ClassifiedKeyCheck {

    private final RelationshipKeyRule keyRule;

    ClassifiedKeyCheck(RelationshipKeyRule keyRule) {
        this.keyRule = requireNonNull(keyRule, "keyRule is null");
    }

    /**
     * The candidate's foreign keys that point at a classified field which is not the target's primary key, as
     * refusals. The target is the candidate's own dataset for a key within its domain, else the registry's; a
     * target nobody publishes yet is judged by composition when it comes.
     */
    List<RegistrationProblem> refusals(OutputPortContract contract, RegistryView registry) {
        List<RegistrationProblem> problems = new ArrayList<>();
        for (int index = 0; index < contract.datasets().size(); index++) {
            DatasetContract dataset = contract.datasets().get(index);
            for (RelationshipContract relationship : dataset.relationships()) {
                Optional<DatasetContract> target = targetOf(contract, relationship, registry);
                if (target.isEmpty()) {
                    continue;
                }
                Optional<String> refusal = keyRule.refusal(relationship, target.get());
                if (refusal.isPresent()) {
                    problems.add(RegistrationProblem.invalid(ProblemKind.CLASSIFIED_KEY,
                            PortValidator.relationshipPath(dataset, relationship, index), "relationship "
                                    + PortValidator.describe(dataset, relationship) + " is refused: " + refusal.get(),
                            keyRule.expected(relationship, target.get())));
                }
            }
        }
        return problems;
    }

    /**
     * Served ports' foreign keys into datasets of the candidate that the candidate's classifications make the rule
     * refuse, as warnings: publishing goes on (the owner of the data decides its classification), and the
     * relationship is left out of the schema while the classification stands.
     */
    List<RegistrationProblem> warnings(OutputPortContract candidate, RegistryView registry) {
        String domain = SchemaNames.fieldName(candidate.domain());
        List<RegistrationProblem> warnings = new ArrayList<>();
        for (PortSnapshot port : registry.snapshot().ports()) {
            if (port.contract().id().equals(candidate.id())) {
                continue;
            }
            for (DatasetContract dataset : port.contract().datasets()) {
                for (RelationshipContract relationship : dataset.relationships()) {
                    if (!SchemaNames.fieldName(relationship.targetDomain()).equals(domain)) {
                        continue;
                    }
                    int targetIndex = datasetIndex(candidate, relationship.toDataset());
                    if (targetIndex < 0) {
                        continue;
                    }
                    DatasetContract target = candidate.datasets().get(targetIndex);
                    keyRule.refusal(relationship, target).ifPresent(refusal -> warnings.add(
                            RegistrationProblem.warning(ProblemKind.CLASSIFIED_KEY, "$.schema[" + targetIndex + "]",
                                    "relationship " + PortValidator.describe(dataset, relationship) + " of port '"
                                            + port.contract().id() + "' is left out of the schema: " + refusal,
                                    "nothing, if the classification is meant; the relationship comes back when"
                                            + " its key is the primary key or an open classification")));
                }
            }
        }
        return warnings;
    }

    /** The dataset a foreign key points at: the contract's own for a key within its domain, else the registry's. */
    private static Optional<DatasetContract> targetOf(OutputPortContract contract, RelationshipContract relationship,
            RegistryView registry) {
        if (SchemaNames.fieldName(relationship.targetDomain()).equals(SchemaNames.fieldName(contract.domain()))) {
            Optional<DatasetContract> own = contract.dataset(relationship.toDataset());
            if (own.isPresent()) {
                return own;
            }
        }
        return registry.dataset(relationship.targetDomain(), relationship.toDataset());
    }

    private static int datasetIndex(OutputPortContract contract, String name) {
        for (int index = 0; index < contract.datasets().size(); index++) {
            if (contract.datasets().get(index).name().equals(name)) {
                return index;
            }
        }
        return -1;
    }
}

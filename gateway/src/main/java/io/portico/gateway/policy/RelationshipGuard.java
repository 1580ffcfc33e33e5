package io.portico.gateway.policy;

import static java.util.Objects.requireNonNull;

import io.portico.policies.decision.FieldDecision;
import io.portico.schema.compose.RelationshipBinding;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a subject may follow a relationship field. A relationship is a join on raw values, so it is withheld when
 * any field it joins on, at either end, is denied or masked to the subject: the owner dataset's decisions on its
 * owner fields and the target dataset's decisions on its target fields. {@code CrmCustomers.days} (owner field
 * {@code birthDate}) and {@code SalesDays.customers} (target field {@code birthDate}) are both withheld from a
 * subject denied {@code crm.customers.birth_date}: otherwise one would show the birth date beside the customer and
 * the other would find the customer of any date. Decided per field and request, before any port is called.
 *
 * <p>Built once per schema, with what policies know each dataset of the schema by.
 */
public final class RelationshipGuard {

    private final Map<String, DatasetPolicyTarget> datasetsByNodeType;

    /** @param datasetsByNodeType every dataset of the schema, by its node type name ({@code CrmCustomers}) */
    public RelationshipGuard(Map<String, DatasetPolicyTarget> datasetsByNodeType) {
        this.datasetsByNodeType = Map.copyOf(datasetsByNodeType);
    }

    /**
     * Why the subject of {@code policy} may not follow {@code relationship}: its first key field, owner end first,
     * that the subject may not see as it is; empty when the subject may follow it.
     */
    public Optional<WithheldRelationship> check(RequestPolicy policy, RelationshipBinding relationship) {
        DatasetPolicyTarget owner = dataset(relationship.ownerType());
        String field = owner.label() + "." + relationship.fieldName();
        Optional<WithheldRelationship> ownerEnd = hiddenKey(policy, owner, relationship.ownerFields(), field);
        if (ownerEnd.isPresent()) {
            return ownerEnd;
        }
        return hiddenKey(policy, dataset(relationship.targetType()), relationship.targetFields(), field);
    }

    /** Whether the subject of {@code policy} may not follow {@code relationship}. */
    public boolean withholds(RequestPolicy policy, RelationshipBinding relationship) {
        return check(policy, relationship).isPresent();
    }

    private static Optional<WithheldRelationship> hiddenKey(RequestPolicy policy, DatasetPolicyTarget dataset,
            List<String> keyFields, String relationshipField) {
        DatasetAccess access = policy.access(dataset);
        for (String keyField : keyFields) {
            FieldDecision decision = access.decision(keyField);
            if (!decision.isAllowed()) {
                return Optional.of(new WithheldRelationship(relationshipField, dataset.label() + "." + keyField,
                        decision));
            }
        }
        return Optional.empty();
    }

    private DatasetPolicyTarget dataset(String nodeType) {
        DatasetPolicyTarget dataset = datasetsByNodeType.get(requireNonNull(nodeType, "nodeType is null"));
        if (dataset == null) {
            throw new IllegalStateException("no dataset of node type " + nodeType + " in the schema the relationship"
                    + " guard was built for");
        }
        return dataset;
    }
}

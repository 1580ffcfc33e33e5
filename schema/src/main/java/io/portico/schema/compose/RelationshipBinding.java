package io.portico.schema.compose;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A relationship field of a node type: for each row of the {@code owner} dataset, the rows of the {@code target}
 * dataset whose {@code targetFields} equal the row's {@code ownerFields}. Produced by schema composition from a
 * foreign key declared in a contract, once per direction, only when both ends are in the schema; consumed by the
 * gateway, which resolves the field in batches.
 *
 * <p>For {@code sales.orders.customer_id -> crm.customers.customer_id} composition yields two bindings:
 * {@code SalesOrders.customer} ({@link Cardinality#MANY_TO_ONE}: owner orders, owner field {@code customerId},
 * target customers, target field {@code customerId}) and {@code CrmCustomers.orders}
 * ({@link Cardinality#ONE_TO_MANY}: owner customers, owner field {@code customerId}, target orders, target field
 * {@code customerId}).
 *
 * @param fieldName     the field's name on the owner's node type
 * @param cardinality   {@code MANY_TO_ONE}: a nullable object field (at most one target row);
 *                      {@code ONE_TO_MANY}: a nullable connection field with {@code where}, {@code orderBy},
 *                      {@code first}/{@code after}
 * @param ownerDomain   the owner's domain (root field name)
 * @param ownerDataset  the owner's dataset field name under its domain
 * @param ownerFields   GraphQL names of the owner's fields whose values are the keys, in key order
 * @param targetDomain  the target's domain (root field name)
 * @param targetDataset the target's dataset field name under its domain
 * @param targetFields  GraphQL names of the target's fields matched against the keys, same order as
 *                      {@code ownerFields}
 * @param description   the field's description in the schema
 */
public record RelationshipBinding(
        String fieldName,
        Cardinality cardinality,
        String ownerDomain,
        String ownerDataset,
        List<String> ownerFields,
        String targetDomain,
        String targetDataset,
        List<String> targetFields,
        String description) {

    /** How many target rows one owner row relates to. */
    public enum Cardinality {
        /** At most one: the owner holds the foreign key (or both sides are unique). */
        MANY_TO_ONE,
        /** Any number: the target holds the foreign key. */
        ONE_TO_MANY
    }

    public RelationshipBinding {
        requireNonNull(fieldName, "fieldName is null");
        requireNonNull(cardinality, "cardinality is null");
        requireNonNull(ownerDomain, "ownerDomain is null");
        requireNonNull(ownerDataset, "ownerDataset is null");
        requireNonNull(targetDomain, "targetDomain is null");
        requireNonNull(targetDataset, "targetDataset is null");
        ownerFields = List.copyOf(ownerFields);
        targetFields = List.copyOf(targetFields);
        if (ownerFields.isEmpty() || ownerFields.size() != targetFields.size()) {
            throw new IllegalArgumentException("a relationship needs as many owner as target fields, at least one");
        }
    }

    /** The owner's node type, which holds the field. */
    public String ownerType() {
        return SchemaNames.nodeType(ownerDomain, ownerDataset);
    }

    /** The target's node type. */
    public String targetType() {
        return SchemaNames.nodeType(targetDomain, targetDataset);
    }

    public boolean toMany() {
        return cardinality == Cardinality.ONE_TO_MANY;
    }
}

package io.portico.schema.contract;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A foreign key from fields of one dataset to fields of another, possibly in another domain. Normalized from
 * both ODCS forms: schema-level ({@code from} and {@code to}) and property-level (only {@code to}; {@code from}
 * is the property itself).
 *
 * <p>References are {@code dataset.field} (ODCS shorthand notation). A target in another domain names that
 * domain with the relationship's custom property {@code targetDomain}; without it the target is in the
 * contract's own domain.
 *
 * @param type         the ODCS relationship type; always {@code foreignKey} today
 * @param fromDataset  the dataset holding the foreign key
 * @param fromFields   the foreign-key fields, in key order
 * @param targetDomain the domain of the referenced dataset
 * @param toDataset    the referenced dataset
 * @param toFields     the referenced fields, same length and order as {@code fromFields}
 * @param cardinality  from the custom property {@code cardinality} ({@code many-to-one} by default)
 * @param description  may be null
 */
public record RelationshipContract(
        String type,
        String fromDataset,
        List<String> fromFields,
        String targetDomain,
        String toDataset,
        List<String> toFields,
        String cardinality,
        String description) {

    public RelationshipContract {
        requireNonNull(type, "type is null");
        requireNonNull(fromDataset, "fromDataset is null");
        requireNonNull(targetDomain, "targetDomain is null");
        requireNonNull(toDataset, "toDataset is null");
        requireNonNull(cardinality, "cardinality is null");
        fromFields = List.copyOf(fromFields);
        toFields = List.copyOf(toFields);
        if (fromFields.isEmpty() || fromFields.size() != toFields.size()) {
            throw new IllegalArgumentException("a relationship needs as many 'from' as 'to' fields, at least one");
        }
    }
}

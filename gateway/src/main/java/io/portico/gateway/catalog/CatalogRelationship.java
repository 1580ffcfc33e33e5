package io.portico.gateway.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A foreign key from fields of a dataset of a product to fields of a dataset in the catalog.
 *
 * @param fromDataset  the dataset holding the foreign key
 * @param fromFields   the foreign-key fields
 * @param targetDomain the domain of the referenced dataset
 * @param toDataset    the referenced dataset's name
 * @param toFields     the referenced fields
 * @param cardinality  e.g. {@code many-to-one}
 * @param description  may be null
 * @param targetId     the URN of the referenced dataset; null when dangling
 */
public record CatalogRelationship(
        String fromDataset,
        List<String> fromFields,
        String targetDomain,
        String toDataset,
        List<String> toFields,
        String cardinality,
        String description,
        String targetId) {

    public CatalogRelationship {
        requireNonNull(fromDataset, "fromDataset is null");
        requireNonNull(targetDomain, "targetDomain is null");
        requireNonNull(toDataset, "toDataset is null");
        requireNonNull(cardinality, "cardinality is null");
        fromFields = List.copyOf(fromFields);
        toFields = List.copyOf(toFields);
    }

    /** True when no product of the catalog has the referenced dataset with the referenced fields. */
    public boolean dangling() {
        return targetId == null;
    }

    CatalogRelationship withTarget(String resolvedTargetId) {
        return new CatalogRelationship(fromDataset, fromFields, targetDomain, toDataset, toFields, cardinality,
                description, resolvedTargetId);
    }
}

package io.portico.schema.contract;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One dataset of an output port: an ODCS {@code schema[]} object (a table or view at the port).
 *
 * @param name          logical name, unique in its contract; becomes a GraphQL field name
 * @param physicalName  the table's name at the port; equals {@code name} when the contract does not set it
 * @param description   may be null
 * @param tags          in document order
 * @param fields        the ODCS {@code properties[]}, in document order
 * @param relationships schema-level and property-level relationships of this dataset, normalized
 */
public record DatasetContract(
        String name,
        String physicalName,
        String description,
        List<String> tags,
        List<FieldContract> fields,
        List<RelationshipContract> relationships) {

    public DatasetContract {
        requireNonNull(name, "name is null");
        requireNonNull(physicalName, "physicalName is null");
        tags = List.copyOf(tags);
        fields = List.copyOf(fields);
        relationships = List.copyOf(relationships);
    }

    public Optional<FieldContract> field(String fieldName) {
        return fields.stream().filter(field -> field.name().equals(fieldName)).findFirst();
    }

    /** The primary-key fields ordered by {@code primaryKeyPosition}; empty when the contract declares none. */
    public List<FieldContract> primaryKey() {
        return fields.stream()
                .filter(FieldContract::primaryKey)
                .sorted(Comparator.comparingInt(FieldContract::primaryKeyPosition))
                .toList();
    }
}

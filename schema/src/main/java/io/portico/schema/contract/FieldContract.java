package io.portico.schema.contract;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One field of a dataset: an ODCS {@code properties[]} entry.
 *
 * @param name               logical name; becomes a GraphQL field name
 * @param physicalName       the column's name at the port; equals {@code name} when the contract does not set it
 * @param logicalType        ODCS logical type ({@code string}, {@code integer}, {@code number}, {@code boolean},
 *                           {@code date}, {@code timestamp}, {@code time}, {@code object}, {@code array}); may be null
 * @param physicalType       the type at the port, e.g. {@code DECIMAL(12,2)}; may be null
 * @param required           true when the field may not contain nulls
 * @param primaryKey         true when the field is part of the dataset's primary key
 * @param primaryKeyPosition 1-based position in the primary key, -1 when not part of it
 * @param classification     ODCS data classification, e.g. {@code public}, {@code confidential}, {@code restricted}; may be null
 * @param tags               in document order
 * @param description        may be null
 */
public record FieldContract(
        String name,
        String physicalName,
        String logicalType,
        String physicalType,
        boolean required,
        boolean primaryKey,
        int primaryKeyPosition,
        String classification,
        List<String> tags,
        String description) {

    public FieldContract {
        requireNonNull(name, "name is null");
        requireNonNull(physicalName, "physicalName is null");
        tags = List.copyOf(tags);
    }
}

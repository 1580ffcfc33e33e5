package io.portico.gateway.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One field of a dataset. Its GraphQL type is read from the schema a request runs on
 * ({@link CatalogDataFetchers}), through {@code servedIn}.
 *
 * @param name           its name in the contract
 * @param graphQLName    its name in GraphQL (camelCase of the contract name)
 * @param logicalType    the contract's logical type; may be null
 * @param physicalType   the contract's physical type; may be null
 * @param arrowType      the Arrow type the port reports for it; null when the field is not served
 * @param required       whether the contract promises it is never null
 * @param classification may be null
 * @param tags           the field's tags
 * @param description    may be null
 * @param servedIn       the GraphQL object type that has it as field {@code graphQLName}; null when not served
 */
public record CatalogField(
        String name,
        String graphQLName,
        String logicalType,
        String physicalType,
        String arrowType,
        boolean required,
        String classification,
        List<String> tags,
        String description,
        String servedIn) {

    public CatalogField {
        requireNonNull(name, "name is null");
        requireNonNull(graphQLName, "graphQLName is null");
        tags = List.copyOf(tags);
    }
}

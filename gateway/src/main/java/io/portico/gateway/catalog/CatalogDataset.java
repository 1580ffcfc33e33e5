package io.portico.gateway.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One dataset of a data product.
 *
 * @param id           the dataset's URN ({@link io.portico.schema.compose.Urns#dataset})
 * @param name         its name in the contract
 * @param graphQLField {@code <domain field>.<dataset field>} in the GraphQL schema (e.g. {@code sales.orders});
 *                     null when not served
 * @param graphQLType  the GraphQL type of its rows (e.g. {@code SalesOrders}); null when not served
 * @param description  may be null
 * @param tags         the dataset's tags
 * @param fields       in contract order
 * @param primaryKey   the names of its primary-key fields, in key order
 */
public record CatalogDataset(
        String id,
        String name,
        String graphQLField,
        String graphQLType,
        String description,
        List<String> tags,
        List<CatalogField> fields,
        List<String> primaryKey) {

    public CatalogDataset {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        tags = List.copyOf(tags);
        fields = List.copyOf(fields);
        primaryKey = List.copyOf(primaryKey);
    }

    public Optional<CatalogField> field(String fieldName) {
        return fields.stream().filter(field -> field.name().equals(fieldName)).findFirst();
    }
}

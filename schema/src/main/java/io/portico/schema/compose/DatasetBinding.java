package io.portico.schema.compose;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * How one GraphQL connection field maps onto one table at one output port. Produced by schema composition for
 * every dataset in a registry snapshot; consumed by query planning, which needs nothing else to render SQL.
 *
 * @param portId        the contract id of the port that serves the dataset
 * @param domain        the owning domain (its GraphQL root field name)
 * @param dataset       the dataset's GraphQL field name under its domain
 * @param table         the table's physical name at the port
 * @param sqlDialect    the port's SQL dialect, a jOOQ {@code SQLDialect} name (e.g. {@code DUCKDB})
 * @param fields        every exposed field, in contract order
 * @param keyFields     GraphQL names of the fields that identify a row (the contract's primary key, in key
 *                      order); the planner appends them to every ordering so keyset cursors are stable
 */
public record DatasetBinding(
        String portId,
        String domain,
        String dataset,
        String table,
        String sqlDialect,
        List<FieldBinding> fields,
        List<String> keyFields) {

    public DatasetBinding {
        requireNonNull(portId, "portId is null");
        requireNonNull(domain, "domain is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(table, "table is null");
        requireNonNull(sqlDialect, "sqlDialect is null");
        fields = List.copyOf(fields);
        keyFields = List.copyOf(keyFields);
    }

    public Optional<FieldBinding> field(String graphQLName) {
        return fields.stream().filter(field -> field.graphQLName().equals(graphQLName)).findFirst();
    }
}

package io.portico.flight;

import static java.util.Objects.requireNonNull;

import io.portico.schema.contract.DatasetContract;

/**
 * A dataset of the contract, resolved to the table (or view) that holds it in the port's database.
 *
 * @param dataset   the contract's dataset
 * @param catalog   the table's catalog as the database names it; may be null when the database has no catalogs
 * @param schema    the table's schema as the database names it; may be null when the database has no schemas
 * @param name      the table's name as the database names it
 * @param tableType {@code TABLE} or {@code VIEW}
 */
public record PublishedTable(DatasetContract dataset, String catalog, String schema, String name, String tableType) {

    public PublishedTable {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(name, "name is null");
        requireNonNull(tableType, "tableType is null");
    }
}

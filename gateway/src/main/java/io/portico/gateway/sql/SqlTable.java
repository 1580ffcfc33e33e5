package io.portico.gateway.sql;

import static java.util.Objects.requireNonNull;

import io.portico.schema.compose.DatasetBinding;
import java.util.List;

/**
 * One table as SQL callers see it: {@code schema} is the domain, {@code name} the dataset's contract name.
 *
 * @param schema  the domain, e.g. {@code sales}
 * @param name    the dataset's contract name, e.g. {@code orders}
 * @param binding the dataset a statement over this table reads
 * @param columns the columns a statement may name, in table order ({@code SELECT *} returns them in this order)
 */
public record SqlTable(String schema, String name, DatasetBinding binding, List<SqlColumn> columns) {

    public SqlTable {
        requireNonNull(schema, "schema is null");
        requireNonNull(name, "name is null");
        requireNonNull(binding, "binding is null");
        columns = List.copyOf(columns);
    }

    /** {@code schema.name}, as messages name the table. */
    public String qualifiedName() {
        return schema + "." + name;
    }
}

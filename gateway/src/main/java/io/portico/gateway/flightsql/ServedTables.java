package io.portico.gateway.flightsql;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.read.ServedDataset;
import io.portico.gateway.read.ServedDatasets;
import io.portico.gateway.sql.SqlColumn;
import io.portico.gateway.sql.SqlTable;
import io.portico.gateway.sql.SqlTables;
import io.portico.schema.compose.FieldBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of one served schema as SQL names them: schema = domain, table = the dataset's contract name, columns
 * by their contract names. {@link #table} matches names exactly; {@link io.portico.gateway.sql.SqlStatements}
 * matches unquoted names ignoring case over {@link #tables()}.
 */
final class ServedTables implements SqlTables {

    /** A table and the dataset it reads. */
    record Table(SqlTable sql, ServedDataset dataset) {
    }

    private final ServedDatasets.View view;
    private final Map<String, Table> byName = new LinkedHashMap<>();

    ServedTables(ServedDatasets.View view) {
        this.view = requireNonNull(view, "view is null");
        for (ServedDataset dataset : view.datasets()) {
            List<SqlColumn> columns = new ArrayList<>();
            for (FieldBinding field : dataset.source().binding().fields()) {
                String name = dataset.source().target().contractField(field.graphQLName()).orElse(field.column());
                columns.add(new SqlColumn(name, field));
            }
            Table table = new Table(new SqlTable(dataset.domain(), dataset.name(), dataset.source().binding(),
                    columns), dataset);
            byName.putIfAbsent(key(dataset.domain(), dataset.name()), table);
        }
    }

    ServedDatasets.View view() {
        return view;
    }

    @Override
    public Optional<SqlTable> table(String schema, String name) {
        return entry(schema, name).map(Table::sql);
    }

    @Override
    public List<SqlTable> tables() {
        return byName.values().stream().map(Table::sql).toList();
    }

    /** The table named exactly {@code schema.name}, with the dataset it reads. */
    Optional<Table> entry(String schema, String name) {
        return Optional.ofNullable(byName.get(key(schema, name)));
    }

    /** Every table with its dataset, in schema order. */
    List<Table> entries() {
        return List.copyOf(byName.values());
    }

    private static String key(String schema, String name) {
        return schema + '\u0000' + name;
    }
}

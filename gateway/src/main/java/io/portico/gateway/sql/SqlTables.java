package io.portico.gateway.sql;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The tables a statement may name; the Flight SQL endpoint builds it from the served schema. Names are matched by
 * {@link SqlStatements}: a quoted identifier exactly, an unquoted one ignoring case, which is why {@link #tables()}
 * lists them all (and lets an error name the tables that do exist).
 */
public interface SqlTables {

    /** The table named exactly {@code schema}.{@code name}, if any. */
    Optional<SqlTable> table(String schema, String name);

    /** Every table, in a stable order. */
    List<SqlTable> tables();

    /** The given tables. */
    static SqlTables of(Collection<SqlTable> tables) {
        List<SqlTable> all = List.copyOf(tables);
        return new SqlTables() {
            @Override
            public Optional<SqlTable> table(String schema, String name) {
                return all.stream().filter(table -> table.schema().equals(schema) && table.name().equals(name))
                        .findFirst();
            }

            @Override
            public List<SqlTable> tables() {
                return all;
            }
        };
    }
}

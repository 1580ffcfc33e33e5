package io.portico.gateway.sql;

import java.util.Optional;

/** The tables a statement may name. */
public interface SqlTables {
    Optional<SqlTable> table(String schema, String name);
}

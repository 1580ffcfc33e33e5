package io.portico.gateway.sql;

import java.util.List;

/** Placeholder until the translator lands. */
public final class SqlStatements {
    public SqlStatements(SqlTables tables) {
    }

    public SqlRead read(String sql, List<Object> parameters) {
        throw new UnsupportedOperationException();
    }

    public List<SqlColumn> parameters(String sql) {
        throw new UnsupportedOperationException();
    }
}

package io.portico.flight;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import org.jooq.Name;
import org.jooq.SQLDialect;

/**
 * How a database resolves identifiers, so that a name written in a statement can be compared with the names in the
 * database's catalog the way the database itself would compare them.
 *
 * @param caseInsensitive true when the database matches names regardless of case, quoted or not (DuckDB)
 * @param unquotedCase    how the database folds unquoted names otherwise (quoted names are taken as written)
 */
record IdentifierRules(boolean caseInsensitive, UnquotedCase unquotedCase) {

    enum UnquotedCase { UPPER, LOWER, AS_IS }

    static IdentifierRules of(SQLDialect dialect, DatabaseMetaData metaData) throws SQLException {
        if (dialect.family() == SQLDialect.DUCKDB) {
            return new IdentifierRules(true, UnquotedCase.AS_IS);
        }
        if (metaData.storesUpperCaseIdentifiers()) {
            return new IdentifierRules(false, UnquotedCase.UPPER);
        }
        if (metaData.storesLowerCaseIdentifiers()) {
            return new IdentifierRules(false, UnquotedCase.LOWER);
        }
        return new IdentifierRules(true, UnquotedCase.AS_IS);
    }

    /** The catalog form of one name part as written in a statement. */
    String normalize(Name part) {
        String written = part.last();
        if (caseInsensitive || part.quoted() == Name.Quoted.QUOTED) {
            return written;
        }
        return switch (unquotedCase) {
            case UPPER -> written.toUpperCase(Locale.ROOT);
            case LOWER -> written.toLowerCase(Locale.ROOT);
            case AS_IS -> written;
        };
    }

    /** Whether a normalized name denotes the catalog name {@code actual}. */
    boolean same(String normalized, String actual) {
        if (normalized == null || actual == null) {
            return false;
        }
        return caseInsensitive ? normalized.equalsIgnoreCase(actual) : normalized.equals(actual);
    }
}

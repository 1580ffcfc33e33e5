package io.portico.gateway.sql;

import static io.portico.gateway.sql.SqlErrors.badInput;
import static io.portico.gateway.sql.SqlErrors.quote;
import static io.portico.gateway.sql.SqlErrors.unsupported;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.QOM;
import org.jooq.impl.TableImpl;

/**
 * The one table a statement reads ({@code FROM <domain>.<table> [alias]}) and the names that refer to its columns.
 * An unquoted identifier matches ignoring case, a quoted one exactly. A column may be qualified by the alias, or
 * without an alias by the table's name ({@code orders.id}, {@code sales.orders.id}); the catalog, when named, is
 * {@value #CATALOG}.
 */
final class SqlScope implements ColumnScope {

    /** The catalog the Flight SQL endpoint serves. */
    static final String CATALOG = "portico";

    private static final String ONE_TABLE = "a statement reads one table: SELECT ... FROM <domain>.<table> [alias]";

    private final SqlTable table;
    private final Name alias;

    /** The scope of {@code table} read as {@code alias} (null without one). */
    SqlScope(SqlTable table, Name alias) {
        this.table = table;
        this.alias = alias;
    }

    /** The scope of {@code select}'s {@code FROM}, resolved against {@code tables}. */
    static SqlScope of(Select<?> select, SqlTables tables) {
        List<? extends Table<?>> from = select.$from();
        if (from.isEmpty()) {
            throw unsupported("a SELECT without FROM", ONE_TABLE);
        }
        if (from.size() > 1) {
            throw unsupported("FROM a, b (several tables in FROM)", "join tables of one port with"
                    + " FROM <domain>.<a> x JOIN <domain>.<b> y ON x.<col> = y.<col>");
        }
        if (from.getFirst() instanceof QOM.JoinTable<?, ?>) {
            throw new IllegalStateException("a join is read by JoinScope");
        }
        Table<?> source = from.getFirst();
        Name alias = null;
        if (source instanceof QOM.TableAlias<?> aliased) {
            alias = aliased.$alias();
            source = aliased.$table();
        }
        if (!(source instanceof TableImpl<?>) || source instanceof QOM.DerivedTable<?>) {
            throw unsupported("reading from " + quote(source), ONE_TABLE);
        }
        return new SqlScope(table(source.getQualifiedName(), tables), alias);
    }

    SqlTable table() {
        return table;
    }

    @Override
    public Resolved resolve(TableField<?, ?> reference) {
        SqlColumn column = column(reference);
        return new Resolved(column, column.field().graphQLName());
    }

    /** The column a reference such as {@code o.total_amount} names. */
    SqlColumn column(TableField<?, ?> reference) {
        Name[] parts = reference.getQualifiedName().parts();
        Name name = parts[parts.length - 1];
        checkQualifier(Arrays.copyOf(parts, parts.length - 1), reference);
        return column(name).orElseThrow(() -> badInput(table.qualifiedName() + " has no column " + display(name)
                + "; its columns: " + SqlErrors.list(table.columns().stream().map(SqlColumn::name).toList())));
    }

    /** The column an unqualified {@code name} matches, if any. */
    Optional<SqlColumn> column(Name name) {
        return unique(table.columns(), SqlColumn::name, name, "column");
    }

    /** Whether {@code name} (an unqualified identifier) matches {@code actual}. */
    static boolean matches(Name name, String actual) {
        String written = name.last();
        return name.quoted() == Name.Quoted.QUOTED ? written.equals(actual) : written.equalsIgnoreCase(actual);
    }

    /** Whether a {@code t.*} qualifier names this statement's table. */
    void checkAsteriskQualifier(Name qualifier) {
        checkQualifier(qualifier.parts(), qualifier + ".*");
    }

    /**
     * Whether {@code qualifier} names this table: its alias when it has one, else its name ({@code orders},
     * {@code sales.orders}, {@code portico.sales.orders}).
     */
    boolean isNamedBy(Name[] qualifier) {
        return alias != null
                ? qualifier.length == 1 && matches(qualifier[0], alias.last())
                : qualifiesTable(qualifier);
    }

    /** The name columns are qualified with: the alias, else the table's name. */
    String qualifierName() {
        return alias != null ? alias.last() : table.name();
    }

    private void checkQualifier(Name[] qualifier, Object reference) {
        if (qualifier.length == 0) {
            return;
        }
        if (!isNamedBy(qualifier)) {
            throw badInput(quote(reference) + " is qualified by " + displayAll(qualifier) + ", but the statement reads "
                    + table.qualifiedName() + (alias == null ? "" : " as " + alias.last()));
        }
    }

    private boolean qualifiesTable(Name[] qualifier) {
        int length = qualifier.length;
        if (length > 3 || !matches(qualifier[length - 1], table.name())) {
            return false;
        }
        return (length < 2 || matches(qualifier[length - 2], table.schema()))
                && (length < 3 || matches(qualifier[0], CATALOG));
    }

    static SqlTable table(Name reference, SqlTables tables) {
        Name[] parts = reference.parts();
        if (parts.length == 1) {
            throw badInput("name the table with its domain: FROM <domain>." + display(parts[0]) + " (tables: "
                    + tableNames(tables) + ")");
        }
        if (parts.length > 3 || parts.length == 3 && !matches(parts[0], CATALOG)) {
            throw badInput("no table " + displayAll(parts) + "; tables are named <domain>.<table> (catalog "
                    + CATALOG + "): " + tableNames(tables));
        }
        Name schema = parts[parts.length - 2];
        Name name = parts[parts.length - 1];
        Optional<SqlTable> exact = tables.table(schema.last(), name.last());
        if (exact.isPresent()) {
            return exact.get();
        }
        List<SqlTable> inSchema = tables.tables().stream().filter(table -> matches(schema, table.schema())).toList();
        if (inSchema.isEmpty()) {
            throw badInput("no schema " + display(schema) + "; schemas (domains): " + SqlErrors.list(
                    tables.tables().stream().map(SqlTable::schema).distinct().toList()));
        }
        return unique(inSchema, SqlTable::name, name, "table").orElseThrow(() -> badInput("no table "
                + display(schema) + "." + display(name) + "; tables in " + inSchema.getFirst().schema() + ": "
                + SqlErrors.list(inSchema.stream().map(SqlTable::name).toList())));
    }

    /** The one candidate whose name {@code name} matches: the exact spelling first, else the only one ignoring case. */
    private static <T> Optional<T> unique(List<T> candidates, Function<T, String> naming, Name name, String kind) {
        List<T> matching = candidates.stream().filter(candidate -> matches(name, naming.apply(candidate))).toList();
        if (matching.size() <= 1) {
            return matching.stream().findFirst();
        }
        List<T> exact = matching.stream().filter(candidate -> naming.apply(candidate).equals(name.last())).toList();
        if (exact.size() == 1) {
            return Optional.of(exact.getFirst());
        }
        throw badInput(kind + " name " + name.last() + " is ambiguous (" + SqlErrors.list(
                matching.stream().map(naming).toList()) + "); quote it to match its exact case");
    }

    private static String tableNames(SqlTables tables) {
        return SqlErrors.list(tables.tables().stream().map(SqlTable::qualifiedName).toList());
    }

    static String display(Name name) {
        return name.last();
    }

    static String displayAll(Name[] names) {
        return String.join(".", Arrays.stream(names).map(Name::last).toList());
    }
}

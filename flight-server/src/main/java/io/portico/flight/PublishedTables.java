package io.portico.flight;

import static java.util.Objects.requireNonNull;

import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The tables a port serves: exactly the contract's datasets, resolved once against the database's catalog at start.
 * Decides whether a table name written in a statement denotes one of them, the way the database would resolve it:
 * an unqualified name resolves in the connection's default catalog and schema.
 */
final class PublishedTables {

    private final List<PublishedTable> tables;
    private final IdentifierRules rules;
    private final String defaultCatalog;
    private final String defaultSchema;

    private PublishedTables(List<PublishedTable> tables, IdentifierRules rules, String defaultCatalog, String defaultSchema) {
        this.tables = List.copyOf(tables);
        this.rules = requireNonNull(rules, "rules is null");
        this.defaultCatalog = defaultCatalog;
        this.defaultSchema = defaultSchema;
    }

    /**
     * Finds every dataset of the contract in the database.
     *
     * @throws PorticoException {@link ErrorCode#INVALID_CONTRACT} when a dataset's table does not exist
     */
    static PublishedTables resolve(OutputPortContract contract, Connection connection, SQLDialect dialect) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        IdentifierRules rules = IdentifierRules.of(dialect, metaData);
        String defaultCatalog = connection.getCatalog();
        String defaultSchema = connection.getSchema();
        List<CatalogTable> catalogTables = listTables(metaData);
        PublishedTables lookup = new PublishedTables(List.of(), rules, defaultCatalog, defaultSchema);
        List<PublishedTable> published = new ArrayList<>();
        for (DatasetContract dataset : contract.datasets()) {
            Name physicalName = DSL.using(dialect).parser().parseName(dataset.physicalName());
            List<CatalogTable> matches = lookup.matching(physicalName, catalogTables, table -> table);
            if (matches.size() != 1) {
                String problem = matches.isEmpty() ? "does not exist" : "is ambiguous (" + matches.size() + " tables match)";
                throw new PorticoException(ErrorCode.INVALID_CONTRACT, "dataset '" + dataset.name() + "' of contract "
                        + contract.id() + ": table '" + dataset.physicalName() + "' " + problem + " in the port's database"
                        + " (default catalog " + defaultCatalog + ", schema " + defaultSchema + ")");
            }
            CatalogTable table = matches.getFirst();
            published.add(new PublishedTable(dataset, table.catalog(), table.schema(), table.name(), table.tableType()));
        }
        return new PublishedTables(published, rules, defaultCatalog, defaultSchema);
    }

    /** A table or view as the database's catalog lists it. */
    private record CatalogTable(String catalog, String schema, String name, String tableType) {
    }

    private static List<CatalogTable> listTables(DatabaseMetaData metaData) throws SQLException {
        List<CatalogTable> tables = new ArrayList<>();
        try (ResultSet rows = metaData.getTables(null, null, "%", null)) {
            while (rows.next()) {
                tables.add(new CatalogTable(rows.getString("TABLE_CAT"), rows.getString("TABLE_SCHEM"),
                        rows.getString("TABLE_NAME"), tableType(rows.getString("TABLE_TYPE"))));
            }
        }
        return tables;
    }

    private static String tableType(String jdbcType) {
        String type = jdbcType == null ? "" : jdbcType.toUpperCase(Locale.ROOT);
        return type.contains("VIEW") ? "VIEW" : "TABLE";
    }

    List<PublishedTable> tables() {
        return tables;
    }

    IdentifierRules rules() {
        return rules;
    }

    /** The published table a name written in a statement (1 to 3 parts) denotes, if any. */
    Optional<PublishedTable> find(Name reference) {
        List<PublishedTable> matches = matching(reference, tables,
                table -> new CatalogTable(table.catalog(), table.schema(), table.name(), table.tableType()));
        return matches.size() == 1 ? Optional.of(matches.getFirst()) : Optional.empty();
    }

    private <T> List<T> matching(Name reference, List<T> candidates, Function<T, CatalogTable> catalogTable) {
        Name[] parts = reference.parts();
        if (parts.length == 0 || parts.length > 3) {
            return List.of();
        }
        String name = rules.normalize(parts[parts.length - 1]);
        String schema = parts.length >= 2 ? rules.normalize(parts[parts.length - 2]) : null;
        String catalog = parts.length == 3 ? rules.normalize(parts[0]) : null;
        List<T> matches = new ArrayList<>();
        for (T candidate : candidates) {
            CatalogTable table = catalogTable.apply(candidate);
            if (!rules.same(name, table.name())) {
                continue;
            }
            if (!sameOrDefault(schema, defaultSchema, table.schema())) {
                continue;
            }
            if (!sameOrDefault(catalog, defaultCatalog, table.catalog())) {
                continue;
            }
            matches.add(candidate);
        }
        return matches;
    }

    private boolean sameOrDefault(String written, String defaultName, String actual) {
        if (actual == null) {
            return written == null;
        }
        return rules.same(written == null ? defaultName : written, actual);
    }

    /** The physical names of the published datasets, for messages. */
    String describe() {
        return String.join(", ", tables.stream().map(table -> table.dataset().physicalName()).toList());
    }
}

package io.portico.flight;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.portico.schema.contract.FieldContract;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The port's catalog as Flight SQL clients see it: only the published tables, their catalogs and schemas, table
 * types, primary keys from the contract, and each table's live Arrow schema (types from the database, nullability
 * from the database's catalog).
 */
final class PortCatalog {

    static final List<String> TABLE_TYPES = List.of("TABLE", "VIEW");

    private final PublishedTables published;
    private final SQLDialect dialect;
    private final BufferAllocator allocator;

    PortCatalog(PublishedTables published, SQLDialect dialect, BufferAllocator allocator) {
        this.published = requireNonNull(published, "published is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    void fillCatalogs(VectorSchemaRoot root) {
        TreeSet<String> catalogs = new TreeSet<>();
        for (PublishedTable table : published.tables()) {
            if (table.catalog() != null) {
                catalogs.add(table.catalog());
            }
        }
        int row = 0;
        for (String catalog : catalogs) {
            setString(root, "catalog_name", row++, catalog);
        }
        root.setRowCount(row);
    }

    void fillSchemas(CommandGetDbSchemas command, VectorSchemaRoot root) {
        TreeSet<List<String>> schemas = new TreeSet<>(PortCatalog::compareNullsFirst);
        for (PublishedTable table : published.tables()) {
            if (command.hasCatalog() && !command.getCatalog().equals(Objects.toString(table.catalog(), ""))) {
                continue;
            }
            if (command.hasDbSchemaFilterPattern() && !matches(command.getDbSchemaFilterPattern(), table.schema())) {
                continue;
            }
            schemas.add(java.util.Arrays.asList(table.catalog(), table.schema()));
        }
        int row = 0;
        for (List<String> schema : schemas) {
            setString(root, "catalog_name", row, schema.get(0));
            setString(root, "db_schema_name", row, schema.get(1));
            row++;
        }
        root.setRowCount(row);
    }

    List<PublishedTable> tables(CommandGetTables command) {
        List<PublishedTable> tables = new ArrayList<>();
        for (PublishedTable table : published.tables()) {
            if (command.hasCatalog() && !command.getCatalog().equals(Objects.toString(table.catalog(), ""))) {
                continue;
            }
            if (command.hasDbSchemaFilterPattern() && !matches(command.getDbSchemaFilterPattern(), table.schema())) {
                continue;
            }
            if (command.hasTableNameFilterPattern() && !matches(command.getTableNameFilterPattern(), table.name())) {
                continue;
            }
            if (command.getTableTypesCount() > 0 && !command.getTableTypesList().contains(table.tableType())) {
                continue;
            }
            tables.add(table);
        }
        tables.sort((left, right) -> compareNullsFirst(
                java.util.Arrays.asList(left.catalog(), left.schema(), left.name()),
                java.util.Arrays.asList(right.catalog(), right.schema(), right.name())));
        return tables;
    }

    void fillTables(CommandGetTables command, Connection connection, VectorSchemaRoot root) throws Exception {
        int row = 0;
        for (PublishedTable table : tables(command)) {
            setString(root, "catalog_name", row, table.catalog());
            setString(root, "db_schema_name", row, table.schema());
            setString(root, "table_name", row, table.name());
            setString(root, "table_type", row, table.tableType());
            if (command.getIncludeSchema()) {
                byte[] schema = liveSchema(connection, table).serializeAsMessage();
                ((VarBinaryVector) root.getVector("table_schema")).setSafe(row, schema);
            }
            row++;
        }
        root.setRowCount(row);
    }

    void fillTableTypes(VectorSchemaRoot root) {
        int row = 0;
        for (String type : TABLE_TYPES) {
            setString(root, "table_type", row++, type);
        }
        root.setRowCount(row);
    }

    void fillPrimaryKeys(CommandGetPrimaryKeys command, VectorSchemaRoot root) {
        int row = 0;
        for (PublishedTable table : published.tables()) {
            if (!table.name().equals(command.getTable())
                    || (command.hasCatalog() && !command.getCatalog().equals(Objects.toString(table.catalog(), "")))
                    || (command.hasDbSchema() && !command.getDbSchema().equals(Objects.toString(table.schema(), "")))) {
                continue;
            }
            List<FieldContract> key = table.dataset().primaryKey();
            for (int position = 0; position < key.size(); position++) {
                setString(root, "catalog_name", row, table.catalog());
                setString(root, "db_schema_name", row, table.schema());
                setString(root, "table_name", row, table.name());
                setString(root, "column_name", row, key.get(position).physicalName());
                setString(root, "key_name", row, null);
                ((IntVector) root.getVector("key_sequence")).setSafe(row, position + 1);
                row++;
            }
        }
        root.setRowCount(row);
    }

    /**
     * The Arrow schema a {@code SELECT *} over the table streams, with each column's nullability as the database
     * declares it ({@code NOT NULL} columns are non-nullable fields). On DuckDB the types come from DuckDB's own Arrow
     * export of an empty result, so nested columns ({@code LIST}, {@code STRUCT}, {@code MAP}) keep their structure;
     * elsewhere from the JDBC metadata of the prepared query.
     */
    Schema liveSchema(Connection connection, PublishedTable table) throws Exception {
        Name name = table.schema() == null ? DSL.name(table.name()) : DSL.name(table.schema(), table.name());
        Schema schema = connection.isWrapperFor(DuckDBConnection.class)
                ? exportedSchema(connection, DSL.using(dialect).renderInlined(DSL.selectFrom(DSL.table(name)).limit(0)))
                : describedSchema(connection, DSL.using(dialect).render(DSL.selectFrom(DSL.table(name))));
        return JdbcArrowTypes.withNullability(schema, nullability(connection.getMetaData(), table));
    }

    private Schema exportedSchema(Connection connection, String emptySelect) throws Exception {
        try (BufferAllocator schemaAllocator = allocator.newChildAllocator("live-schema", 0, Long.MAX_VALUE);
             PreparedStatement statement = connection.prepareStatement(emptySelect);
             ResultSet rows = statement.executeQuery();
             ArrowReader reader = (ArrowReader) rows.unwrap(DuckDBResultSet.class).arrowExportStream(schemaAllocator, 1)) {
            return reader.getVectorSchemaRoot().getSchema();
        }
    }

    private static Schema describedSchema(Connection connection, String selectAll) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(selectAll)) {
            ResultSetMetaData metaData = statement.getMetaData();
            return JdbcArrowTypes.resultSchema(metaData);
        }
    }

    private static Map<String, Boolean> nullability(DatabaseMetaData metaData, PublishedTable table) throws SQLException {
        Map<String, Boolean> nullable = new HashMap<>();
        try (ResultSet columns = metaData.getColumns(table.catalog(), table.schema(), table.name(), "%")) {
            while (columns.next()) {
                if (!table.name().equals(columns.getString("TABLE_NAME"))
                        || !Objects.equals(table.schema(), columns.getString("TABLE_SCHEM"))) {
                    continue;
                }
                nullable.put(columns.getString("COLUMN_NAME"), !"NO".equals(columns.getString("IS_NULLABLE")));
            }
        }
        return nullable;
    }

    private static void setString(VectorSchemaRoot root, String column, int row, String value) {
        VarCharVector vector = (VarCharVector) root.getVector(column);
        if (value == null) {
            vector.setNull(row);
            return;
        }
        vector.setSafe(row, value.getBytes(UTF_8));
    }

    /** Whether {@code value} matches a Flight SQL / JDBC name pattern ({@link NamePattern}). */
    static boolean matches(String pattern, String value) {
        return NamePattern.matches(pattern, value);
    }

    private static int compareNullsFirst(List<String> left, List<String> right) {
        for (int index = 0; index < left.size(); index++) {
            String a = left.get(index);
            String b = right.get(index);
            if (Objects.equals(a, b)) {
                continue;
            }
            if (a == null) {
                return -1;
            }
            if (b == null) {
                return 1;
            }
            return a.compareTo(b);
        }
        return 0;
    }
}

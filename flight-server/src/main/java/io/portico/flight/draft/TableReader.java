package io.portico.flight.draft;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads tables through JDBC metadata into {@link DraftTable}s: columns with types and nullability, primary keys and
 * single-column foreign keys as the database declares them, and a classification suggestion per column from its
 * name and a sample of its values ({@link #SAMPLE_ROWS} rows).
 */
public final class TableReader {

    /** How many rows are sampled per table for the classification suggestions. */
    static final int SAMPLE_ROWS = 100;
    private static final Set<String> SYSTEM_SCHEMAS =
            Set.of("information_schema", "pg_catalog", "pg_toast", "sys", "INFORMATION_SCHEMA");

    private final PersonalDataClassifier classifier = new PersonalDataClassifier();

    /**
     * The user tables and views of {@code connection} (system schemas left out), or only {@code onlyTable} when
     * given, sorted by name.
     *
     * @throws IllegalArgumentException when {@code onlyTable} does not exist, or there is no table at all
     */
    public List<DraftTable> read(Connection connection, String onlyTable) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        List<TableName> names = tables(metaData);
        if (onlyTable != null) {
            names = names.stream().filter(name -> name.table().equalsIgnoreCase(onlyTable)
                    || name.qualified().equalsIgnoreCase(onlyTable)).toList();
            if (names.isEmpty()) {
                throw new IllegalArgumentException("no table '" + onlyTable + "' in the source");
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("the source holds no table");
        }
        List<DraftTable> tables = new ArrayList<>();
        for (TableName name : names) {
            tables.add(read(connection, metaData, name));
        }
        return tables;
    }

    private record TableName(String catalog, String schema, String table, boolean defaultSchema) {
        String qualified() {
            return schema == null ? table : schema + "." + table;
        }

        /** How the port names it in SQL: bare in the connection's schema, qualified elsewhere. */
        String physicalName() {
            return defaultSchema ? table : qualified();
        }
    }

    private static List<TableName> tables(DatabaseMetaData metaData) throws SQLException {
        String defaultSchema = metaData.getConnection().getSchema();
        String catalog = metaData.getConnection().getCatalog();
        List<TableName> names = new ArrayList<>();
        try (ResultSet rows = metaData.getTables(catalog, null, "%", new String[] {"TABLE", "VIEW", "BASE TABLE"})) {
            while (rows.next()) {
                String schema = rows.getString("TABLE_SCHEM");
                if (schema != null && SYSTEM_SCHEMAS.contains(schema)) {
                    continue;
                }
                boolean inDefault = schema == null || schema.equalsIgnoreCase(defaultSchema);
                names.add(new TableName(rows.getString("TABLE_CAT"), schema, rows.getString("TABLE_NAME"), inDefault));
            }
        }
        names.sort((left, right) -> left.qualified().compareTo(right.qualified()));
        return names;
    }

    private DraftTable read(Connection connection, DatabaseMetaData metaData, TableName name) throws SQLException {
        Map<String, Integer> primaryKey = primaryKey(metaData, name);
        List<DraftTable.ForeignKey> foreignKeys = foreignKeys(metaData, name);
        List<ColumnShape> shapes = new ArrayList<>();
        try (ResultSet rows = metaData.getColumns(name.catalog(), name.schema(), name.table(), "%")) {
            while (rows.next()) {
                int sqlType = rows.getInt("DATA_TYPE");
                String typeName = rows.getString("TYPE_NAME");
                shapes.add(new ColumnShape(rows.getString("COLUMN_NAME"),
                        LogicalTypes.physical(sqlType, typeName, rows.getInt("COLUMN_SIZE"), rows.getInt("DECIMAL_DIGITS")),
                        LogicalTypes.of(sqlType, typeName),
                        rows.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls));
            }
        }
        Map<String, List<String>> samples = sample(connection, name, shapes);
        List<DraftTable.Column> columns = new ArrayList<>();
        for (ColumnShape shape : shapes) {
            columns.add(new DraftTable.Column(shape.name(), shape.physicalType(), shape.logicalType(),
                    shape.required() || primaryKey.containsKey(shape.name()),
                    primaryKey.getOrDefault(shape.name(), 0),
                    classifier.classify(shape.name(), shape.logicalType(), samples.getOrDefault(shape.name(), List.of()))
                            .orElse(null)));
        }
        return new DraftTable(Identifiers.of(name.table()), name.physicalName(), columns, foreignKeys);
    }

    private record ColumnShape(String name, String physicalType, String logicalType, boolean required) {
    }

    private static Map<String, Integer> primaryKey(DatabaseMetaData metaData, TableName name) {
        Map<String, Integer> positions = new HashMap<>();
        try (ResultSet rows = metaData.getPrimaryKeys(name.catalog(), name.schema(), name.table())) {
            while (rows.next()) {
                positions.put(rows.getString("COLUMN_NAME"), rows.getInt("KEY_SEQ"));
            }
        } catch (SQLException e) {
            return Map.of(); // views and drivers without key metadata: no primary key to draft
        }
        return positions;
    }

    /** Single-column foreign keys (a composite key is left for the team to write by hand). */
    private static List<DraftTable.ForeignKey> foreignKeys(DatabaseMetaData metaData, TableName name) {
        Map<String, List<String[]>> byKey = new LinkedHashMap<>();
        try (ResultSet rows = metaData.getImportedKeys(name.catalog(), name.schema(), name.table())) {
            while (rows.next()) {
                String key = rows.getString("PKTABLE_NAME") + "/" + rows.getString("FK_NAME");
                byKey.computeIfAbsent(key, ignored -> new ArrayList<>()).add(new String[] {
                        rows.getString("FKCOLUMN_NAME"), rows.getString("PKTABLE_NAME"), rows.getString("PKCOLUMN_NAME")});
            }
        } catch (SQLException e) {
            return List.of();
        }
        List<DraftTable.ForeignKey> keys = new ArrayList<>();
        for (List<String[]> columns : byKey.values()) {
            if (columns.size() == 1) {
                String[] column = columns.getFirst();
                keys.add(new DraftTable.ForeignKey(column[0], Identifiers.of(column[1]), column[2]));
            }
        }
        return keys;
    }

    /** The string values of the first {@link #SAMPLE_ROWS} rows, per column of a text type. */
    private static Map<String, List<String>> sample(Connection connection, TableName name, List<ColumnShape> shapes)
            throws SQLException {
        Map<String, List<String>> samples = new HashMap<>();
        List<String> textColumns = shapes.stream().filter(shape -> shape.logicalType().equals("string"))
                .map(ColumnShape::name).toList();
        if (textColumns.isEmpty()) {
            return samples;
        }
        String quote = connection.getMetaData().getIdentifierQuoteString().strip();
        String select = "SELECT " + String.join(", ", textColumns.stream().map(column -> quoted(quote, column)).toList())
                + " FROM " + (name.schema() == null ? "" : quoted(quote, name.schema()) + ".")
                + quoted(quote, name.table());
        try (Statement statement = connection.createStatement()) {
            statement.setMaxRows(SAMPLE_ROWS);
            try (ResultSet rows = statement.executeQuery(select)) {
                while (rows.next()) {
                    for (int index = 0; index < textColumns.size(); index++) {
                        samples.computeIfAbsent(textColumns.get(index), ignored -> new ArrayList<>())
                                .add(rows.getString(index + 1));
                    }
                }
            }
        }
        return samples;
    }

    private static String quoted(String quote, String identifier) {
        if (quote.isEmpty()) {
            return identifier;
        }
        return quote + identifier.replace(quote, quote + quote) + quote;
    }

}

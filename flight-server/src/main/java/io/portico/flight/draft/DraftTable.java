package io.portico.flight.draft;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A table as read from its source, the material of a draft contract.
 *
 * @param name        the dataset name (the table's name)
 * @param physicalName the name the port queries the table by
 * @param columns     the columns in table order
 * @param foreignKeys the foreign keys the database declares
 */
public record DraftTable(String name, String physicalName, List<Column> columns, List<ForeignKey> foreignKeys) {

    public DraftTable {
        requireNonNull(name, "name is null");
        requireNonNull(physicalName, "physicalName is null");
        columns = List.copyOf(columns);
        foreignKeys = List.copyOf(foreignKeys);
    }

    /**
     * One column.
     *
     * @param name               its name
     * @param physicalType       the database's type name ({@code BIGINT}, {@code DECIMAL(10,2)}, {@code VARCHAR})
     * @param logicalType        the ODCS logical type
     * @param required           whether the database refuses nulls in it
     * @param primaryKeyPosition its position in the primary key (1-based), 0 when not part of it
     * @param suggestion         a suggested classification for what looks like personal data, or null
     */
    public record Column(String name, String physicalType, String logicalType, boolean required,
                         int primaryKeyPosition, ClassificationSuggestion suggestion) {
        public Column {
            requireNonNull(name, "name is null");
            requireNonNull(physicalType, "physicalType is null");
            requireNonNull(logicalType, "logicalType is null");
        }

        public Optional<ClassificationSuggestion> suggested() {
            return Optional.ofNullable(suggestion);
        }
    }

    /** A single-column foreign key: {@code column} references {@code targetTable.targetColumn}. */
    public record ForeignKey(String column, String targetTable, String targetColumn) {
        public ForeignKey {
            requireNonNull(column, "column is null");
            requireNonNull(targetTable, "targetTable is null");
            requireNonNull(targetColumn, "targetColumn is null");
        }
    }

    /** The column named {@code name}. */
    public Optional<Column> column(String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }
}

package io.portico.gateway.port;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The rows a port returned, read out of their Arrow batches column by column: one array of values per column,
 * no object per row. Values are what the column's {@link io.portico.schema.types.ColumnReader} returns (the Java
 * value its GraphQL scalar serializes; null for a null slot). Holds no Arrow memory: every batch was closed once
 * read.
 */
public final class ColumnarResult {

    private final List<Field> fields;
    private final Object[][] columns;
    private final Object[][] unmasked;
    private final int rowCount;

    ColumnarResult(List<Field> fields, Object[][] columns, int rowCount) {
        this(fields, columns, new Object[columns.length][], rowCount);
    }

    /** @param unmasked per column, its unmasked values when it was masked and kept for cursors, else null */
    ColumnarResult(List<Field> fields, Object[][] columns, Object[][] unmasked, int rowCount) {
        this.fields = List.copyOf(requireNonNull(fields, "fields is null"));
        this.columns = requireNonNull(columns, "columns is null");
        this.unmasked = requireNonNull(unmasked, "unmasked is null");
        this.rowCount = rowCount;
        if (fields.size() != columns.length) {
            throw new IllegalArgumentException(fields.size() + " fields but " + columns.length + " columns");
        }
    }

    /** A result without columns or rows. */
    public static ColumnarResult empty() {
        return new ColumnarResult(List.of(), new Object[0][], 0);
    }

    public int rowCount() {
        return rowCount;
    }

    public int columnCount() {
        return columns.length;
    }

    /** The columns as the port described them in its result stream, in SELECT order. */
    public List<Field> fields() {
        return fields;
    }

    public Object value(int column, int row) {
        if (row >= rowCount) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rowCount);
        }
        return columns[column][row];
    }

    /**
     * The value a cursor is made of: the unmasked value of a masked column kept for cursors
     * ({@link ColumnMasks#keepUnmasked()}), else {@link #value}. Never shown to a client as it is.
     */
    public Object cursorValue(int column, int row) {
        Object[] kept = unmasked[column];
        return kept == null ? value(column, row) : kept[row];
    }

    /**
     * The values of one column, indexed by row; the array may be longer than {@link #rowCount()} and must not be
     * modified. For readers on the hot path that index rows themselves.
     */
    public Object[] column(int column) {
        return columns[column];
    }

    /** The column values of one row, for tests and diagnostics. */
    public List<Object> row(int row) {
        Object[] values = new Object[columns.length];
        for (int column = 0; column < columns.length; column++) {
            values[column] = value(column, row);
        }
        return Arrays.asList(values);
    }
}

package io.portico.gateway.graphql;

import static java.util.Objects.requireNonNull;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.Set;

/**
 * The completed value of a {@code nodes} or {@code edges} field in columnar form: what graphql-java would have
 * built as one map per row, kept as one array of completed values per selected field. {@link ColumnarExecutionStrategy}
 * puts it into the execution result in place of that list.
 *
 * <p>It is a correct, read-only {@code List<Map<String, Object>>}: row {@code i} is a map from response keys (aliases
 * included) to completed values, in selection order, equal to the map graphql-java would have built. So anything
 * that reads the execution result as maps and lists (JSON data binding, test utilities) sees the same data. The
 * gateway's JSON writer instead reads {@link #columns()} and streams each row straight from the arrays.
 *
 * <p>Values are already completed: serialized scalars (what the scalar's {@code Coercing.serialize} answered:
 * {@code Long}, {@code Integer}, {@code Double}, {@code Boolean}, {@code String}, ...), enum names, lists of them,
 * or null.
 */
public final class ColumnarRows extends AbstractList<Map<String, Object>> implements RandomAccess {

    /** One selected field of every row, under its response key. */
    public sealed interface Column {

        /** The response key: the field's alias, or its name. */
        String key();
    }

    /**
     * A leaf field: its completed value in each row.
     *
     * @param values the completed value of row {@code i} at index {@code i}; never modified once built
     */
    public record LeafColumn(String key, Object[] values) implements Column {

        public LeafColumn {
            requireNonNull(key, "key is null");
            requireNonNull(values, "values is null");
        }
    }

    /** A field with the same completed value in every row, such as {@code __typename}. */
    public record ConstantColumn(String key, Object value) implements Column {

        public ConstantColumn {
            requireNonNull(key, "key is null");
        }
    }

    /** An object field (an edge's {@code node}): row {@code i}'s object is row {@code i} of {@code rows}. */
    public record ObjectColumn(String key, ColumnarRows rows) implements Column {

        public ObjectColumn {
            requireNonNull(key, "key is null");
            requireNonNull(rows, "rows is null");
        }
    }

    private final int size;
    private final List<Column> columns;

    /**
     * @param size    the number of rows
     * @param columns the selected fields in response order; leaf columns hold at least {@code size} values and
     *                object columns exactly {@code size} rows
     */
    ColumnarRows(int size, List<Column> columns) {
        this.size = size;
        this.columns = List.copyOf(columns);
        for (Column column : this.columns) {
            boolean fits = switch (column) {
                case LeafColumn leaf -> leaf.values().length >= size;
                case ObjectColumn object -> object.rows().size() == size;
                case ConstantColumn constant -> true;
            };
            if (!fits) {
                throw new IllegalArgumentException("column '" + column.key() + "' does not have " + size + " rows");
            }
        }
    }

    /** The selected fields, in the order graphql-java would have put them in each row's map. */
    public List<Column> columns() {
        return columns;
    }

    @Override
    public int size() {
        return size;
    }

    /** Row {@code index} as graphql-java's map would hold it; a read-only view. */
    @Override
    public Map<String, Object> get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return new RowView(index);
    }

    private Object value(Column column, int row) {
        return switch (column) {
            case LeafColumn leaf -> leaf.values()[row];
            case ConstantColumn constant -> constant.value();
            case ObjectColumn object -> object.rows().get(row);
        };
    }

    private Column column(Object key) {
        for (Column column : columns) {
            if (column.key().equals(key)) {
                return column;
            }
        }
        return null;
    }

    /** One row as a map, reading the columns on each access. */
    private final class RowView extends AbstractMap<String, Object> {

        private final int row;

        RowView(int row) {
            this.row = row;
        }

        @Override
        public Object get(Object key) {
            Column column = column(key);
            return column == null ? null : value(column, row);
        }

        @Override
        public boolean containsKey(Object key) {
            return column(key) != null;
        }

        @Override
        public int size() {
            return columns.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < columns.size();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (!hasNext()) {
                                throw new NoSuchElementException();
                            }
                            Column column = columns.get(next++);
                            return new SimpleImmutableEntry<>(column.key(), value(column, row));
                        }
                    };
                }

                @Override
                public int size() {
                    return columns.size();
                }
            };
        }
    }
}

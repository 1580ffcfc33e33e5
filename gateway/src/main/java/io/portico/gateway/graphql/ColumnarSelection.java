package io.portico.gateway.graphql;

import static java.util.Objects.requireNonNull;

import graphql.execution.MergedField;
import graphql.execution.MergedSelectionSet;
import graphql.introspection.Introspection;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import io.portico.gateway.graphql.ColumnarRows.Column;
import io.portico.gateway.graphql.ColumnarRows.ConstantColumn;
import io.portico.gateway.graphql.ColumnarRows.LeafColumn;
import io.portico.gateway.graphql.ColumnarRows.ObjectColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the fields selected under one {@code nodes} or {@code edges} field read a {@link ConnectionPage}, for a
 * selection that can be completed column by column: under {@code nodes}, only leaf fields of the node type (scalars,
 * enums, lists of them) resolved by {@link ConnectionFetchers.ColumnFetcher}s, and {@code __typename}; under
 * {@code edges}, only {@code cursor}, {@code __typename} and a {@code node} selection of that kind.
 *
 * <p>The selected fields are the ones graphql-java's field collection answers (aliases, fragments, inline fragments,
 * {@code @include} and {@code @skip} already applied), taken in its order, so each row's columns come in the order
 * graphql-java would have put the row's map in.
 */
final class ColumnarSelection {

    /** Collects the fields selected under an object-typed field exactly as the execution strategy does. */
    @FunctionalInterface
    interface FieldCollection {

        MergedSelectionSet collect(GraphQLObjectType type, MergedField field);
    }

    private sealed interface Part {

        String key();
    }

    private record ColumnPart(String key, int fieldIndex, LeafCompleter completer) implements Part {
    }

    private record CursorPart(String key, LeafCompleter completer) implements Part {
    }

    private record ConstantPart(String key, Object value) implements Part {
    }

    private record NodePart(String key, ColumnarSelection node) implements Part {
    }

    private static final String TYPE_NAME = Introspection.TypeNameMetaFieldDef.getName();

    private final List<Part> parts;

    private ColumnarSelection(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * The selection under a {@code nodes} field whose elements are of {@code nodeType}, or empty when a selected
     * field is not a leaf column.
     */
    static Optional<ColumnarSelection> forNodes(GraphQLSchema schema, GraphQLObjectType nodeType, MergedField nodes,
            FieldCollection fields, LeafCompleter.Environment environment) {
        List<Part> parts = new ArrayList<>();
        for (Map.Entry<String, MergedField> selected : fields.collect(nodeType, nodes).getSubFields().entrySet()) {
            Optional<Part> part = nodePart(schema, nodeType, selected.getKey(), selected.getValue(), environment);
            if (part.isEmpty()) {
                return Optional.empty();
            }
            parts.add(part.get());
        }
        return Optional.of(new ColumnarSelection(parts));
    }

    /**
     * The selection under an {@code edges} field whose elements are of {@code edgeType}, or empty when it selects
     * anything but {@code cursor}, {@code __typename} and a {@code node} whose own selection is leaf columns only.
     */
    static Optional<ColumnarSelection> forEdges(GraphQLSchema schema, GraphQLObjectType edgeType, MergedField edges,
            FieldCollection fields, LeafCompleter.Environment environment) {
        List<Part> parts = new ArrayList<>();
        for (Map.Entry<String, MergedField> selected : fields.collect(edgeType, edges).getSubFields().entrySet()) {
            String key = selected.getKey();
            MergedField field = selected.getValue();
            if (field.getName().equals(TYPE_NAME)) {
                parts.add(new ConstantPart(key, edgeType.getName()));
                continue;
            }
            GraphQLFieldDefinition definition = edgeType.getField(field.getName());
            DataFetcher<?> fetcher = fetcher(schema, edgeType, definition);
            Optional<? extends Part> part = Optional.empty();
            if (fetcher == ConnectionFetchers.EDGE_CURSOR) {
                part = LeafCompleter.forType(definition.getType(), environment)
                        .map(completer -> new CursorPart(key, completer));
            } else if (fetcher == ConnectionFetchers.EDGE_NODE
                    && GraphQLTypeUtil.unwrapNonNull(definition.getType()) instanceof GraphQLObjectType nodeType) {
                part = forNodes(schema, nodeType, field, fields, environment).map(node -> new NodePart(key, node));
            }
            if (part.isEmpty()) {
                return Optional.empty();
            }
            parts.add(part.get());
        }
        return Optional.of(new ColumnarSelection(parts));
    }

    private static Optional<Part> nodePart(GraphQLSchema schema, GraphQLObjectType nodeType, String key,
            MergedField field, LeafCompleter.Environment environment) {
        if (field.getName().equals(TYPE_NAME)) {
            return Optional.of(new ConstantPart(key, nodeType.getName()));
        }
        GraphQLFieldDefinition definition = nodeType.getField(field.getName());
        if (!(fetcher(schema, nodeType, definition) instanceof ConnectionFetchers.ColumnFetcher column)) {
            return Optional.empty();
        }
        return LeafCompleter.forType(definition.getType(), environment)
                .map(completer -> new ColumnPart(key, column.fieldIndex(), completer));
    }

    private static DataFetcher<?> fetcher(GraphQLSchema schema, GraphQLObjectType type,
            GraphQLFieldDefinition definition) {
        requireNonNull(definition, "field definition is null");
        return schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(type, definition), definition);
    }

    /**
     * Completes every selected field of every visible row of {@code page}.
     *
     * @return the rows, or null when some value needs graphql-java's own completion (see {@link LeafCompleter})
     */
    ColumnarRows complete(ConnectionPage page) {
        int rows = page.size();
        List<Column> columns = new ArrayList<>(parts.size());
        for (Part part : parts) {
            Column column = switch (part) {
                case ColumnPart leaf -> leafColumn(leaf.key(), rows, leaf.completer(),
                        row -> page.value(leaf.fieldIndex(), row));
                case CursorPart cursor -> leafColumn(cursor.key(), rows, cursor.completer(), page::cursor);
                case ConstantPart constant -> new ConstantColumn(constant.key(), constant.value());
                case NodePart node -> {
                    ColumnarRows nodes = node.node().complete(page);
                    yield nodes == null ? null : new ObjectColumn(node.key(), nodes);
                }
            };
            if (column == null) {
                return null;
            }
            columns.add(column);
        }
        return new ColumnarRows(rows, columns);
    }

    @FunctionalInterface
    private interface RowValue {

        Object read(int row);
    }

    private static LeafColumn leafColumn(String key, int rows, LeafCompleter completer, RowValue rawValue) {
        Object[] values = new Object[rows];
        for (int row = 0; row < rows; row++) {
            Object value = completer.complete(rawValue.read(row));
            if (value == LeafCompleter.NOT_COMPLETED) {
                return null;
            }
            values[row] = value;
        }
        return new LeafColumn(key, values);
    }
}

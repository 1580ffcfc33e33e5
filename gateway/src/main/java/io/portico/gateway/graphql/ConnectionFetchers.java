package io.portico.gateway.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import io.portico.gateway.graphql.ConnectionPage.RowRef;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The fetchers of connection, edge, page-info and node fields. All read what the dataset fetcher already
 * fetched from their source object alone, so all are {@link LightDataFetcher}s: graphql-java neither builds a
 * {@link DataFetchingEnvironment} for them nor instruments them, which matters for 100,000-row pages.
 */
final class ConnectionFetchers {

    static final DataFetcher<Object> NODES = fromSource(source -> ((ConnectionPage) source).rows());
    static final DataFetcher<Object> EDGES = fromSource(source -> ((ConnectionPage) source).rows());
    static final DataFetcher<Object> PAGE_INFO = fromSource(Function.identity());
    static final DataFetcher<Object> TOTAL_COUNT = fromSource(source -> ((ConnectionPage) source).totalCount());

    static final DataFetcher<Object> EDGE_NODE = fromSource(Function.identity());
    static final DataFetcher<Object> EDGE_CURSOR = fromSource(source -> {
        RowRef row = (RowRef) source;
        return row.page().cursor(row.row());
    });

    static final DataFetcher<Object> HAS_NEXT_PAGE = fromSource(source -> ((ConnectionPage) source).hasNextPage());
    static final DataFetcher<Object> HAS_PREVIOUS_PAGE =
            fromSource(source -> ((ConnectionPage) source).hasPreviousPage());
    static final DataFetcher<Object> START_CURSOR = fromSource(source -> ((ConnectionPage) source).startCursor());
    static final DataFetcher<Object> END_CURSOR = fromSource(source -> ((ConnectionPage) source).endCursor());

    private ConnectionFetchers() {
    }

    /** The fetcher of the node field at {@code fieldIndex} of its dataset binding. */
    static DataFetcher<Object> column(int fieldIndex) {
        return new ColumnFetcher(fieldIndex);
    }

    /** A fetcher answering a fixed value. */
    static DataFetcher<Object> constant(Object value) {
        return fromSource(source -> value);
    }

    private static DataFetcher<Object> fromSource(Function<Object, Object> read) {
        return new SourceFetcher(read);
    }

    /** Answers a function of the source object. */
    private record SourceFetcher(Function<Object, Object> read) implements LightDataFetcher<Object> {

        @Override
        public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> environment) {
            return read.apply(source);
        }

        @Override
        public Object get(DataFetchingEnvironment environment) {
            return read.apply(environment.getSource());
        }
    }

    /**
     * Reads one field of a row straight from the page's column array. {@link ColumnarExecutionStrategy} reads
     * {@code fieldIndex} to complete whole columns without calling it.
     */
    record ColumnFetcher(int fieldIndex) implements LightDataFetcher<Object> {

        @Override
        public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> environment) {
            RowRef row = (RowRef) source;
            return row.page().value(fieldIndex, row.row());
        }

        @Override
        public Object get(DataFetchingEnvironment environment) {
            RowRef row = environment.getSource();
            return row.page().value(fieldIndex, row.row());
        }
    }
}

package io.portico.gateway.graphql;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.portico.gateway.graphql.ConnectionPage.RowRef;

/**
 * The fetchers of connection, edge, page-info and node fields. All read what the dataset fetcher already
 * fetched, so all are {@link TrivialDataFetcher}s: graphql-java skips its per-field instrumentation for them.
 */
final class ConnectionFetchers {

    static final DataFetcher<Object> NODES = trivial(env -> page(env).rows());
    static final DataFetcher<Object> EDGES = trivial(env -> page(env).rows());
    static final DataFetcher<Object> PAGE_INFO = trivial(ConnectionFetchers::page);
    static final DataFetcher<Object> TOTAL_COUNT = trivial(env -> page(env).totalCount());

    static final DataFetcher<Object> EDGE_NODE = trivial(DataFetchingEnvironment::getSource);
    static final DataFetcher<Object> EDGE_CURSOR = trivial(env -> {
        RowRef row = env.getSource();
        return row.page().cursor(row.row());
    });

    static final DataFetcher<Object> HAS_NEXT_PAGE = trivial(env -> page(env).hasNextPage());
    static final DataFetcher<Object> HAS_PREVIOUS_PAGE = trivial(env -> page(env).hasPreviousPage());
    static final DataFetcher<Object> START_CURSOR = trivial(env -> page(env).startCursor());
    static final DataFetcher<Object> END_CURSOR = trivial(env -> page(env).endCursor());

    private ConnectionFetchers() {
    }

    /** The fetcher of the node field at {@code fieldIndex} of its dataset binding. */
    static DataFetcher<Object> column(int fieldIndex) {
        return new ColumnFetcher(fieldIndex);
    }

    /** A fetcher answering a fixed value. */
    static DataFetcher<Object> constant(Object value) {
        return trivial(env -> value);
    }

    private static ConnectionPage page(DataFetchingEnvironment env) {
        return env.getSource();
    }

    private static DataFetcher<Object> trivial(DataFetcher<Object> fetcher) {
        return new TrivialFetcher(fetcher);
    }

    private record TrivialFetcher(DataFetcher<Object> fetcher) implements TrivialDataFetcher<Object> {

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            return fetcher.get(environment);
        }
    }

    /** Reads one field of a row straight from the page's column array. */
    private record ColumnFetcher(int fieldIndex) implements TrivialDataFetcher<Object> {

        @Override
        public Object get(DataFetchingEnvironment environment) {
            RowRef row = environment.getSource();
            return row.page().value(fieldIndex, row.row());
        }
    }
}

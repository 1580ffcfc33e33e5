package io.portico.gateway.graphql;

import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import org.dataloader.DataLoader;

/**
 * What {@link RelationshipFetcher} needs of the batch of a relationship field's place in a query: its data loader,
 * and which parent reports a failure or denied fields. The rows of the relationship ({@link RelationshipBatch}) or
 * their aggregates ({@link RelationshipAggregateBatch}).
 */
interface RelationshipLoad {

    DataLoader<List<Object>, Object> loader();

    /** Whether the loader is dispatched by graphql-java per level; else each load is dispatched at once. */
    boolean dispatchedByExecution();

    /** True once: for the first parent that sees the batch fail, which reports the error. */
    boolean firstFailure();

    /** The errors of denied fields selected under the field, once per batch; none for an aggregate. */
    List<GraphQLError> deniedFieldErrors(DataFetchingEnvironment environment, Object value);
}

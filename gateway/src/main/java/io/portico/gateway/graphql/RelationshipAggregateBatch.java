package io.portico.gateway.graphql;

import static java.util.Objects.requireNonNull;

import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import io.portico.gateway.plan.AggregateRequest;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.gateway.read.DatasetReader;
import io.portico.gateway.read.DatasetSource;
import io.portico.gateway.read.RelatedAggregates;
import io.portico.schema.compose.RelationshipBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dataloader.BatchLoader;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderOptions;

/**
 * The aggregates of one relationship aggregate field ({@code customer { ordersAggregate { ... } }}) at one place in
 * one request, for all its parents: a {@link BatchLoader} whose keys are the parents' key values. Each dispatch has
 * the {@link DatasetReader} aggregate the related rows of the keys it got (one statement per chunk of keys, grouped
 * by the join key, under the target's policy: {@link DatasetReader#relatedAggregates}) and hands every parent its
 * aggregate. The arguments and selection are those of the field at this place, the same for every parent.
 */
final class RelationshipAggregateBatch implements BatchLoader<List<Object>, Object>, RelationshipLoad {

    private final RelationshipBinding relationship;
    private final DatasetSource target;
    private final DatasetReader reader;
    private final int keysPerStatement;
    private final RequestPolicy policy;
    private final AggregateRequest request;
    private final boolean dispatchedByExecution;
    private final DataLoader<List<Object>, Object> loader;
    private final AtomicBoolean failureReported = new AtomicBoolean();

    /**
     * @param environment           the environment of the first parent's field: the arguments and selection
     * @param dispatchedByExecution whether the loader is dispatched by graphql-java per level
     */
    RelationshipAggregateBatch(RelationshipBinding relationship, DatasetSource target, DatasetReader reader,
            RequestPolicy policy, int defaultGroups, int keysPerStatement, DataFetchingEnvironment environment,
            boolean dispatchedByExecution) {
        this.relationship = requireNonNull(relationship, "relationship is null");
        this.target = requireNonNull(target, "target is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.keysPerStatement = keysPerStatement;
        this.policy = requireNonNull(policy, "policy is null");
        this.request = AggregateFetcher.request(environment, defaultGroups);
        this.dispatchedByExecution = dispatchedByExecution;
        this.loader = DataLoaderFactory.newDataLoader(this, DataLoaderOptions.newOptions().build());
    }

    @Override
    public DataLoader<List<Object>, Object> loader() {
        return loader;
    }

    @Override
    public boolean dispatchedByExecution() {
        return dispatchedByExecution;
    }

    @Override
    public boolean firstFailure() {
        return failureReported.compareAndSet(false, true);
    }

    @Override
    public List<GraphQLError> deniedFieldErrors(DataFetchingEnvironment environment, Object value) {
        return List.of();
    }

    @Override
    public CompletionStage<List<Object>> load(List<List<Object>> keys) {
        try {
            return reader.relatedAggregates(target, policy, request, relationship.targetFields(), keys,
                    keysPerStatement).thenApply(aggregates -> answers(keys, aggregates));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static List<Object> answers(List<List<Object>> keys, RelatedAggregates aggregates) {
        List<Object> answers = new ArrayList<>(keys.size());
        for (List<Object> key : keys) {
            answers.add(AggregateFetcher.answer(aggregates.of(key)));
        }
        return answers;
    }
}

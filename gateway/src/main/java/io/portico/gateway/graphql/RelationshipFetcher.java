package io.portico.gateway.graphql;

import static java.util.Objects.requireNonNull;

import graphql.GraphQLError;
import graphql.execution.DataFetcherResult;
import graphql.execution.ResultPath;
import graphql.execution.instrumentation.dataloader.EmptyDataLoaderRegistryInstance;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.portico.gateway.graphql.ConnectionPage.RowRef;
import io.portico.gateway.policy.QueryPolicies;
import io.portico.gateway.policy.RelationshipGuard;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.gateway.policy.WithheldRelationship;
import io.portico.gateway.read.DatasetReader;
import io.portico.gateway.read.DatasetSource;
import io.portico.schema.compose.RelationshipBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.registries.DispatchPredicate;
import org.dataloader.registries.ScheduledDataLoaderRegistry;

/**
 * Resolves one relationship field ({@link RelationshipBinding}) of a node, batched: the fetcher reads the parent
 * row's key and hands it to the {@link RelationshipBatch} of the field's place in the query, which the request
 * shares in its GraphQL context and whose data loader sits in the request's {@link DataLoaderRegistry} (DGS gives
 * each request a {@link ScheduledDataLoaderRegistry}; the loader is registered there to dispatch always, since that
 * registry's own predicate never dispatches a loader registered without one).
 * graphql-java dispatches the loaders once every field of a level has been fetched, so all parents of one level
 * are answered by one batch: one statement per target port per chunk of keys, never one per parent.
 *
 * <p>A parent without a key (a null key field) relates to nothing: {@code null}, or an empty page. A failing batch
 * answers its error once, at the first parent, and {@code null} at the others.
 *
 * <p>A relationship whose key, at either end, the request's subject may not see as it is ({@link RelationshipGuard})
 * is withheld at its place in the query, decided once before any port call: {@code null} at every parent, one
 * {@code FORBIDDEN} error at the first, no statement to the target's port, nothing resolved below it.
 */
final class RelationshipFetcher implements DataFetcher<Object> {

    private static final String CONTEXT_PREFIX = RelationshipFetcher.class.getName() + ":";
    private static final String WITHHELD_PREFIX = CONTEXT_PREFIX + "withheld:";
    /** The verdict of a place whose relationship the subject may follow. */
    private static final Object FOLLOWED = new Object();

    private final RelationshipBinding relationship;
    private final DatasetSource target;
    private final DatasetReader reader;
    private final QueryPolicies policies;
    private final int defaultPageSize;
    private final int keysPerStatement;
    private final Map<String, RelationshipBinding> targetRelationships;
    private final RelationshipGuard guard;
    private final boolean aggregate;

    /**
     * @param relationship        the field
     * @param target              the dataset it resolves to, what policies know it by, and its port
     * @param reader              reads the related rows of each batch
     * @param policies            the policies the request is answered under
     * @param defaultPageSize     the page size of a one-to-many field when {@code first} is null
     * @param keysPerStatement    the most keys in one statement; more keys make more statements, run in parallel
     * @param targetRelationships the relationship fields of the target's node type, by name
     * @param guard               which relationship fields a request may follow
     */
    RelationshipFetcher(RelationshipBinding relationship, DatasetSource target, DatasetReader reader,
            QueryPolicies policies, int defaultPageSize, int keysPerStatement,
            Map<String, RelationshipBinding> targetRelationships, RelationshipGuard guard) {
        this.relationship = requireNonNull(relationship, "relationship is null");
        this.target = requireNonNull(target, "target is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.defaultPageSize = defaultPageSize;
        this.keysPerStatement = keysPerStatement;
        this.targetRelationships = Map.copyOf(targetRelationships);
        this.guard = requireNonNull(guard, "guard is null");
        this.aggregate = false;
    }

    /**
     * The fetcher of a one-to-many relationship's aggregate field ({@code ordersAggregate} beside {@code orders}):
     * batched, guarded and keyed as the relationship field, answering each parent its aggregate
     * ({@link RelationshipAggregateBatch}).
     */
    static RelationshipFetcher aggregate(RelationshipBinding relationship, DatasetSource target, DatasetReader reader,
            QueryPolicies policies, int defaultGroups, int keysPerStatement, RelationshipGuard guard) {
        return new RelationshipFetcher(relationship, target, reader, policies, defaultGroups, keysPerStatement,
                guard);
    }

    private RelationshipFetcher(RelationshipBinding relationship, DatasetSource target, DatasetReader reader,
            QueryPolicies policies, int defaultGroups, int keysPerStatement, RelationshipGuard guard) {
        this.relationship = requireNonNull(relationship, "relationship is null");
        this.target = requireNonNull(target, "target is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.defaultPageSize = defaultGroups;
        this.keysPerStatement = keysPerStatement;
        this.targetRelationships = Map.of();
        this.guard = requireNonNull(guard, "guard is null");
        this.aggregate = true;
    }

    @Override
    public Object get(DataFetchingEnvironment environment) {
        String place = placeInQuery(environment.getExecutionStepInfo().getPath());
        if (withheld(environment, place) instanceof WithheldPlace withheld) {
            return withheld.answer(environment);
        }
        RowRef parent = environment.getSource();
        List<Object> key = new ArrayList<>(relationship.ownerFields().size());
        for (String field : relationship.ownerFields()) {
            key.add(DatasetReader.normalizedKey(parent.page().joinValue(field, parent.row())));
        }
        if (key.contains(null) && !relationship.toMany()) {
            return null;
        }
        RelationshipLoad batch = batch(environment, place);
        CompletableFuture<Object> loaded = batch.loader().load(key);
        if (!batch.dispatchedByExecution()) {
            batch.loader().dispatch();
        }
        return loaded.handle((value, failure) -> {
            if (failure != null) {
                if (batch.firstFailure()) {
                    throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
                }
                return DataFetcherResult.newResult().data(null).build();
            }
            return DataFetcherResult.newResult().data(value).errors(batch.deniedFieldErrors(environment, value)).build();
        });
    }

    /**
     * The batch of this field's place in the query (its path without list indexes): every parent at that place
     * shares it, whichever page it came from.
     */
    private RelationshipLoad batch(DataFetchingEnvironment environment, String placeInQuery) {
        String place = CONTEXT_PREFIX + placeInQuery;
        DataLoaderRegistry registry = environment.getDataLoaderRegistry();
        boolean registrable = registry != null && registry != EmptyDataLoaderRegistryInstance.EMPTY_DATALOADER_REGISTRY;
        RelationshipLoad existing = environment.getGraphQlContext().get(place);
        if (existing != null) {
            return existing;
        }
        // Outside computeIfAbsent: the policy may itself be computed into the same context map.
        RequestPolicy policy = PolicyErrors.requestPolicy(environment, policies);
        return environment.getGraphQlContext().computeIfAbsent(place, name -> {
            RelationshipLoad batch = aggregate
                    ? new RelationshipAggregateBatch(relationship, target, reader, policy, defaultPageSize,
                            keysPerStatement, environment, registrable)
                    : new RelationshipBatch(relationship, target, reader, policy, defaultPageSize,
                            keysPerStatement, targetRelationships, guard, environment, registrable);
            if (registry instanceof ScheduledDataLoaderRegistry scheduled) {
                // DGS's per-request registry: its own predicate is DISPATCH_NEVER, for loaders registered without one.
                scheduled.register(place, batch.loader(), DispatchPredicate.DISPATCH_ALWAYS);
            } else if (registrable) {
                registry.register(place, batch.loader());
            }
            return batch;
        });
    }

    /**
     * The verdict on this field at its place in the query, decided once per request and place: a
     * {@link WithheldPlace}, or {@link #FOLLOWED}.
     */
    private Object withheld(DataFetchingEnvironment environment, String placeInQuery) {
        String key = WITHHELD_PREFIX + placeInQuery;
        Object verdict = environment.getGraphQlContext().get(key);
        if (verdict != null) {
            return verdict;
        }
        // Outside computeIfAbsent: the policy may itself be computed into the same context map.
        RequestPolicy policy = PolicyErrors.requestPolicy(environment, policies);
        Object decided = guard.check(policy, relationship).<Object>map(WithheldPlace::new).orElse(FOLLOWED);
        return environment.getGraphQlContext().computeIfAbsent(key, name -> decided);
    }

    /** A withheld relationship at one place: null everywhere, its error once, at the first parent asking. */
    private static final class WithheldPlace {

        private final WithheldRelationship withheld;
        private final AtomicBoolean reported = new AtomicBoolean();

        WithheldPlace(WithheldRelationship withheld) {
            this.withheld = withheld;
        }

        DataFetcherResult<Object> answer(DataFetchingEnvironment environment) {
            List<GraphQLError> errors = reported.compareAndSet(false, true)
                    ? List.of(PolicyErrors.withheldRelationship(withheld,
                            environment.getExecutionStepInfo().getPath().toList()))
                    : List.of();
            return DataFetcherResult.newResult().data(null).errors(errors).build();
        }
    }

    /** {@code /sales/orders/nodes[3]/customer} -> {@code sales/orders/nodes/customer}. */
    static String placeInQuery(ResultPath path) {
        StringBuilder place = new StringBuilder();
        for (Object segment : path.toList()) {
            if (segment instanceof String name) {
                place.append('/').append(name);
            }
        }
        return place.toString();
    }
}

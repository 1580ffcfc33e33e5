package io.portico.gateway.graphql;

import static java.util.Objects.requireNonNull;

import graphql.execution.DataFetcherResult;
import graphql.execution.ResultPath;
import graphql.execution.instrumentation.dataloader.EmptyDataLoaderRegistryInstance;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.portico.gateway.graphql.ConnectionPage.RowRef;
import io.portico.gateway.plan.QueryPlanner;
import io.portico.gateway.policy.DatasetPolicyTarget;
import io.portico.gateway.policy.QueryPolicies;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.gateway.policy.RowFilterConditions;
import io.portico.gateway.port.FlightPortClient;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.RelationshipBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
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
 */
final class RelationshipFetcher implements DataFetcher<Object> {

    private static final String CONTEXT_PREFIX = RelationshipFetcher.class.getName() + ":";

    private final RelationshipBinding relationship;
    private final DatasetBinding target;
    private final DatasetPolicyTarget targetPolicy;
    private final FlightPortClient port;
    private final QueryPlanner planner;
    private final QueryPolicies policies;
    private final Executor executor;
    private final int defaultPageSize;
    private final int keysPerStatement;
    private final Map<String, RelationshipBinding> targetRelationships;
    private final RowFilterConditions rowFilters;

    /**
     * @param relationship        the field
     * @param target              the dataset it resolves to
     * @param targetPolicy        what policies know the target by
     * @param port                the client of the target's port
     * @param planner             plans the batches
     * @param policies            the policies the request is answered under
     * @param executor            runs port calls
     * @param defaultPageSize     the page size of a one-to-many field when {@code first} is null
     * @param keysPerStatement    the most keys in one statement; more keys make more statements, run in parallel
     * @param targetRelationships the relationship fields of the target's node type, by name
     * @param rowFilters          renders the target's row filter for its port
     */
    RelationshipFetcher(RelationshipBinding relationship, DatasetBinding target, DatasetPolicyTarget targetPolicy,
            FlightPortClient port, QueryPlanner planner, QueryPolicies policies, Executor executor,
            int defaultPageSize, int keysPerStatement, Map<String, RelationshipBinding> targetRelationships,
            RowFilterConditions rowFilters) {
        this.relationship = requireNonNull(relationship, "relationship is null");
        this.target = requireNonNull(target, "target is null");
        this.targetPolicy = requireNonNull(targetPolicy, "targetPolicy is null");
        this.port = requireNonNull(port, "port is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.defaultPageSize = defaultPageSize;
        this.keysPerStatement = keysPerStatement;
        this.targetRelationships = Map.copyOf(targetRelationships);
        this.rowFilters = requireNonNull(rowFilters, "rowFilters is null");
    }

    @Override
    public Object get(DataFetchingEnvironment environment) {
        RowRef parent = environment.getSource();
        List<Object> key = new ArrayList<>(relationship.ownerFields().size());
        for (String field : relationship.ownerFields()) {
            key.add(RelationshipBatch.normalizedKey(parent.page().joinValue(field, parent.row())));
        }
        if (key.contains(null) && !relationship.toMany()) {
            return null;
        }
        RelationshipBatch batch = batch(environment);
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
    private RelationshipBatch batch(DataFetchingEnvironment environment) {
        String place = CONTEXT_PREFIX + placeInQuery(environment.getExecutionStepInfo().getPath());
        DataLoaderRegistry registry = environment.getDataLoaderRegistry();
        boolean registrable = registry != null && registry != EmptyDataLoaderRegistryInstance.EMPTY_DATALOADER_REGISTRY;
        RelationshipBatch existing = environment.getGraphQlContext().get(place);
        if (existing != null) {
            return existing;
        }
        // Outside computeIfAbsent: the policy may itself be computed into the same context map.
        RequestPolicy policy = RequestPolicy.of(environment, policies);
        return environment.getGraphQlContext().computeIfAbsent(place, name -> {
            RelationshipBatch batch = new RelationshipBatch(relationship, target, policy.access(targetPolicy),
                    rowFilters, policy, port, planner, executor, defaultPageSize, keysPerStatement,
                    targetRelationships, environment, registrable);
            if (registry instanceof ScheduledDataLoaderRegistry scheduled) {
                // DGS's per-request registry: its own predicate is DISPATCH_NEVER, for loaders registered without one.
                scheduled.register(place, batch.loader(), DispatchPredicate.DISPATCH_ALWAYS);
            } else if (registrable) {
                registry.register(place, batch.loader());
            }
            return batch;
        });
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

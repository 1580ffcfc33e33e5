package io.portico.gateway.graphql;

import static java.util.Objects.requireNonNull;

import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.SelectedField;
import io.portico.gateway.graphql.ConnectionPage.RowRef;
import io.portico.gateway.plan.DatasetRequest;
import io.portico.gateway.plan.RequestFilter;
import io.portico.gateway.policy.DeniedField;
import io.portico.gateway.policy.RelationshipGuard;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.gateway.port.ColumnarResult;
import io.portico.gateway.read.DatasetReader;
import io.portico.gateway.read.DatasetSource;
import io.portico.gateway.read.RelatedRows;
import io.portico.schema.compose.RelationshipBinding;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.dataloader.BatchLoader;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderOptions;

/**
 * The rows of one relationship field at one place in one request, for all its parents: a {@link BatchLoader} whose
 * keys are the parents' key values. Each dispatch has the {@link DatasetReader} read the rows related to the keys
 * it got (one statement per chunk of keys, in parallel, under the target's policy, see
 * {@link DatasetReader#related}) and hands every parent its rows: the matching row (many-to-one, a {@link RowRef},
 * or null) or its own page of rows (one-to-many, a {@link ConnectionPage}).
 *
 * <p>The fields the join needs are fetched for the join and never shown unless selected (then as the policy says);
 * they are fields the subject may see as they are, since a relationship joining on a hidden key is withheld before
 * it gets here ({@link RelationshipGuard}). The arguments and selection are those of the field at this place, the
 * same for every parent.
 */
final class RelationshipBatch implements BatchLoader<List<Object>, Object>, RelationshipLoad {

    private final RelationshipBinding relationship;
    private final DatasetSource target;
    private final DatasetReader reader;
    private final int keysPerStatement;
    private final RequestPolicy policy;
    private final DatasetRequest request;
    private final List<SelectedField> dataSelection;
    private final boolean dispatchedByExecution;
    private final DataLoader<List<Object>, Object> loader;
    private final AtomicBoolean failureReported = new AtomicBoolean();
    private final AtomicBoolean deniedFieldsReported = new AtomicBoolean();
    private volatile List<DeniedField> denied = List.of();

    /**
     * @param target                the dataset the field resolves to, and its port
     * @param reader                reads the related rows under the request's policy
     * @param policy                the request's policy
     * @param environment           the environment of the first parent's field: the arguments and selection
     * @param dispatchedByExecution whether the loader is in the request's registry, dispatched by graphql-java per
     *                              level; else each load is dispatched at once (no batching)
     */
    RelationshipBatch(RelationshipBinding relationship, DatasetSource target, DatasetReader reader,
            RequestPolicy policy, int defaultPageSize, int keysPerStatement,
            Map<String, RelationshipBinding> targetRelationships, RelationshipGuard guard,
            DataFetchingEnvironment environment, boolean dispatchedByExecution) {
        this.relationship = requireNonNull(relationship, "relationship is null");
        this.target = requireNonNull(target, "target is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.keysPerStatement = keysPerStatement;
        this.policy = requireNonNull(policy, "policy is null");
        Predicate<RelationshipBinding> withheld = nested -> guard.withholds(policy, nested);
        if (relationship.toMany()) {
            this.request = DatasetFetcher.request(environment, defaultPageSize, targetRelationships, withheld);
            this.dataSelection = DatasetFetcher.nodeSelection(environment, targetRelationships);
        } else {
            Set<String> selected = new LinkedHashSet<>();
            Set<String> joins = new LinkedHashSet<>();
            List<SelectedField> data = new ArrayList<>();
            for (SelectedField field : environment.getSelectionSet().getImmediateFields()) {
                DatasetFetcher.addSelected(field, targetRelationships, selected, joins, withheld);
                if (selected.contains(field.getName()) && !field.getName().startsWith("__")) {
                    data.add(field);
                }
            }
            this.request = new DatasetRequest(List.copyOf(selected), RequestFilter.ALL, List.of(), 0, null, false,
                    List.copyOf(joins));
            this.dataSelection = List.copyOf(data);
        }
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

    /** True once: for the first parent that sees the batch fail, which reports the error. */
    @Override
    public boolean firstFailure() {
        return failureReported.compareAndSet(false, true);
    }

    /**
     * The {@code FORBIDDEN} errors of denied fields selected under the field, once per batch: for the first
     * parent answered with a row (many-to-one) or a page (one-to-many).
     */
    @Override
    public List<GraphQLError> deniedFieldErrors(DataFetchingEnvironment environment, Object value) {
        if (value == null || denied.isEmpty() || !deniedFieldsReported.compareAndSet(false, true)) {
            return List.of();
        }
        if (value instanceof ConnectionPage page) {
            return PolicyErrors.deniedFieldErrors(environment, dataSelection, denied, page.size());
        }
        return PolicyErrors.deniedObjectFieldErrors(environment, dataSelection, denied);
    }

    @Override
    public CompletionStage<List<Object>> load(List<List<Object>> keys) {
        try {
            return reader.related(target, policy, request, relationship.targetFields(), keys, relationship.toMany(),
                    keysPerStatement).thenApply(related -> answers(keys, related));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Each key's answer, in the order of {@code keys}. */
    private List<Object> answers(List<List<Object>> keys, RelatedRows related) {
        denied = related.denied();
        Map<ColumnarResult, ConnectionPage> pages = new IdentityHashMap<>();
        List<Object> answers = new ArrayList<>(keys.size());
        for (List<Object> key : keys) {
            RelatedRows.KeyRows rows = related.byKey().get(key);
            if (rows == null) {
                answers.add(absent(related));
                continue;
            }
            ConnectionPage all = pages.computeIfAbsent(rows.result(), result -> new ConnectionPage(
                    related.plan().shape(), result, false, null, related.withheld()));
            if (!relationship.toMany()) {
                answers.add(new RowRef(all, rows.rows()[0]));
                continue;
            }
            answers.add(all.subPage(rows.rows(), related.plan().shape().pageSize(), request.after() != null,
                    total(related, key)));
        }
        return answers;
    }

    /** The answer of a key no row matched: null, or an empty page. */
    private Object absent(RelatedRows related) {
        if (!relationship.toMany()) {
            return null;
        }
        return new ConnectionPage(related.plan().shape(), ColumnarResult.empty(), request.after() != null,
                related.totals() == null ? null : 0L, related.withheld());
    }

    private static Long total(RelatedRows related, List<Object> key) {
        return related.totals() == null ? null : related.totals().getOrDefault(key, 0L);
    }
}

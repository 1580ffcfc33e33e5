package io.portico.gateway.graphql;

import static java.util.Objects.requireNonNull;

import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.SelectedField;
import io.portico.gateway.graphql.ConnectionPage.RowRef;
import io.portico.gateway.plan.DatasetRequest;
import io.portico.gateway.plan.QueryPlanner;
import io.portico.gateway.plan.RelatedRowsPlan;
import io.portico.gateway.plan.RequestFilter;
import io.portico.gateway.policy.DatasetAccess;
import io.portico.gateway.policy.RelationshipGuard;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.gateway.policy.RowFilterConditions;
import io.portico.gateway.port.ColumnMasks;
import io.portico.gateway.port.ColumnarResult;
import io.portico.gateway.port.FlightPortClient;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.compose.RelationshipBinding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.arrow.vector.types.pojo.Field;
import org.dataloader.BatchLoader;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderOptions;
import org.jooq.Condition;

/**
 * The rows of one relationship field at one place in one request, for all its parents: a {@link BatchLoader} whose
 * keys are the parents' key values. Each dispatch plans the distinct keys it got ({@link QueryPlanner#planRelated}),
 * sends one statement per chunk of keys to the target's port, in parallel, and hands every parent its rows: the
 * matching row (many-to-one, a {@link RowRef}, or null) or its own page of rows (one-to-many, a
 * {@link ConnectionPage}).
 *
 * <p>The target dataset's policy applies as to a root connection: arguments on hidden fields refused, denied
 * fields not fetched (or withheld), masks on the Arrow batches, the row filter in the SQL. The fields the join
 * needs are fetched for the join and never shown unless selected (then as the policy says); they are fields the
 * subject may see as they are, since a relationship joining on a hidden key is withheld before it gets here
 * ({@link RelationshipGuard}), and the audit lists them as join fields. A one-to-many page whose key the subject may
 * not see is not ordered by the key's values ({@link DatasetAccess#keyOrder}). The arguments and selection are
 * those of the field at this place, the same for every parent.
 */
final class RelationshipBatch implements BatchLoader<List<Object>, Object> {

    private final RelationshipBinding relationship;
    private final DatasetBinding target;
    private final FlightPortClient port;
    private final QueryPlanner planner;
    private final Executor executor;
    private final int keysPerStatement;
    private final RequestPolicy policy;
    private final DatasetAccess access;
    private final RowFilterConditions rowFilters;
    private final DatasetRequest request;
    private final List<SelectedField> dataSelection;
    private final boolean dispatchedByExecution;
    private final DataLoader<List<Object>, Object> loader;
    private final AtomicBoolean failureReported = new AtomicBoolean();
    private final AtomicBoolean deniedFieldsReported = new AtomicBoolean();
    private final AtomicLong rowsShown = new AtomicLong();

    /**
     * @param access                what the request's subject may see of the target
     * @param rowFilters            renders the target's row filter for its port
     * @param policy                the request's policy, which records what the batch read
     * @param environment           the environment of the first parent's field: the arguments and selection
     * @param dispatchedByExecution whether the loader is in the request's registry, dispatched by graphql-java per
     *                              level; else each load is dispatched at once (no batching)
     */
    RelationshipBatch(RelationshipBinding relationship, DatasetBinding target, DatasetAccess access,
            RowFilterConditions rowFilters, RequestPolicy policy, FlightPortClient port, QueryPlanner planner,
            Executor executor,
            int defaultPageSize, int keysPerStatement, Map<String, RelationshipBinding> targetRelationships,
            RelationshipGuard guard, DataFetchingEnvironment environment, boolean dispatchedByExecution) {
        this.relationship = requireNonNull(relationship, "relationship is null");
        this.target = requireNonNull(target, "target is null");
        this.port = requireNonNull(port, "port is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.keysPerStatement = keysPerStatement;
        this.policy = requireNonNull(policy, "policy is null");
        this.access = requireNonNull(access, "access is null");
        Predicate<RelationshipBinding> withheld = nested -> guard.withholds(policy, nested);
        this.rowFilters = requireNonNull(rowFilters, "rowFilters is null");
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

    DataLoader<List<Object>, Object> loader() {
        return loader;
    }

    boolean dispatchedByExecution() {
        return dispatchedByExecution;
    }

    /** True once: for the first parent that sees the batch fail, which reports the error. */
    boolean firstFailure() {
        return failureReported.compareAndSet(false, true);
    }

    /**
     * The {@code FORBIDDEN} errors of denied fields selected under the field, once per batch: for the first
     * parent answered with a row (many-to-one) or a page (one-to-many).
     */
    List<GraphQLError> deniedFieldErrors(DataFetchingEnvironment environment, Object value) {
        if (value == null || !deniedFieldsReported.compareAndSet(false, true)) {
            return List.of();
        }
        if (value instanceof ConnectionPage page) {
            return access.deniedFieldErrors(environment, dataSelection, page.size());
        }
        return access.deniedObjectFieldErrors(environment, dataSelection);
    }

    @Override
    public CompletionStage<List<Object>> load(List<List<Object>> keys) {
        try {
            return resolve(keys);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<List<Object>> resolve(List<List<Object>> keys) {
        access.checkArguments(request);
        return rowFilters.condition(target, access.rowFilter()).thenCompose(rowFilter -> resolve(keys, rowFilter));
    }

    private CompletableFuture<List<Object>> resolve(List<List<Object>> keys, Condition rowFilter) {
        List<List<Object>> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        distinct.removeIf(key -> key.contains(null));
        RelatedRowsPlan plan = planner.planRelated(target, access.visible(request), rowFilter,
                relationship.targetFields(), distinct, relationship.toMany(), keysPerStatement,
                access.keyOrder(target));
        ColumnMasks masks = access.masks(plan.shape());
        List<Field> columns = plan.shape().columns().stream().map(FieldBinding::arrowField).toList();
        int expectedRows = relationship.toMany() ? Math.max(1, plan.shape().pageSize() + 1) : keysPerStatement;
        List<CompletableFuture<ColumnarResult>> chunks = new ArrayList<>();
        for (var statement : plan.statements()) {
            chunks.add(CompletableFuture.supplyAsync(
                    () -> port.execute(target.portId(), statement, columns, expectedRows, masks), executor));
        }
        List<CompletableFuture<ColumnarResult>> counts = new ArrayList<>();
        for (var statement : plan.countStatements()) {
            counts.add(CompletableFuture.supplyAsync(
                    () -> port.execute(target.portId(), statement, null, keysPerStatement), executor));
        }
        List<CompletableFuture<ColumnarResult>> all = new ArrayList<>(chunks);
        all.addAll(counts);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<List<Object>, Long> totals = totals(plan, counts);
            Map<List<Object>, Object> byKey = new HashMap<>();
            for (CompletableFuture<ColumnarResult> chunk : chunks) {
                distribute(plan, chunk.join(), totals, byKey);
            }
            List<Object> answers = new ArrayList<>(keys.size());
            for (List<Object> key : keys) {
                answers.add(byKey.containsKey(key) ? byKey.get(key) : absent(plan, totals));
            }
            policy.recordRead(access.audit(request.selectedFields(), plan.shape().joinFields(), rowsShown.get()));
            return answers;
        });
    }

    /** Hands each key its row or its page, from one chunk's rows. */
    private void distribute(RelatedRowsPlan plan, ColumnarResult rows, Map<List<Object>, Long> totals,
            Map<List<Object>, Object> byKey) {
        ConnectionPage all = new ConnectionPage(plan.shape(), rows, false, null, access.withheld(target));
        Map<List<Object>, List<Integer>> rowsByKey = new LinkedHashMap<>();
        for (int row = 0; row < rows.rowCount(); row++) {
            rowsByKey.computeIfAbsent(rowKey(plan, all, row), key -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<List<Object>, List<Integer>> entry : rowsByKey.entrySet()) {
            if (!relationship.toMany()) {
                byKey.putIfAbsent(entry.getKey(), new RowRef(all, entry.getValue().getFirst()));
                rowsShown.incrementAndGet();
                continue;
            }
            int[] resultRows = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
            ConnectionPage page = all.subPage(resultRows, plan.shape().pageSize(), request.after() != null,
                    totals == null ? null : totals.getOrDefault(entry.getKey(), 0L));
            rowsShown.addAndGet(page.size());
            byKey.put(entry.getKey(), page);
        }
    }

    /** The answer of a key no row matched: null, or an empty page. */
    private Object absent(RelatedRowsPlan plan, Map<List<Object>, Long> totals) {
        if (!relationship.toMany()) {
            return null;
        }
        return new ConnectionPage(plan.shape(), ColumnarResult.empty(), request.after() != null,
                totals == null ? null : 0L, access.withheld(target));
    }

    private static List<Object> rowKey(RelatedRowsPlan plan, ConnectionPage page, int row) {
        List<Object> key = new ArrayList<>(plan.matchFields().size());
        for (FieldBinding field : plan.matchFields()) {
            key.add(normalizedKey(page.joinValue(field.graphQLName(), row)));
        }
        return key;
    }

    /** Per key, its number of matching rows; null when {@code totalCount} is not selected. */
    private static Map<List<Object>, Long> totals(RelatedRowsPlan plan, List<CompletableFuture<ColumnarResult>> counts) {
        if (plan.countStatements().isEmpty()) {
            return null;
        }
        Map<List<Object>, Long> totals = new HashMap<>();
        int keyColumns = plan.matchFields().size();
        for (CompletableFuture<ColumnarResult> count : counts) {
            ColumnarResult result = count.join();
            for (int row = 0; row < result.rowCount(); row++) {
                List<Object> key = new ArrayList<>(keyColumns);
                for (int column = 0; column < keyColumns; column++) {
                    key.add(normalizedKey(result.value(column, row)));
                }
                totals.put(key, ((Number) result.value(keyColumns, row)).longValue());
            }
        }
        return totals;
    }

    /** A key value comparable across the two sides of a join: integers of any width as {@code Long}. */
    static Object normalizedKey(Object value) {
        return switch (value) {
            case Integer integer -> integer.longValue();
            case Short integer -> integer.longValue();
            case Byte integer -> integer.longValue();
            case null, default -> value;
        };
    }
}

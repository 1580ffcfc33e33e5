package io.portico.gateway.read;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.plan.JoinPlan;
import io.portico.gateway.plan.JoinPlanner;
import io.portico.gateway.plan.JoinRequest;
import io.portico.gateway.plan.JoinRequest.JoinField;
import io.portico.gateway.policy.DatasetAccess;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.gateway.policy.RowFilterConditions;
import io.portico.gateway.port.BatchConsumer;
import io.portico.gateway.port.ColumnMasks;
import io.portico.gateway.port.ShownBatchConsumer;
import io.portico.policies.mask.HashKey;
import io.portico.policies.mask.Mask;
import io.portico.schema.compose.FieldBinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jooq.Condition;

/**
 * Reads a join of datasets served by one port under a request's policy, each joined dataset exactly as a read of it
 * alone would be ({@link DatasetReader#scan}):
 *
 * <ul>
 *   <li>joining on, filtering or sorting by a column the subject may not see as it is (denied or masked) is refused
 *       before any port is called: a join on a hidden column tells which values are equal;</li>
 *   <li>denied columns are not fetched; masked ones are masked on the Arrow batches as they arrive, by their
 *       position in the joined result;</li>
 *   <li>every dataset's row filter applies to that dataset's rows, in the one statement sent to the port
 *       ({@link JoinPlanner}); a filter that follows a relationship to another port reads its keys first, as
 *       always ({@link RowFilterConditions});</li>
 *   <li>the audit event lists each joined dataset with the fields read and the fields joined on.</li>
 * </ul>
 */
public final class JoinReader {

    private final JoinPlanner planner;
    private final RowFilterConditions rowFilters;
    private final Executor executor;

    JoinReader(JoinPlanner planner, RowFilterConditions rowFilters, Executor executor) {
        this.planner = requireNonNull(planner, "planner is null");
        this.rowFilters = requireNonNull(rowFilters, "rowFilters is null");
        this.executor = requireNonNull(executor, "executor is null");
    }

    /**
     * What the subject may see of each joined dataset, with the join checked against it: no {@code ON},
     * {@code WHERE} or {@code ORDER BY} on a column the subject may not see as it is.
     *
     * @param sources the joined datasets, parallel to {@code request.sources()}
     * @return the access of each dataset, parallel to {@code sources}
     * @throws io.portico.schema.error.PorticoException {@code FORBIDDEN} naming the clause, the column and the rule
     */
    public List<DatasetAccess> check(List<DatasetSource> sources, RequestPolicy policy, JoinRequest request) {
        if (sources.size() != request.sources().size()) {
            throw new IllegalArgumentException("one source per joined dataset: " + sources.size() + " for "
                    + request.sources().size());
        }
        List<DatasetAccess> accesses = new ArrayList<>(sources.size());
        sources.forEach(source -> accesses.add(policy.access(source.target())));
        for (JoinRequest.Source source : request.sources()) {
            for (JoinRequest.KeyPair pair : source.on()) {
                accesses.get(pair.earlier().source()).checkJoinUse("on", pair.earlier().field());
                accesses.get(pair.joined().source()).checkJoinUse("on", pair.joined().field());
            }
        }
        for (JoinField field : request.whereFields()) {
            checkedAccess(accesses, field).checkJoinUse("where", field.field());
        }
        for (JoinRequest.Sort sort : request.orderBy()) {
            checkedAccess(accesses, sort.field()).checkJoinUse("orderBy", sort.field().field());
        }
        return accesses;
    }

    /**
     * Scans the join for {@code request} under {@code policy}, streaming the whole result to a consumer of Arrow
     * batches as the port sends them: only the {@code shown} columns, in order, masked ones masked. The columns the
     * subject may not see are not fetched. The read is recorded for the audit event, one entry per joined dataset.
     *
     * @param sources       the joined datasets, parallel to {@code request.sources()}, all of one port
     * @param shown         the columns handed on, in order, each among the request's selected columns and visible
     *                      to the subject (one may be handed on twice)
     * @param streamTimeout how long the port's stream may take
     * @param consumers     a new consumer for each attempt of the port read
     * @throws io.portico.schema.error.PorticoException as {@link #check}, at once; planning and port errors complete
     *                                                  the future exceptionally
     */
    public <T> CompletableFuture<T> scan(List<DatasetSource> sources, RequestPolicy policy, JoinRequest request,
            List<JoinField> shown, Duration streamTimeout, Supplier<? extends BatchConsumer<T>> consumers) {
        List<DatasetAccess> accesses = check(sources, policy, request);
        List<JoinField> visible = request.selected().stream()
                .filter(field -> !accesses.get(field.source()).decision(field.field()).isDenied())
                .toList();
        if (!visible.containsAll(shown)) {
            throw new IllegalArgumentException("shown columns " + shown + " not all among the visible selected"
                    + " columns " + visible);
        }
        JoinRequest fetched = request.withSelected(visible);
        List<CompletableFuture<Condition>> filters = new ArrayList<>();
        for (int index = 0; index < sources.size(); index++) {
            filters.add(rowFilters.condition(sources.get(index).binding(), accesses.get(index).rowFilter()));
        }
        return CompletableFuture.allOf(filters.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            JoinPlan plan = planner.plan(fetched, filters.stream().map(CompletableFuture::join).toList());
            int[] positions = shown.stream().mapToInt(plan::columnIndex).toArray();
            ColumnMasks masks = masks(plan, accesses);
            long maxRows = request.limit().orElse(Long.MAX_VALUE);
            List<org.apache.arrow.vector.types.pojo.Field> columns = plan.fields().stream()
                    .map(FieldBinding::arrowField).toList();
            AtomicReference<ShownBatchConsumer<T>> last = new AtomicReference<>();
            return CompletableFuture.supplyAsync(() -> sources.getFirst().port().pull(plan.portId(),
                    plan.statement(), columns, streamTimeout, () -> {
                        ShownBatchConsumer<T> consumer = new ShownBatchConsumer<>(positions, masks, maxRows,
                                consumers.get());
                        last.set(consumer);
                        return consumer;
                    }), executor).whenComplete((result, failure) -> {
                        ShownBatchConsumer<T> consumer = last.get();
                        long rows = consumer == null ? 0 : consumer.rows();
                        for (int index = 0; index < sources.size(); index++) {
                            policy.recordRead(accesses.get(index).audit(JoinRequest.fieldsOf(index, visible),
                                    request.joinKeys(index), rows));
                        }
                    });
        });
    }

    private static DatasetAccess checkedAccess(List<DatasetAccess> accesses, JoinField field) {
        if (field.source() >= accesses.size()) {
            throw new IllegalArgumentException("no dataset " + field.source() + " in the join");
        }
        return accesses.get(field.source());
    }

    /** Each dataset's masks over the joined result's columns, as one set of masks by position. */
    private static ColumnMasks masks(JoinPlan plan, List<DatasetAccess> accesses) {
        Map<Integer, Mask> byColumn = new HashMap<>();
        HashKey hashKey = null;
        for (int source = 0; source < accesses.size(); source++) {
            Map<Integer, String> columns = new HashMap<>();
            for (int column = 0; column < plan.columns().size(); column++) {
                if (plan.columns().get(column).source() == source) {
                    columns.put(column, plan.columns().get(column).field());
                }
            }
            ColumnMasks masks = accesses.get(source).masks(columns);
            byColumn.putAll(masks.byColumn());
            hashKey = masks.hashKey() != null ? masks.hashKey() : hashKey;
        }
        return byColumn.isEmpty() ? ColumnMasks.NONE : new ColumnMasks(byColumn, java.util.Set.of(), hashKey);
    }
}

package io.portico.gateway.read;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.portico.gateway.plan.AggregatePlan;
import io.portico.gateway.plan.AggregateRequest;
import io.portico.gateway.plan.DatasetRequest;
import io.portico.gateway.plan.PortQuery;
import io.portico.gateway.plan.QueryPlan;
import io.portico.gateway.plan.QueryPlanner;
import io.portico.gateway.plan.RelatedAggregatePlan;
import io.portico.gateway.plan.RelatedRowsPlan;
import io.portico.gateway.policy.DatasetAccess;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.gateway.policy.RowFilterConditions;
import io.portico.gateway.tracing.GatewayTracing;
import io.portico.gateway.tracing.TracingPortReader;
import io.portico.gateway.port.BatchConsumer;
import io.portico.gateway.port.ColumnMasks;
import io.portico.gateway.port.ColumnarResult;
import io.portico.gateway.port.PortReader;
import io.portico.gateway.port.ShownBatchConsumer;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.arrow.vector.types.pojo.Field;
import org.jooq.Condition;

/**
 * Reads datasets under a request's policy, for every front door: check, visible columns, row filter, plan, port
 * read, masks, denied fields. What the subject may see of a dataset decides each step:
 *
 * <ul>
 *   <li>a filter or sort on a field the subject may not see as it is is refused before any port is called;</li>
 *   <li>denied fields are not fetched, or fetched for a cursor and withheld (null in every row); each selected
 *       denied field comes back as a {@link io.portico.gateway.policy.DeniedField} for the caller to report;</li>
 *   <li>the row filter is part of the SQL; masked columns are masked on the Arrow batches as they arrive;</li>
 *   <li>a key the subject may not see as it is does not order rows by its values.</li>
 * </ul>
 *
 * <p>Each read is recorded in the request's policy for its audit event ({@link RequestPolicy#recordRead}), which the
 * front door emits when its answer is complete. Port calls run on {@code executor}; the page and its count (when
 * asked for) in parallel, and the statements of a related batch all at once.
 */
public final class DatasetReader {

    private final QueryPlanner planner;
    private final RowFilterConditions rowFilters;
    private final Executor executor;
    private final JoinReader joins;
    private final GatewayTracing tracing;

    /**
     * @param planner    plans requests for their port
     * @param rowFilters renders row filters for the schema's ports
     * @param executor   runs port calls (blocking I/O)
     */
    public DatasetReader(QueryPlanner planner, RowFilterConditions rowFilters, Executor executor) {
        this(planner, rowFilters, executor, GatewayTracing.OFF);
    }

    /** @param tracing makes the {@code policy decision} and {@code plan} spans of each read */
    public DatasetReader(QueryPlanner planner, RowFilterConditions rowFilters, Executor executor,
            GatewayTracing tracing) {
        this.tracing = requireNonNull(tracing, "tracing is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.rowFilters = requireNonNull(rowFilters, "rowFilters is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.joins = new JoinReader(planner.joins(), rowFilters, executor);
    }

    /** The reader of joins of datasets served by one port, under the same policies ({@link JoinReader}). */
    public JoinReader joins() {
        return joins;
    }

    /**
     * Reads one page of {@code source} for {@code request} under {@code policy}.
     *
     * @throws PorticoException {@code FORBIDDEN} at once for a filter or sort on a field the subject may not see as
     *                          it is; planning and port errors complete the future exceptionally
     */
    public CompletableFuture<DatasetPage> page(DatasetSource source, RequestPolicy policy, DatasetRequest request) {
        return underPolicy(source, policy, request, (access, rowFilter) -> page(source, policy, access, request,
                rowFilter));
    }

    private CompletableFuture<DatasetPage> page(DatasetSource source, RequestPolicy policy, DatasetAccess access,
            DatasetRequest request, Condition rowFilter) {
        DatasetBinding binding = source.binding();
        QueryPlan plan = planPage(binding, access, access.visible(request), rowFilter);
        ColumnMasks masks = access.masks(plan);
        List<Field> columns = columns(plan);
        CompletableFuture<ColumnarResult> rows = CompletableFuture.supplyAsync(
                () -> source.port().read(binding.portId(), plan.pageQuery(), columns, plan.pageSize() + 1, masks),
                portCalls(policy));
        CompletableFuture<Long> totalCount = plan.countQuery()
                .map(count -> CompletableFuture.supplyAsync(() -> count(source, count), portCalls(policy)))
                .orElseGet(() -> CompletableFuture.completedFuture(null));
        return rows.thenCombine(totalCount, (result, total) -> {
            DatasetPage page = new DatasetPage(plan, result, total, access.withheld(binding),
                    access.deniedFields(request.selectedFields()));
            policy.recordRead(access.audit(request.selectedFields(), request.joinFields(), page.size()));
            return page;
        });
    }

    /**
     * Streams one page of {@code source} for {@code request} under {@code policy} to a consumer of Arrow batches, as
     * the port sends them, undecoded: only the selected fields the subject may see, in the order selected, masked
     * ones masked, at most {@code first} rows ({@link ShownBatchConsumer}). For a front door that forwards batches
     * (a Flight SQL endpoint); the read is recorded for the audit event as a page is.
     *
     * @param consumers a new consumer for each attempt of the port read
     * @throws PorticoException as {@link #page}
     */
    public <T> CompletableFuture<T> stream(DatasetSource source, RequestPolicy policy, DatasetRequest request,
            Supplier<? extends BatchConsumer<T>> consumers) {
        DatasetBinding binding = source.binding();
        return underPolicy(source, policy, request, (access, rowFilter) -> {
            DatasetRequest visible = access.visible(request);
            QueryPlan plan = planPage(binding, access, visible, rowFilter);
            int[] shown = visible.selectedFields().stream().mapToInt(plan::columnIndex).toArray();
            ColumnMasks masks = access.masks(plan);
            AtomicReference<ShownBatchConsumer<T>> last = new AtomicReference<>();
            return CompletableFuture.supplyAsync(() -> source.port().stream(binding.portId(), plan.pageQuery(),
                    columns(plan), () -> {
                        ShownBatchConsumer<T> consumer = new ShownBatchConsumer<>(shown, masks, plan.pageSize(),
                                consumers.get());
                        last.set(consumer);
                        return consumer;
                    }), portCalls(policy)).thenApply(result -> {
                        policy.recordRead(access.audit(request.selectedFields(), last.get().rows()));
                        return result;
                    });
        });
    }

    /**
     * Scans {@code source} for {@code request} under {@code policy}, streaming the whole result to a consumer of
     * Arrow batches as the port sends them ({@link PortReader#pull}): a front door's bulk read, such as a SQL
     * {@code SELECT} at the Flight SQL endpoint. As {@link #stream}, only the selected fields the subject may see
     * reach the consumer, in the order selected, masked ones masked; unlike it, no page size bounds the rows, the
     * order is only what {@code orderBy} asks ({@link QueryPlanner#planScan}), and {@code offset} and {@code limit}
     * apply. The read is recorded for the audit event with the rows handed on.
     *
     * @param shownFields   the GraphQL names of the columns handed on, in order, each among the request's selected
     *                      fields (one may be handed on twice, as {@code SELECT a, a} asks)
     * @param offset        the rows skipped first
     * @param limit         the most rows, or empty for all
     * @param streamTimeout how long the port's stream may take
     * @param consumers     a new consumer for each attempt of the port read
     * @throws PorticoException as {@link #page}
     */
    public <T> CompletableFuture<T> scan(DatasetSource source, RequestPolicy policy, DatasetRequest request,
            List<String> shownFields, long offset, OptionalLong limit, Duration streamTimeout,
            Supplier<? extends BatchConsumer<T>> consumers) {
        DatasetBinding binding = source.binding();
        return underPolicy(source, policy, request, (access, rowFilter) -> {
            DatasetRequest visible = access.visible(request);
            QueryPlan plan = planner.planScan(binding, visible, rowFilter, offset, limit);
            int[] shown = shownFields.stream().mapToInt(plan::columnIndex).toArray();
            if (java.util.Arrays.stream(shown).anyMatch(column -> column < 0)) {
                throw new IllegalArgumentException("shown fields " + shownFields + " not all among the visible"
                        + " selected fields " + visible.selectedFields());
            }
            ColumnMasks masks = access.masks(plan);
            long maxRows = limit.orElse(Long.MAX_VALUE);
            AtomicReference<ShownBatchConsumer<T>> last = new AtomicReference<>();
            return CompletableFuture.supplyAsync(() -> source.port().pull(binding.portId(), plan.pageQuery(),
                    columns(plan), streamTimeout, () -> {
                        ShownBatchConsumer<T> consumer = new ShownBatchConsumer<>(shown, masks, maxRows,
                                consumers.get());
                        last.set(consumer);
                        return consumer;
                    }), portCalls(policy)).whenComplete((result, failure) -> {
                        ShownBatchConsumer<T> consumer = last.get();
                        policy.recordRead(access.audit(visible.selectedFields(),
                                consumer == null ? 0 : consumer.rows()));
                    });
        });
    }

    /**
     * Reads the rows of {@code source} related to a batch of parent keys: those whose {@code matchFields} equal a
     * key, one statement per {@code keysPerStatement} keys, all sent at once. One-to-many ({@code perKeyPage}): the
     * request's filter, order and cursor apply to each key, which gets its own page; many-to-one: one row per key.
     *
     * @param matchFields GraphQL names of the target fields compared with the keys, in key order
     * @param keys        the parents' keys (normalized, see {@link #normalizedKey}); duplicates and keys holding a
     *                    null are read once or not at all
     * @throws PorticoException as {@link #page}
     */
    public CompletableFuture<RelatedRows> related(DatasetSource source, RequestPolicy policy, DatasetRequest request,
            List<String> matchFields, List<List<Object>> keys, boolean perKeyPage, int keysPerStatement) {
        return underPolicy(source, policy, request, (access, rowFilter) -> related(source, policy, access, request,
                rowFilter, matchFields, keys, perKeyPage, keysPerStatement));
    }

    private CompletableFuture<RelatedRows> related(DatasetSource source, RequestPolicy policy, DatasetAccess access,
            DatasetRequest request, Condition rowFilter, List<String> matchFields, List<List<Object>> keys,
            boolean perKeyPage, int keysPerStatement) {
        DatasetBinding binding = source.binding();
        List<List<Object>> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        // Any list of keys: List.of(...) answers contains(null) with a NullPointerException.
        distinct.removeIf(key -> key.stream().anyMatch(Objects::isNull));
        RelatedRowsPlan plan = planner.planRelated(binding, access.visible(request), rowFilter, matchFields, distinct,
                perKeyPage, keysPerStatement, access.keyOrder(binding));
        ColumnMasks masks = access.masks(plan.shape());
        List<Field> columns = columns(plan.shape());
        int expectedRows = perKeyPage ? Math.max(1, plan.shape().pageSize() + 1) : keysPerStatement;
        List<CompletableFuture<ColumnarResult>> chunks = new ArrayList<>();
        for (PortQuery statement : plan.statements()) {
            chunks.add(CompletableFuture.supplyAsync(
                    () -> source.port().read(binding.portId(), statement, columns, expectedRows, masks),
                    portCalls(policy)));
        }
        List<CompletableFuture<ColumnarResult>> counts = new ArrayList<>();
        for (PortQuery statement : plan.countStatements()) {
            counts.add(CompletableFuture.supplyAsync(
                    () -> source.port().read(binding.portId(), statement, null, keysPerStatement, ColumnMasks.NONE),
                    portCalls(policy)));
        }
        List<CompletableFuture<ColumnarResult>> all = new ArrayList<>(chunks);
        all.addAll(counts);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<List<Object>, RelatedRows.KeyRows> byKey = new HashMap<>();
            long rowsShown = 0;
            for (CompletableFuture<ColumnarResult> chunk : chunks) {
                rowsShown += groupByKey(plan, chunk.join(), perKeyPage, byKey);
            }
            RelatedRows related = new RelatedRows(plan, byKey, totals(plan, counts), access.withheld(binding),
                    access.deniedFields(request.selectedFields()));
            policy.recordRead(access.audit(request.selectedFields(), plan.shape().joinFields(), rowsShown));
            return related;
        });
    }

    /**
     * Aggregates {@code source} for {@code request} under {@code policy}: one statement, computed by the port, over
     * the rows the row filter lets the subject see. Recorded for the audit event as a page is: the fields read and
     * the number of groups returned.
     *
     * @throws PorticoException {@code FORBIDDEN} at once for a request that filters, groups, aggregates or sorts on
     *                          a field the subject may not see as it is ({@link DatasetAccess#checkAggregate});
     *                          planning and port errors complete the future exceptionally
     */
    public CompletableFuture<DatasetAggregate> aggregate(DatasetSource source, RequestPolicy policy,
            AggregateRequest request) {
        DatasetBinding binding = source.binding();
        return underPolicy(source, policy, access -> access.checkAggregate(request), (access, rowFilter) -> {
            AggregatePlan plan = planner.aggregates().plan(binding, request, rowFilter);
            int expectedGroups = request.groupBy().isEmpty() ? 1 : request.first();
            return CompletableFuture.supplyAsync(() -> source.port().read(binding.portId(), plan.statement(), null,
                    expectedGroups, ColumnMasks.NONE), portCalls(policy)).thenApply(result -> {
                        DatasetAggregate aggregate = new DatasetAggregate(plan, result);
                        policy.recordRead(access.audit(List.copyOf(request.fieldsRead()), aggregate.groups()));
                        return aggregate;
                    });
        });
    }

    /**
     * Aggregates the rows of {@code source} related to a batch of parent keys (a one-to-many relationship's aggregate
     * field): per key, the aggregate of the rows whose {@code matchFields} equal it, one statement per
     * {@code keysPerStatement} keys, all sent at once, under the same preamble and policy checks as
     * {@link #aggregate}.
     *
     * @param keys the parents' keys (normalized, see {@link #normalizedKey}); duplicates and keys holding a null are
     *             read once or not at all
     * @throws PorticoException as {@link #aggregate}
     */
    public CompletableFuture<RelatedAggregates> relatedAggregates(DatasetSource source,
            RequestPolicy policy, AggregateRequest request, List<String> matchFields, List<List<Object>> keys,
            int keysPerStatement) {
        DatasetBinding binding = source.binding();
        return underPolicy(source, policy, access -> access.checkAggregate(request), (access, rowFilter) -> {
            List<List<Object>> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
            distinct.removeIf(key -> key.stream().anyMatch(Objects::isNull));
            RelatedAggregatePlan plan = planner.aggregates().planRelated(binding, request, rowFilter, matchFields,
                    distinct, keysPerStatement);
            List<CompletableFuture<ColumnarResult>> chunks = new ArrayList<>();
            for (PortQuery statement : plan.statements()) {
                chunks.add(CompletableFuture.supplyAsync(() -> source.port().read(binding.portId(), statement, null,
                        keysPerStatement, ColumnMasks.NONE), portCalls(policy)));
            }
            return CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new)).thenApply(done -> {
                Map<List<Object>, DatasetAggregate> byKey = new HashMap<>();
                long groups = 0;
                for (CompletableFuture<ColumnarResult> chunk : chunks) {
                    groups += aggregatesByKey(plan, chunk.join(), byKey);
                }
                policy.recordRead(access.audit(List.copyOf(request.fieldsRead()), matchFields, groups));
                return new RelatedAggregates(plan, byKey);
            });
        });
    }

    /** Adds each key's groups of one statement's result to {@code byKey}; answers how many groups it held. */
    private static int aggregatesByKey(RelatedAggregatePlan plan, ColumnarResult result,
            Map<List<Object>, DatasetAggregate> byKey) {
        int keyColumns = plan.matchFields().size();
        Map<List<Object>, List<Integer>> rowsByKey = new LinkedHashMap<>();
        for (int row = 0; row < result.rowCount(); row++) {
            List<Object> key = new ArrayList<>(keyColumns);
            for (int column = 0; column < keyColumns; column++) {
                key.add(normalizedKey(result.value(column, row)));
            }
            rowsByKey.computeIfAbsent(key, unused -> new ArrayList<>()).add(row);
        }
        rowsByKey.forEach((key, rows) -> byKey.putIfAbsent(key, new DatasetAggregate(plan.shape(), result,
                rows.stream().mapToInt(Integer::intValue).toArray())));
        return result.rowCount();
    }

    /**
     * What every read does first: what the subject may see of the dataset, the request checked against it at once (a
     * refused request calls no port), and the row filter rendered for the port; then {@code read}.
     */
    private <T> CompletableFuture<T> underPolicy(DatasetSource source, RequestPolicy policy, DatasetRequest request,
            BiFunction<DatasetAccess, Condition, CompletableFuture<T>> read) {
        return underPolicy(source, policy, access -> access.checkArguments(request), read);
    }

    /** {@link #underPolicy(DatasetSource, RequestPolicy, DatasetRequest, BiFunction)} with its own argument check. */
    private <T> CompletableFuture<T> underPolicy(DatasetSource source, RequestPolicy policy,
            Consumer<DatasetAccess> check, BiFunction<DatasetAccess, Condition, CompletableFuture<T>> read) {
        DatasetAccess access;
        Span span = tracing.start("policy decision");
        try (Scope ignored = span.makeCurrent()) {
            span.setAttribute(TracingPortReader.PORT_ID, source.binding().portId());
            access = policy.access(source.target());
            check.accept(access);
        } catch (RuntimeException e) {
            GatewayTracing.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
        return rowFilters.condition(source.binding(), access.rowFilter())
                .thenCompose(rowFilter -> read.apply(access, rowFilter));
    }

    /**
     * Where the port calls of a request run: on the executor, each reporting to the request's ledger of cached reads
     * ({@link RequestPolicy#cachedReads}), which says how long an answer made of them may be kept.
     */
    private Executor portCalls(RequestPolicy policy) {
        return policy.cachedReads().around(executor);
    }

    /** The page plan of the visible request, ordered by the key as the subject may see it. */
    private QueryPlan planPage(DatasetBinding binding, DatasetAccess access, DatasetRequest visible,
            Condition rowFilter) {
        Span span = tracing.start("plan");
        try (Scope ignored = span.makeCurrent()) {
            span.setAttribute(TracingPortReader.PORT_ID, binding.portId());
            return planner.plan(binding, visible, rowFilter, access.keyOrder(binding));
        } catch (RuntimeException e) {
            GatewayTracing.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Adds each key's rows of one statement's result to {@code byKey}; answers how many rows are shown. */
    private static long groupByKey(RelatedRowsPlan plan, ColumnarResult result, boolean perKeyPage,
            Map<List<Object>, RelatedRows.KeyRows> byKey) {
        int[] matchColumns = new int[plan.matchFields().size()];
        for (int index = 0; index < matchColumns.length; index++) {
            matchColumns[index] = plan.shape().columnIndex(plan.matchFields().get(index).graphQLName());
        }
        Map<List<Object>, List<Integer>> rowsByKey = new LinkedHashMap<>();
        for (int row = 0; row < result.rowCount(); row++) {
            List<Object> key = new ArrayList<>(matchColumns.length);
            for (int column : matchColumns) {
                key.add(column < 0 ? null : normalizedKey(result.cursorValue(column, row)));
            }
            rowsByKey.computeIfAbsent(key, unused -> new ArrayList<>()).add(row);
        }
        long shown = 0;
        for (Map.Entry<List<Object>, List<Integer>> entry : rowsByKey.entrySet()) {
            int[] rows = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
            if (byKey.putIfAbsent(entry.getKey(), new RelatedRows.KeyRows(result, rows)) == null) {
                shown += perKeyPage ? Math.min(rows.length, plan.shape().pageSize()) : 1;
            }
        }
        return shown;
    }

    /** Per key, its number of matching rows; null when {@code totalCount} is not asked for. */
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

    private static Long count(DatasetSource source, PortQuery query) {
        DatasetBinding binding = source.binding();
        ColumnarResult result = source.port().read(binding.portId(), query, null, 1, ColumnMasks.NONE);
        if (result.rowCount() != 1 || result.columnCount() != 1 || !(result.value(0, 0) instanceof Number count)) {
            throw new PorticoException(ErrorCode.PORT_ERROR, "port '" + binding.portId() + "' answered the count of "
                    + binding.domain() + "." + binding.dataset() + " with " + result.rowCount() + " row(s) of "
                    + result.fields() + " instead of one number; report this to the team that owns the port");
        }
        return count.longValue();
    }

    private static List<Field> columns(QueryPlan plan) {
        return plan.columns().stream().map(FieldBinding::arrowField).toList();
    }

    /** A key value comparable across the two sides of a join: integers of any width as {@code Long}. */
    public static Object normalizedKey(Object value) {
        return switch (value) {
            case Integer integer -> integer.longValue();
            case Short integer -> integer.longValue();
            case Byte integer -> integer.longValue();
            case null, default -> value;
        };
    }
}

package io.portico.gateway.graphql;

import static java.util.Objects.requireNonNull;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;
import io.portico.gateway.plan.DatasetRequest;
import io.portico.gateway.plan.PortQuery;
import io.portico.gateway.plan.QueryPlan;
import io.portico.gateway.plan.QueryPlanner;
import io.portico.gateway.policy.DatasetAccess;
import io.portico.gateway.policy.DatasetPolicyTarget;
import io.portico.gateway.policy.QueryPolicies;
import io.portico.gateway.policy.RelationshipGuard;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.gateway.policy.RowFilterConditions;
import io.portico.gateway.port.ColumnMasks;
import io.portico.gateway.port.ColumnarResult;
import io.portico.gateway.port.FlightPortClient;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.compose.RelationshipBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.apache.arrow.vector.types.pojo.Field;
import org.jooq.Condition;

/**
 * Resolves one dataset connection field: turns its arguments and selection into a {@link DatasetRequest}, plans
 * it, runs the page query (and the count query, only when {@code totalCount} is selected, in parallel) at the
 * dataset's port, and answers a {@link ConnectionPage}. Bound at schema build time to its dataset and port, so a
 * request keeps using the schema it started on.
 */
final class DatasetFetcher implements DataFetcher<CompletableFuture<DataFetcherResult<ConnectionPage>>> {

    static final String WHERE = "where";
    static final String ORDER_BY = "orderBy";
    static final String FIRST = "first";
    static final String AFTER = "after";
    private static final String NODE_FIELDS = "nodes/*";
    private static final String EDGE_NODE_FIELDS = "edges/node/*";
    private static final String TOTAL_COUNT = "totalCount";

    private final DatasetBinding binding;
    private final DatasetPolicyTarget target;
    private final FlightPortClient port;
    private final QueryPlanner planner;
    private final QueryPolicies policies;
    private final Executor executor;
    private final int defaultPageSize;
    private final Map<String, RelationshipBinding> relationships;
    private final RelationshipGuard relationshipGuard;
    private final RowFilterConditions rowFilters;

    /**
     * @param binding         the dataset
     * @param target          what policies know the dataset by
     * @param port            the client of the dataset's port
     * @param planner         plans the request
     * @param policies        the policies the request is answered under
     * @param executor        runs the port calls (blocking I/O)
     * @param defaultPageSize the page size when {@code first} is null
     * @param relationships   the relationship fields of the dataset's node type, by name
     * @param relationshipGuard which relationship fields a request may follow
     * @param rowFilters      renders row filters for the schema's ports
     */
    DatasetFetcher(DatasetBinding binding, DatasetPolicyTarget target, FlightPortClient port, QueryPlanner planner,
            QueryPolicies policies, Executor executor, int defaultPageSize,
            Map<String, RelationshipBinding> relationships, RelationshipGuard relationshipGuard,
            RowFilterConditions rowFilters) {
        this.binding = requireNonNull(binding, "binding is null");
        this.target = requireNonNull(target, "target is null");
        this.port = requireNonNull(port, "port is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.defaultPageSize = defaultPageSize;
        this.relationships = Map.copyOf(relationships);
        this.relationshipGuard = requireNonNull(relationshipGuard, "relationshipGuard is null");
        this.rowFilters = requireNonNull(rowFilters, "rowFilters is null");
    }

    /**
     * Plans and runs the request under the subject's policy: arguments on hidden fields refused, denied fields not
     * fetched (or withheld), masked columns masked on the Arrow batches, the row filter in the SQL, a hidden key
     * not ordering the rows by its values; the keys of withheld relationship fields are not fetched. The page comes
     * back with one {@code FORBIDDEN} error per denied field selected, and the read is recorded for the audit.
     */
    @Override
    public CompletableFuture<DataFetcherResult<ConnectionPage>> get(DataFetchingEnvironment environment) {
        RequestPolicy policy = RequestPolicy.of(environment, policies);
        DatasetRequest request = request(environment, defaultPageSize, relationships,
                relationship -> relationshipGuard.withholds(policy, relationship));
        DatasetAccess access = policy.access(target);
        access.checkArguments(request);
        return rowFilters.condition(binding, access.rowFilter())
                .thenCompose(rowFilter -> page(environment, request, policy, access, rowFilter));
    }

    /** Plans the request under the rendered row filter, runs it and answers the page. */
    private CompletableFuture<DataFetcherResult<ConnectionPage>> page(DataFetchingEnvironment environment,
            DatasetRequest request, RequestPolicy policy, DatasetAccess access, Condition rowFilter) {
        QueryPlan plan = planner.plan(binding, access.visible(request), rowFilter, access.keyOrder(binding));
        ColumnMasks masks = access.masks(plan);
        List<Field> columns = plan.columns().stream().map(FieldBinding::arrowField).toList();
        CompletableFuture<ColumnarResult> rows = CompletableFuture.supplyAsync(
                () -> port.execute(binding.portId(), plan.pageQuery(), columns, plan.pageSize() + 1, masks), executor);
        CompletableFuture<Long> totalCount = plan.countQuery()
                .map(count -> CompletableFuture.supplyAsync(() -> count(count), executor))
                .orElseGet(() -> CompletableFuture.completedFuture(null));
        return rows.thenCombine(totalCount, (result, total) -> {
            ConnectionPage page = new ConnectionPage(plan, result, request.after() != null, total,
                    access.withheld(binding));
            policy.recordRead(access.audit(request.selectedFields(), request.joinFields(), page.size()));
            return DataFetcherResult.<ConnectionPage>newResult()
                    .data(page)
                    .errors(access.deniedFieldErrors(environment, nodeSelection(environment, relationships),
                            page.size()))
                    .build();
        });
    }

    /**
     * The data fields selected under the connection, through {@code nodes} and {@code edges.node}: not
     * {@code __typename}, not relationship fields.
     */
    static List<SelectedField> nodeSelection(DataFetchingEnvironment environment,
            Map<String, RelationshipBinding> relationships) {
        List<SelectedField> selected = new ArrayList<>();
        for (SelectedField field : environment.getSelectionSet().getFields(NODE_FIELDS, EDGE_NODE_FIELDS)) {
            if (!field.getName().startsWith("__") && !relationships.containsKey(field.getName())) {
                selected.add(field);
            }
        }
        return selected;
    }

    /**
     * The request of a dataset connection field: its coerced arguments and the node fields selected below it; a
     * selected relationship field is not a column: the fields it joins on are fetched instead
     * ({@link DatasetRequest#joinFields()}).
     *
     * @param defaultPageSize the page size when {@code first} is null
     * @param relationships   the relationship fields of the node type, by name
     */
    static DatasetRequest request(DataFetchingEnvironment environment, int defaultPageSize,
            Map<String, RelationshipBinding> relationships) {
        return request(environment, defaultPageSize, relationships, relationship -> false);
    }

    /**
     * {@link #request(DataFetchingEnvironment, int, Map)}, where the keys of a relationship field the subject may
     * not follow are not fetched: it is answered null without a join.
     *
     * @param withheld whether the request's subject may not follow a relationship field ({@link RelationshipGuard})
     */
    static DatasetRequest request(DataFetchingEnvironment environment, int defaultPageSize,
            Map<String, RelationshipBinding> relationships, Predicate<RelationshipBinding> withheld) {
        DataFetchingFieldSelectionSet selection = environment.getSelectionSet();
        Set<String> selectedFields = new LinkedHashSet<>();
        Set<String> joinFields = new LinkedHashSet<>();
        for (SelectedField field : selection.getFields(NODE_FIELDS, EDGE_NODE_FIELDS)) {
            addSelected(field, relationships, selectedFields, joinFields, withheld);
        }
        Integer first = environment.getArgument(FIRST);
        return new DatasetRequest(
                List.copyOf(selectedFields),
                WhereArgument.read(environment.getArgument(WHERE)),
                OrderByArgument.read(environment.getArgument(ORDER_BY)),
                first == null ? defaultPageSize : first,
                environment.getArgument(AFTER),
                selection.contains(TOTAL_COUNT),
                List.copyOf(joinFields));
    }

    /**
     * Adds a selected node field to the data fields, or, for a relationship field the subject may follow, its keys
     * to the join fields.
     */
    static void addSelected(SelectedField field, Map<String, RelationshipBinding> relationships,
            Set<String> selectedFields, Set<String> joinFields, Predicate<RelationshipBinding> withheld) {
        if (field.getName().startsWith("__")) {
            return;
        }
        RelationshipBinding relationship = relationships.get(field.getName());
        if (relationship == null) {
            selectedFields.add(field.getName());
        } else if (!withheld.test(relationship)) {
            joinFields.addAll(relationship.ownerFields());
        }
    }

    private Long count(PortQuery query) {
        ColumnarResult result = port.execute(binding.portId(), query, null, 1);
        if (result.rowCount() != 1 || result.columnCount() != 1 || !(result.value(0, 0) instanceof Number count)) {
            throw new PorticoException(ErrorCode.PORT_ERROR, "port '" + binding.portId() + "' answered the count of "
                    + binding.domain() + "." + binding.dataset() + " with " + result.rowCount() + " row(s) of "
                    + result.fields() + " instead of one number; report this to the team that owns the port");
        }
        return count.longValue();
    }
}

package io.portico.gateway.graphql;

import static java.util.Objects.requireNonNull;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;
import io.portico.gateway.plan.DatasetRequest;
import io.portico.gateway.policy.QueryPolicies;
import io.portico.gateway.policy.RelationshipGuard;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.gateway.read.DatasetReader;
import io.portico.gateway.read.DatasetSource;
import io.portico.schema.compose.RelationshipBinding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Resolves one dataset connection field: reads its arguments and selection into a {@link DatasetRequest}, has the
 * {@link DatasetReader} read the page under the request's policy, and answers a {@link ConnectionPage} with one
 * {@code FORBIDDEN} error per denied field selected. Bound at schema build time to its dataset and port, so a
 * request keeps using the schema it started on.
 */
final class DatasetFetcher implements DataFetcher<CompletableFuture<DataFetcherResult<ConnectionPage>>> {

    static final String WHERE = "where";
    static final String ORDER_BY = "orderBy";
    static final String FIRST = "first";
    static final String AFTER = "after";
    private static final String NODES = "nodes";
    private static final String EDGE_NODES = "edges/node";
    private static final String TOTAL_COUNT = "totalCount";

    private final DatasetSource source;
    private final DatasetReader reader;
    private final QueryPolicies policies;
    private final int defaultPageSize;
    private final Map<String, RelationshipBinding> relationships;
    private final RelationshipGuard relationshipGuard;

    /**
     * @param source            the dataset, what policies know it by, and its port
     * @param reader            reads pages under a request's policy
     * @param policies          the policies the request is answered under
     * @param defaultPageSize   the page size when {@code first} is null
     * @param relationships     the relationship fields of the dataset's node type, by name
     * @param relationshipGuard which relationship fields a request may follow
     */
    DatasetFetcher(DatasetSource source, DatasetReader reader, QueryPolicies policies, int defaultPageSize,
            Map<String, RelationshipBinding> relationships, RelationshipGuard relationshipGuard) {
        this.source = requireNonNull(source, "source is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.defaultPageSize = defaultPageSize;
        this.relationships = Map.copyOf(relationships);
        this.relationshipGuard = requireNonNull(relationshipGuard, "relationshipGuard is null");
    }

    /**
     * Reads the page under the subject's policy ({@link DatasetReader#page}); the keys of withheld relationship
     * fields are not fetched.
     */
    @Override
    public CompletableFuture<DataFetcherResult<ConnectionPage>> get(DataFetchingEnvironment environment) {
        RequestPolicy policy = PolicyErrors.requestPolicy(environment, policies);
        DatasetRequest request = request(environment, defaultPageSize, relationships,
                relationship -> relationshipGuard.withholds(policy, relationship));
        return reader.page(source, policy, request).thenApply(read -> {
            ConnectionPage page = new ConnectionPage(read.plan(), read.rows(), request.after() != null,
                    read.totalCount(), read.withheld());
            DataFetcherResult.Builder<ConnectionPage> result = DataFetcherResult.<ConnectionPage>newResult().data(page);
            if (!read.denied().isEmpty()) {
                result.errors(PolicyErrors.deniedFieldErrors(environment, nodeSelection(environment, relationships),
                        read.denied(), page.size()));
            }
            return result.build();
        });
    }

    /**
     * The data fields selected under the connection, through {@code nodes} and {@code edges.node}: not
     * {@code __typename}, not relationship fields.
     */
    static List<SelectedField> nodeSelection(DataFetchingEnvironment environment,
            Map<String, RelationshipBinding> relationships) {
        List<SelectedField> selected = new ArrayList<>();
        for (SelectedField field : SelectionPaths.childrenOf(environment.getSelectionSet(), NODES, EDGE_NODES)) {
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
        for (SelectedField field : SelectionPaths.childrenOf(selection, NODES, EDGE_NODES)) {
            addSelected(field, relationships, selectedFields, joinFields, withheld);
        }
        Integer first = environment.getArgument(FIRST);
        return new DatasetRequest(
                List.copyOf(selectedFields),
                WhereArgument.read(environment.getArgument(WHERE)),
                OrderByArgument.read(environment.getArgument(ORDER_BY)),
                first == null ? defaultPageSize : first,
                environment.getArgument(AFTER),
                SelectionPaths.selectsDirectly(selection, TOTAL_COUNT),
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
}

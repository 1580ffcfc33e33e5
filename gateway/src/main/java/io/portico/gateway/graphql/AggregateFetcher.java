package io.portico.gateway.graphql;

import static java.util.Objects.requireNonNull;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;
import io.portico.gateway.plan.AggregateFunction;
import io.portico.gateway.plan.AggregateRequest;
import io.portico.gateway.plan.AggregateRequest.GroupKey;
import io.portico.gateway.plan.AggregateRequest.Measure;
import io.portico.gateway.policy.QueryPolicies;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.gateway.read.DatasetAggregate;
import io.portico.gateway.read.DatasetReader;
import io.portico.gateway.read.DatasetSource;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Resolves one dataset aggregate field ({@code ordersAggregate}): reads its arguments ({@link AggregateArguments},
 * {@link WhereArgument}) and selection into an {@link AggregateRequest}, has the {@link DatasetReader} aggregate under
 * the request's policy, and answers the aggregate as maps of the selected values (the aggregate, group, key and
 * per-function types resolve by name). Bound at schema build time to its dataset and port.
 */
final class AggregateFetcher implements DataFetcher<CompletableFuture<Map<String, Object>>> {

    private static final String GROUPS = "groups";
    private static final String COUNT = "count";
    private static final String TOTAL_COUNT = "totalCount";

    private final DatasetSource source;
    private final DatasetReader reader;
    private final QueryPolicies policies;
    private final int defaultGroups;

    /**
     * @param source        the dataset, what policies know it by, and its port
     * @param reader        reads aggregates under a request's policy
     * @param policies      the policies the request is answered under
     * @param defaultGroups the most groups when {@code first} is null
     */
    AggregateFetcher(DatasetSource source, DatasetReader reader, QueryPolicies policies, int defaultGroups) {
        this.source = requireNonNull(source, "source is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.defaultGroups = defaultGroups;
    }

    @Override
    public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment environment) {
        RequestPolicy policy = PolicyErrors.requestPolicy(environment, policies);
        AggregateRequest request = request(environment, defaultGroups);
        return reader.aggregate(source, policy, request).thenApply(aggregate -> answer(aggregate));
    }

    /**
     * The request of an aggregate field: its arguments, and the aggregates selected under it (on the whole set or
     * under {@code groups}); with {@code groupBy}, aggregates on the whole set are refused: they would need a
     * second statement.
     *
     * @throws PorticoException {@code BAD_USER_INPUT} for an argument that cannot be read
     */
    static AggregateRequest request(DataFetchingEnvironment environment, int defaultGroups) {
        DataFetchingFieldSelectionSet selection = environment.getSelectionSet();
        List<GroupKey> groupBy = AggregateArguments.groupBy(environment.getArgument(AggregateArguments.GROUP_BY),
                environment.getArgument(AggregateArguments.BUCKETS));
        List<SelectedField> selected = selection.getFields();
        Set<Measure> overAll = measures(selected, "");
        if (!groupBy.isEmpty() && (!overAll.isEmpty() || SelectionPaths.selectsDirectly(selection, COUNT))) {
            throw new PorticoException(ErrorCode.BAD_USER_INPUT, "with 'groupBy', read the aggregates under 'groups';"
                    + " for the aggregates over all rows, alias a second field without 'groupBy'");
        }
        Set<Measure> measures = new LinkedHashSet<>(overAll);
        measures.addAll(measures(selected, GROUPS + "/"));
        Integer first = environment.getArgument(DatasetFetcher.FIRST);
        return new AggregateRequest(
                WhereArgument.read(environment.getArgument(DatasetFetcher.WHERE)),
                groupBy,
                List.copyOf(measures),
                AggregateArguments.orderBy(environment.getArgument(DatasetFetcher.ORDER_BY)),
                first == null ? defaultGroups : first,
                AggregateArguments.timeZone(environment.getArgument(AggregateArguments.TIME_ZONE)),
                SelectionPaths.selectsDirectly(selection, TOTAL_COUNT));
    }

    /**
     * The measures selected under {@code prefix} ("" or "groups/"): {@code sum { totalAmount }} and the like, by
     * function in {@link AggregateFunction} order, then in the order selected; one walk of the selection.
     */
    private static Set<Measure> measures(List<SelectedField> selected, String prefix) {
        Map<AggregateFunction, Set<String>> fieldsByFunction = new EnumMap<>(AggregateFunction.class);
        for (SelectedField field : selected) {
            String path = field.getQualifiedName();
            int slash = path.indexOf('/', prefix.length());
            if (!path.startsWith(prefix) || slash < 0 || path.indexOf('/', slash + 1) >= 0
                    || field.getName().startsWith("__")) {
                continue;
            }
            AggregateFunction function = AggregateFunction.named(path.substring(prefix.length(), slash));
            if (function != null) {
                fieldsByFunction.computeIfAbsent(function, ignored -> new LinkedHashSet<>()).add(field.getName());
            }
        }
        Set<Measure> measures = new LinkedHashSet<>();
        fieldsByFunction.forEach((function, fields) -> fields.forEach(name -> measures.add(new Measure(function, name))));
        return measures;
    }

    /**
     * The aggregate as the GraphQL types read it: maps by field name, only what was asked for. Without
     * {@code groupBy}, the whole-set values; for a relationship's parent without rows, a count of 0 and no group.
     */
    static Map<String, Object> answer(DatasetAggregate aggregate) {
        AggregateRequest request = aggregate.plan().request();
        Map<String, Object> answer = new LinkedHashMap<>();
        if (request.totalCountRequested()) {
            answer.put(TOTAL_COUNT, aggregate.totalCount());
        }
        List<Map<String, Object>> groups = new ArrayList<>(aggregate.groups());
        for (int group = 0; group < aggregate.groups(); group++) {
            Map<String, Object> values = values(aggregate, group);
            Map<String, Object> key = new LinkedHashMap<>();
            for (GroupKey groupKey : request.groupBy()) {
                key.put(groupKey.field(), aggregate.key(group, groupKey.field()));
            }
            values.put("key", key);
            groups.add(values);
        }
        answer.put(GROUPS, groups);
        if (request.groupBy().isEmpty() && aggregate.groups() == 1) {
            answer.putAll(values(aggregate, 0));
        } else if (request.groupBy().isEmpty()) {
            answer.put(COUNT, 0L);
        }
        return answer;
    }

    /** A group's row count and its measures, by function then field. */
    private static Map<String, Object> values(DatasetAggregate aggregate, int group) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(COUNT, aggregate.count(group));
        for (Measure measure : aggregate.plan().request().measures()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> byField = (Map<String, Object>) values.computeIfAbsent(
                    measure.function().argumentName(), function -> new LinkedHashMap<String, Object>());
            byField.put(measure.field(), aggregate.value(group, measure));
        }
        return values;
    }
}

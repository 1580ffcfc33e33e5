package io.portico.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.GraphQLSchema;
import graphql.schema.SelectedField;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.portico.gateway.plan.AggregateFunction;
import io.portico.gateway.plan.AggregateRequest;
import io.portico.gateway.plan.AggregateRequest.Measure;
import io.portico.gateway.plan.DatasetRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SelectionPaths}, and the dataset and aggregate requests read through it, answer what graphql-java's glob
 * methods of the selection set answer ({@code getFields("nodes/*", "edges/node/*")}, {@code contains(name)},
 * {@code getFields("sum/*")}), which the fetchers asked before: the same field objects in the same order, over
 * aliases, repeated fields, fragments, directives, {@code __typename} and nested selections.
 */
class SelectionPathsTest {

    private static final String SDL = """
            type Query { orders: OrderConnection aggregate: OrdersAggregate }
            type OrderConnection { nodes: [Order] edges: [OrderEdge] totalCount: Int }
            type OrderEdge { node: Order cursor: String }
            type Order { id: ID status: String customer: Customer }
            type Customer { name: String }
            type OrdersAggregate { totalCount: Int count: Int sum: Numbers avg: Numbers min: Numbers max: Numbers
              countDistinct: Numbers groups: [OrderGroup] }
            type OrderGroup { count: Int sum: Numbers avg: Numbers min: Numbers max: Numbers countDistinct: Numbers
              key: OrderKey }
            type Numbers { amount: Float quantity: Int }
            type OrderKey { status: String }
            """;

    static Stream<Arguments> connections() {
        return Stream.of(
                "{ orders { totalCount nodes { id status } } }",
                "{ orders { edges { cursor node { status id customer { name } } } nodes { id __typename } } }",
                "{ orders { a: nodes { x: id status y: id } b: nodes { status customer { name } } edges { node { ...F } }"
                        + " } } fragment F on Order { id ... on Order { status } }",
                "query { orders { nodes { id @skip(if: true) status } totalCount @include(if: false) } }",
                "query { orders { nodes { id @skip(if: false) } totalCount @include(if: true) edges { cursor } } }",
                "{ orders { __typename } }",
                "{ orders { edges { node { id } } nodes { status } n: nodes { id } } }")
                .map(Arguments::of);
    }

    static Stream<Arguments> aggregates() {
        return Stream.of(
                "{ aggregate { totalCount count sum { amount quantity } avg { amount } groups { count max { quantity }"
                        + " sum { quantity amount } key { status } } } }",
                "{ aggregate { groups { countDistinct { quantity } s: sum { amount } sum { quantity __typename }"
                        + " min { amount } } t: totalCount } }",
                "{ aggregate { count } }",
                "{ aggregate { max { amount } min { quantity amount } countDistinct { amount } groups { avg { quantity }"
                        + " ...G } } } fragment G on OrderGroup { min { amount } countDistinct { quantity amount } }",
                "{ aggregate { sum { amount @skip(if: true) quantity } groups { key { status } } } }")
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connections")
    void aConnectionsNodeFieldsAreWhatTheGlobsSelect(String query) {
        List<Runnable> checks = new ArrayList<>();
        execute(query, environment -> {
            DataFetchingFieldSelectionSet selection = environment.getSelectionSet();
            List<SelectedField> globbed = selection.getFields("nodes/*", "edges/node/*");
            List<SelectedField> walked = SelectionPaths.childrenOf(selection, "nodes", "edges/node");
            DatasetRequest request = DatasetFetcher.request(environment, 10, Map.of());
            List<String> globbedNames = new ArrayList<>(new LinkedHashSet<>(globbed.stream()
                    .map(SelectedField::getName).filter(name -> !name.startsWith("__")).toList()));
            Map<String, Boolean> contains = new java.util.LinkedHashMap<>();
            Map<String, Boolean> selects = new java.util.LinkedHashMap<>();
            for (String name : List.of("totalCount", "nodes", "edges", "id", "cursor")) {
                contains.put(name, selection.contains(name));
                selects.put(name, SelectionPaths.selectsDirectly(selection, name));
            }
            checks.add(() -> {
                assertThat(walked).as("the same field objects in the same order").hasSameSizeAs(globbed);
                for (int index = 0; index < globbed.size(); index++) {
                    assertThat(walked.get(index)).isSameAs(globbed.get(index));
                }
                assertThat(selects).isEqualTo(contains);
                assertThat(request.selectedFields()).isEqualTo(globbedNames);
                assertThat(request.totalCountRequested()).isEqualTo(selection.contains("totalCount"));
            });
            return null;
        }, environment -> null);
        assertThat(checks).hasSize(1);
        checks.forEach(Runnable::run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aggregates")
    void anAggregatesMeasuresAreWhatTheGlobsSelect(String query) {
        List<Runnable> checks = new ArrayList<>();
        execute(query, environment -> null, environment -> {
            DataFetchingFieldSelectionSet selection = environment.getSelectionSet();
            Set<Measure> globbed = new LinkedHashSet<>(globbedMeasures(selection, ""));
            globbed.addAll(globbedMeasures(selection, "groups/"));
            AggregateRequest request = AggregateFetcher.request(environment, 10);
            boolean totalCount = selection.contains("totalCount");
            checks.add(() -> {
                assertThat(request.measures()).containsExactlyElementsOf(globbed);
                assertThat(request.totalCountRequested()).isEqualTo(totalCount);
                for (String name : List.of("count", "totalCount", "groups", "sum", "amount")) {
                    assertThat(SelectionPaths.selectsDirectly(selection, name)).as(name)
                            .isEqualTo(selection.contains(name));
                }
            });
            return null;
        });
        assertThat(checks).hasSize(1);
        checks.forEach(Runnable::run);
    }

    /** The measures as AggregateFetcher read them with globs, function by function. */
    private static List<Measure> globbedMeasures(DataFetchingFieldSelectionSet selection, String prefix) {
        List<Measure> measures = new ArrayList<>();
        for (AggregateFunction function : AggregateFunction.values()) {
            for (SelectedField field : selection.getFields(prefix + function.argumentName() + "/*")) {
                if (!field.getName().startsWith("__")) {
                    measures.add(new Measure(function, field.getName()));
                }
            }
        }
        return measures;
    }

    private static void execute(String query, DataFetcher<?> orders, DataFetcher<?> aggregate) {
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL),
                RuntimeWiring.newRuntimeWiring().type("Query", type -> type
                        .dataFetcher("orders", orders)
                        .dataFetcher("aggregate", aggregate)).build());
        ExecutionResult result = GraphQL.newGraphQL(schema).build().execute(ExecutionInput.newExecutionInput(query));
        assertThat(result.getErrors()).isEmpty();
    }
}

package io.portico.gateway.graphql;

import static java.util.Objects.requireNonNull;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionStrategy;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.portico.gateway.plan.DatasetRequest;
import io.portico.gateway.plan.QueryPlan;
import io.portico.gateway.plan.CursorSeal;
import io.portico.gateway.plan.QueryPlanner;
import io.portico.gateway.port.ColumnarResult;
import io.portico.schema.compose.ComposedSchema;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.SchemaComposer;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.types.PorticoScalars;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;

/**
 * Runs GraphQL queries over one dataset whose page rows are handed in, instead of fetched from its port, through
 * the gateway's real parts: the schema composed from the port's contract and live Arrow schema, the query planner,
 * the connection, edge and node fetchers, {@link ConnectionPage}, the exception resolver and the query execution
 * strategy ({@link ColumnarExecutionStrategy}, or graphql-java's plain {@link AsyncExecutionStrategy}). No Spring
 * context, no Flight, no HTTP.
 *
 * <p>For JMH benchmarks of the Arrow-to-JSON path and for tests that need column types no demo port serves: a test
 * fixture, shipped to the benchmarks in the gateway's test jar, not part of the gateway.
 */
public final class InMemoryDatasetGraphQl {

    /** The largest {@code first} accepted, as the gateway's default {@code portico.query.max-page-size}. */
    public static final int MAX_PAGE_SIZE = 100_000;
    /** One seal per JVM, so two in-memory schemas (e.g. both execution paths in a comparison) issue the same cursors. */
    private static final CursorSeal SEAL = CursorSeal.random();

    private static final String ROWS = InMemoryDatasetGraphQl.class.getName() + ".rows";
    private static final int DEFAULT_PAGE_SIZE = 100;

    private final GraphQL graphQl;
    private final ExecutionStrategy strategy;
    private final DatasetBinding binding;

    private InMemoryDatasetGraphQl(GraphQL graphQl, ExecutionStrategy strategy, DatasetBinding binding) {
        this.graphQl = graphQl;
        this.strategy = strategy;
        this.binding = binding;
    }

    /**
     * @param contract         the port's contract
     * @param dataset          the name of one of its datasets (the contract's {@code schema[].name})
     * @param liveSchema       the dataset's Arrow schema as the port would report it
     * @param columnarFastPath whether queries run on {@link ColumnarExecutionStrategy} or plain graphql-java
     * @throws IllegalArgumentException when the dataset does not compose into the schema (the message says why)
     */
    public static InMemoryDatasetGraphQl create(OutputPortContract contract, String dataset, Schema liveSchema,
            boolean columnarFastPath) {
        RegistrySnapshot snapshot = new RegistrySnapshot(1, List.of(new PortSnapshot(contract,
                Map.of(requireNonNull(dataset, "dataset is null"), requireNonNull(liveSchema, "liveSchema is null")))));
        ComposedSchema composed = SchemaComposer.compose(snapshot);
        if (composed.datasets().size() != 1) {
            throw new IllegalArgumentException("dataset '" + dataset + "' of contract '" + contract.id()
                    + "' does not compose: " + composed.problems());
        }
        DatasetBinding binding = composed.datasets().getFirst();
        QueryPlanner planner = new QueryPlanner(MAX_PAGE_SIZE, SEAL);

        GraphQLCodeRegistry.Builder code = GraphQLCodeRegistry.newCodeRegistry();
        SchemaWiring.wire(code, composed, ignored -> new RowsFetcher(binding, planner));
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring().codeRegistry(code);
        PorticoScalars.all().forEach(wiring::scalar);
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(composed.sdl()),
                wiring.build());

        DataFetcherExceptionHandler exceptions =
                DataFetcherExceptionResolver.createExceptionHandler(List.of(new PorticoExceptionResolver()));
        ExecutionStrategy strategy = columnarFastPath
                ? new ColumnarExecutionStrategy(exceptions)
                : new AsyncExecutionStrategy(exceptions);
        return new InMemoryDatasetGraphQl(GraphQL.newGraphQL(schema).queryExecutionStrategy(strategy).build(),
                strategy, binding);
    }

    /** The dataset queries read: its domain and dataset are the root and connection field names. */
    public DatasetBinding binding() {
        return binding;
    }

    /**
     * Executes {@code query}; its dataset connection field answers {@code rows} as the page the port returned.
     *
     * @param rows the page's rows in the plan's column order (the selected fields, then the sort keys a cursor
     *             needs), at most {@code first + 1} of them, as the port would return them
     * @throws IllegalArgumentException (as a field error) when the columns of {@code rows} are not the plan's
     */
    public ExecutionResult execute(String query, Map<String, Object> variables, ColumnarResult rows) {
        return graphQl.execute(ExecutionInput.newExecutionInput(query)
                .variables(variables)
                .graphQLContext(Map.of(ROWS, requireNonNull(rows, "rows is null")))
                .build());
    }

    /** How many connection lists were completed in columnar form so far; 0 on plain graphql-java. */
    public long columnarLists() {
        return strategy instanceof ColumnarExecutionStrategy columnar ? columnar.columnarLists() : 0;
    }

    /** How many connection lists took graphql-java's normal completion so far; 0 on plain graphql-java. */
    public long normalLists() {
        return strategy instanceof ColumnarExecutionStrategy columnar ? columnar.normalLists() : 0;
    }

    /** Plans the request as the dataset fetcher does and answers the handed-in rows as its page. */
    private record RowsFetcher(DatasetBinding binding, QueryPlanner planner) implements DataFetcher<ConnectionPage> {

        @Override
        public ConnectionPage get(DataFetchingEnvironment environment) {
            DatasetRequest request = DatasetFetcher.request(environment, DEFAULT_PAGE_SIZE, Map.of());
            QueryPlan plan = planner.plan(binding, request);
            ColumnarResult rows = environment.getGraphQlContext().get(ROWS);
            requirePlanColumns(plan, rows);
            Long totalCount = request.totalCountRequested() ? (long) rows.rowCount() : null;
            return new ConnectionPage(plan, rows, request.after() != null, totalCount);
        }

        private static void requirePlanColumns(QueryPlan plan, ColumnarResult rows) {
            List<String> expected = plan.columns().stream().map(FieldBinding::column).toList();
            List<String> actual = rows.fields().stream().map(Field::getName)
                    .toList();
            if (!actual.equals(expected)) {
                throw new IllegalArgumentException("the rows have the columns " + actual + " but the plan of this"
                        + " query reads " + expected);
            }
        }
    }
}

package io.portico.gateway.graphql;

import static graphql.execution.FieldCollectorParameters.newParameters;

import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FieldCollectorParameters;
import graphql.execution.FieldValueInfo;
import graphql.execution.MergedField;
import graphql.execution.MergedSelectionSet;
import graphql.execution.ResultNodesInfo;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.portico.schema.compose.SchemaNames;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * graphql-java's {@link AsyncExecutionStrategy} with a columnar fast path for connection pages.
 *
 * <p>Completing a 100,000-row {@code nodes} list field by field costs graphql-java an execution step, a result map
 * and several small objects per row and field. When the list is a {@link ConnectionPage}'s rows and the selection
 * under it reads only columns of the page (see {@link ColumnarSelection}: leaf fields of the node type, edge cursors,
 * {@code __typename}), this strategy completes the whole list at once into {@link ColumnarRows}: one array of
 * completed values per selected field, each value serialized by its own scalar exactly as field-by-field completion
 * would have. The selected fields are the ones graphql-java's own field collection answers, so aliases, fragments
 * and {@code @include}/{@code @skip} mean what they always mean.
 *
 * <p>Anything else takes graphql-java's normal path, unchanged: a selection with an object field (a struct column),
 * a value that would make graphql-java record an error (a null in a non-null position, such as a list element the
 * port declares non-null, or a value its scalar cannot serialize; the errors and null propagation are then
 * graphql-java's own), a request with incremental delivery ({@code @defer}) or a result-node limit. Node fields are
 * nullable in the composed schema, so a null in a {@code required} column is an ordinary null on either path. What
 * the fast path does not do is call field-completion instrumentation for the fields of each row; the list field
 * itself is still instrumented.
 *
 * <p>{@link #columnarLists()} and {@link #normalLists()} count the connection lists completed each way.
 */
public final class ColumnarExecutionStrategy extends AsyncExecutionStrategy {

    private final LongAdder columnarLists = new LongAdder();
    private final LongAdder normalLists = new LongAdder();

    /** @param exceptionHandler handles exceptions of data fetchers, as graphql-java's default strategy would */
    public ColumnarExecutionStrategy(DataFetcherExceptionHandler exceptionHandler) {
        super(exceptionHandler);
    }

    /** How many {@code nodes}/{@code edges} lists were completed in columnar form. */
    public long columnarLists() {
        return columnarLists.sum();
    }

    /** How many {@code nodes}/{@code edges} lists of connection pages took graphql-java's normal path. */
    public long normalLists() {
        return normalLists.sum();
    }

    @Override
    protected FieldValueInfo completeValueForList(ExecutionContext executionContext,
            ExecutionStrategyParameters parameters, Object result) {
        if (!(result instanceof ConnectionPage.RowList rows)) {
            return super.completeValueForList(executionContext, parameters, result);
        }
        ColumnarRows columnar = columnarRows(executionContext, parameters, rows.page()).orElse(null);
        if (columnar == null) {
            normalLists.increment();
            return super.completeValueForList(executionContext, parameters, result);
        }
        columnarLists.increment();
        InstrumentationContext<Object> listCompletion = SimpleInstrumentationContext.nonNullCtx(
                executionContext.getInstrumentation().beginFieldListCompletion(
                        new InstrumentationFieldCompleteParameters(executionContext, parameters,
                                parameters::getExecutionStepInfo, result),
                        executionContext.getInstrumentationState()));
        listCompletion.onDispatched();
        listCompletion.onCompleted(columnar, null);
        return new FieldValueInfo(FieldValueInfo.CompleteValueType.LIST, columnar);
    }

    private Optional<ColumnarRows> columnarRows(ExecutionContext executionContext,
            ExecutionStrategyParameters parameters, ConnectionPage page) {
        if (executionContext.hasIncrementalSupport()
                || executionContext.getGraphQLContext().get(ResultNodesInfo.MAX_RESULT_NODES) != null) {
            return Optional.empty();
        }
        ExecutionStepInfo list = parameters.getExecutionStepInfo();
        GraphQLObjectType elementType = elementObjectType(list.getUnwrappedNonNullType());
        if (elementType == null) {
            return Optional.empty();
        }
        GraphQLSchema schema = executionContext.getGraphQLSchema();
        LeafCompleter.Environment environment = new LeafCompleter.Environment(executionContext.getValueUnboxer(),
                executionContext.getGraphQLContext(), executionContext.getLocale());
        ColumnarSelection.FieldCollection fields = (type, field) -> collectFields(executionContext, type, field);
        DataFetcher<?> listFetcher = fetcher(schema, list.getObjectType(), list.getFieldDefinition());
        Optional<ColumnarSelection> selection;
        if (listFetcher == ConnectionFetchers.NODES
                && elementType.getName().equals(SchemaNames.nodeType(page.binding()))) {
            selection = ColumnarSelection.forNodes(schema, elementType, parameters.getField(), fields, environment);
        } else if (listFetcher == ConnectionFetchers.EDGES
                && elementType.getName().equals(SchemaNames.edgeType(page.binding()))) {
            selection = ColumnarSelection.forEdges(schema, elementType, parameters.getField(), fields, environment);
        } else {
            selection = Optional.empty();
        }
        return selection.map(columns -> columns.complete(page));
    }

    /** The fields selected under {@code field} on {@code type}, collected as graphql-java's execution does. */
    private MergedSelectionSet collectFields(ExecutionContext executionContext, GraphQLObjectType type,
            MergedField field) {
        FieldCollectorParameters collectorParameters = newParameters()
                .schema(executionContext.getGraphQLSchema())
                .objectType(type)
                .fragments(executionContext.getFragmentsByName())
                .variables(executionContext.getCoercedVariables().toMap())
                .graphQLContext(executionContext.getGraphQLContext())
                .build();
        return fieldCollector.collectFields(collectorParameters, field, false);
    }

    /** The object type of the elements of a list of objects ({@code [T]} or {@code [T!]}), else null. */
    private static GraphQLObjectType elementObjectType(GraphQLType type) {
        if (!(type instanceof GraphQLList listType)) {
            return null;
        }
        return GraphQLTypeUtil.unwrapNonNull(listType.getWrappedType()) instanceof GraphQLObjectType object
                ? object
                : null;
    }

    private static DataFetcher<?> fetcher(GraphQLSchema schema, GraphQLObjectType type,
            GraphQLFieldDefinition definition) {
        return schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(type, definition), definition);
    }
}

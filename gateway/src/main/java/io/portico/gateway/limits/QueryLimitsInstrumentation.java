package io.portico.gateway.limits;

import static java.util.Objects.requireNonNull;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.validation.ValidationError;
import io.portico.gateway.limits.DocumentShape.FragmentCycleException;
import io.portico.schema.error.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Holds every GraphQL request to its {@link QueryLimits} before any data fetcher runs, in the order graphql-java
 * meets the document:
 * <ol>
 *   <li>parse: the parser stops at {@code maxTokens} grammar tokens, {@code maxWhitespaceTokens} ignored tokens, and
 *       a rule depth that fits {@code maxDepth}; a document it gives up on is refused naming the limit it is over
 *       (its depth and aliases are read off its characters, so a 1,000-deep query is refused for its depth);</li>
 *   <li>before validation, on the document as written ({@link DocumentShape}): depth, aliases, fields (a fragment
 *       counted at every spread), and fragment cycles, so validation never works on a document it would take long
 *       over;</li>
 *   <li>after validation, before the operation executes, on its normalized form with variables and defaults
 *       resolved ({@link QueryCost}): the largest {@code first} against the maximum page size, then the cost
 *       budget;</li>
 *   <li>during execution: the request deadline. A data fetcher that has not finished by then answers null with a
 *       {@code QUERY_LIMIT_EXCEEDED} error at its path, and none starts after it; the rest of the response is
 *       sent. (The port call behind it ends at its own timeout.)</li>
 * </ol>
 * Refusals answer without data: {@code extensions.code} {@code QUERY_LIMIT_EXCEEDED} ({@code
 * GRAPHQL_VALIDATION_FAILED} for a fragment cycle), {@code extensions.limit} the property, {@code
 * extensions.maximum} its value.
 */
public final class QueryLimitsInstrumentation extends SimplePerformantInstrumentation {

    private final QueryLimits limits;
    private final ParserOptions parserOptions;
    private final LongSupplier nanoTime;

    public QueryLimitsInstrumentation(QueryLimits limits) {
        this(limits, System::nanoTime);
    }

    /** @param nanoTime the clock of the request deadline ({@link System#nanoTime()} outside tests) */
    QueryLimitsInstrumentation(QueryLimits limits, LongSupplier nanoTime) {
        this.limits = requireNonNull(limits, "limits is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(options -> options
                .maxTokens(limits.maxTokens())
                .maxWhitespaceTokens(limits.maxWhitespaceTokens())
                .maxRuleDepth(limits.maxRuleDepth())
                .maxCharacters(limits.maxCharacters()));
    }

    public QueryLimits limits() {
        return limits;
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new RequestState(nanoTime.getAsLong() + limits.requestTimeout().toNanos());
    }

    @Override
    public ExecutionInput instrumentExecutionInput(ExecutionInput executionInput,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        executionInput.getGraphQLContext().put(ParserOptions.class, parserOptions);
        return executionInput;
    }

    @Override
    public InstrumentationContext<Document> beginParse(InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        if (!(state instanceof RequestState request)) {
            return null;
        }
        return SimpleInstrumentationContext.whenCompleted((document, failure) -> {
            if (failure instanceof InvalidSyntaxException syntax && isCancellation(syntax)) {
                request.parseCancelled = syntax;
            }
        });
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
            InstrumentationState state) {
        checkShape(parameters.getDocument(), parameters.getExecutionInput().getOperationName());
        return null;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        checkCost(QueryCost.estimate(execution.getNormalizedQueryTree().get(), execution.getGraphQLSchema(),
                limits.defaultPageSize(), limits.listSizeEstimate()));
        return null;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        if (parameters.isTrivialDataFetcher() || !(state instanceof RequestState request)) {
            return dataFetcher;
        }
        return environment -> fetchWithinDeadline(dataFetcher, environment, request.deadline);
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult executionResult,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (state instanceof RequestState request && request.parseCancelled != null) {
            GraphQLError error = parseLimitError(request.parseCancelled, parameters.getQuery());
            return CompletableFuture.completedFuture(new ExecutionResultImpl(List.of(error)));
        }
        return CompletableFuture.completedFuture(executionResult);
    }

    /**
     * Checks the shape of a parsed document before validation.
     *
     * @throws graphql.execution.AbortExecutionException refusing the request when it is over a limit
     */
    void checkShape(Document document, String operationName) {
        DocumentShape shape;
        try {
            shape = DocumentShape.of(document, operationName);
        } catch (FragmentCycleException cycle) {
            throw QueryLimitErrors.refusal(QueryLimitErrors.validationError(ErrorCode.GRAPHQL_VALIDATION_FAILED,
                    "fragment " + cycle.cycle().getFirst() + " spreads itself (" + String.join(" -> ", cycle.cycle())
                            + "); fragments must not form a cycle, break it by selecting the fields directly",
                    cycle.location().orElse(null)));
        }
        if (shape.depth() > limits.maxDepth()) {
            throw QueryLimitErrors.refusal(depthError(shape.depth()));
        }
        if (shape.aliases() > limits.maxAliases()) {
            throw QueryLimitErrors.refusal(aliasesError(shape.aliases()));
        }
        if (shape.fields() > limits.maxFields()) {
            throw QueryLimitErrors.refusal(QueryLimitErrors.error(Limit.FIELDS, limits.maxFields(),
                    "the query selects " + count(shape.fields()) + " fields, counting a fragment's fields at every"
                            + " spread; the limit is " + limits.maxFields() + " (" + Limit.FIELDS.property()
                            + "). Select fewer fields, or split the query"));
        }
    }

    /**
     * Checks the page sizes and the estimated cost of an operation before it executes.
     *
     * @throws graphql.execution.AbortExecutionException refusing the request when it is over a limit
     */
    void checkCost(QueryCost cost) {
        if (cost.largestPage() > limits.maxPageSize()) {
            throw QueryLimitErrors.refusal(QueryLimitErrors.error(Limit.PAGE_SIZE, limits.maxPageSize(),
                    "the query asks for first: " + cost.largestPage() + " at " + cost.largestPagePath()
                            + "; the limit is " + limits.maxPageSize() + " (" + Limit.PAGE_SIZE.property()
                            + "). Page through larger results with 'after'"));
        }
        if (cost.total() > limits.maxCost()) {
            throw QueryLimitErrors.refusal(QueryLimitErrors.error(Limit.COST, limits.maxCost(),
                    "the query's estimated cost is " + count(cost.total()) + " (fields x page sizes, nested pages"
                            + " multiplied; " + count(cost.costliestFieldCost()) + " of it under '"
                            + cost.costliestField() + "'); the limit is " + limits.maxCost() + " ("
                            + Limit.COST.property() + "). Ask for smaller pages ('first') at the nested levels,"
                            + " or fewer fields"));
        }
    }

    private Object fetchWithinDeadline(DataFetcher<?> dataFetcher, DataFetchingEnvironment environment,
            long deadline) throws Exception {
        long remaining = deadline - nanoTime.getAsLong();
        if (remaining <= 0) {
            return deadlineResult(environment);
        }
        Object value = dataFetcher.get(environment);
        if (!(value instanceof CompletableFuture<?> pending) || pending.isDone()) {
            return value;
        }
        CompletableFuture<Object> bounded = new CompletableFuture<>();
        pending.whenComplete((result, failure) -> {
            if (failure != null) {
                bounded.completeExceptionally(failure);
            } else {
                bounded.complete(result);
            }
        });
        return bounded.completeOnTimeout(deadlineResult(environment), remaining, TimeUnit.NANOSECONDS);
    }

    private DataFetcherResult<Object> deadlineResult(DataFetchingEnvironment environment) {
        Duration timeout = limits.requestTimeout();
        return DataFetcherResult.newResult()
                .error(QueryLimitErrors.fieldError(environment, Limit.REQUEST_TIMEOUT, durationText(timeout),
                        environment.getExecutionStepInfo().getPath().toString().substring(1).replace('/', '.')
                                + " did not finish within the request's deadline; the limit is "
                                + durationText(timeout) + " (" + Limit.REQUEST_TIMEOUT.property()
                                + "). The rest of the response is complete; ask for less, or retry"))
                .build();
    }

    private GraphQLError parseLimitError(InvalidSyntaxException cancelled, String query) {
        DocumentShape scanned = query == null ? DocumentShape.EMPTY : DocumentShape.scan(query);
        if (scanned.depth() > limits.maxDepth()) {
            return depthError(scanned.depth());
        }
        if (scanned.aliases() > limits.maxAliases()) {
            return aliasesError(scanned.aliases());
        }
        if (cancelled instanceof ParseCancelledTooManyCharsException) {
            return QueryLimitErrors.error(Limit.BODY_SIZE, limits.maxCharacters(), "the query document is longer"
                    + " than " + limits.maxCharacters() + " characters; the limit is " + limits.maxCharacters()
                    + " (" + Limit.BODY_SIZE.property() + ")");
        }
        if (cancelled instanceof ParseCancelledTooDeepException) {
            return QueryLimitErrors.error(Limit.DEPTH, limits.maxDepth(), "the query document nests values more"
                    + " deeply than the parser follows (" + limits.maxRuleDepth() + " grammar rules, derived from "
                    + Limit.DEPTH.property() + " = " + limits.maxDepth() + ")", cancelled.getLocation());
        }
        if (isIgnoredToken(cancelled.getOffendingToken())) {
            return QueryLimitErrors.error(Limit.WHITESPACE_TOKENS, limits.maxWhitespaceTokens(), "the query document"
                    + " has more than " + limits.maxWhitespaceTokens() + " whitespace, comma and comment tokens; the"
                    + " limit is " + limits.maxWhitespaceTokens() + " (" + Limit.WHITESPACE_TOKENS.property() + ")",
                    cancelled.getLocation());
        }
        return QueryLimitErrors.error(Limit.TOKENS, limits.maxTokens(), "the query document has more than "
                + limits.maxTokens() + " tokens (names, punctuation, values); the limit is " + limits.maxTokens()
                + " (" + Limit.TOKENS.property() + "). Send a smaller query", cancelled.getLocation());
    }

    private GraphQLError depthError(long depth) {
        return QueryLimitErrors.error(Limit.DEPTH, limits.maxDepth(), "the query nests " + depth + " levels deep;"
                + " the limit is " + limits.maxDepth() + " (" + Limit.DEPTH.property() + "). Query fewer levels of"
                + " relationships in one request");
    }

    private GraphQLError aliasesError(long aliases) {
        return QueryLimitErrors.error(Limit.ALIASES, limits.maxAliases(), "the query has " + count(aliases)
                + " aliased fields; the limit is " + limits.maxAliases() + " (" + Limit.ALIASES.property()
                + "). Use fewer aliases, e.g. one field with a wider 'where' instead of one alias per value");
    }

    private static boolean isCancellation(InvalidSyntaxException syntax) {
        return syntax instanceof ParseCancelledException || syntax instanceof ParseCancelledTooDeepException
                || syntax instanceof ParseCancelledTooManyCharsException;
    }

    private static boolean isIgnoredToken(String token) {
        return token != null && (token.isBlank() || token.startsWith(",") || token.startsWith("#"));
    }

    private static String count(long value) {
        return value == Long.MAX_VALUE ? "more than " + String.format("%,d", Long.MAX_VALUE)
                : String.format("%,d", value);
    }

    static String durationText(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** Per request: its deadline, and the parser's cancellation if it gave up on the document. */
    private static final class RequestState implements InstrumentationState {

        final long deadline;
        volatile InvalidSyntaxException parseCancelled;

        RequestState(long deadline) {
            this.deadline = deadline;
        }
    }
}

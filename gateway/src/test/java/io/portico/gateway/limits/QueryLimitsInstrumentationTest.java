package io.portico.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.schema.idl.RuntimeWiring;
import io.portico.schema.error.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The limits through graphql-java's engine, with fetchers that count their calls. */
class QueryLimitsInstrumentationTest {

    private static final QueryLimits LIMITS = QueryLimits.defaults();

    private final AtomicInteger fetches = new AtomicInteger();
    private volatile CompletableFuture<Object> ordersAnswer;

    private GraphQL graphQl(QueryLimitsInstrumentation instrumentation) {
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", type -> type
                        .dataFetcher("sales", environment -> {
                            fetches.incrementAndGet();
                            return Map.of();
                        })
                        .dataFetcher("schemaVersion", environment -> {
                            fetches.incrementAndGet();
                            return CompletableFuture.completedFuture(7);
                        }))
                .type("SalesDomain", type -> type.dataFetcher("orders", environment -> {
                    fetches.incrementAndGet();
                    return ordersAnswer;
                }))
                .build();
        return GraphQL.newGraphQL(LimitsTestSchema.schema(wiring)).instrumentation(instrumentation).build();
    }

    private ExecutionResult execute(String query) {
        return execute(query, Map.of());
    }

    private ExecutionResult execute(String query, Map<String, Object> variables) {
        return graphQl(new QueryLimitsInstrumentation(LIMITS))
                .execute(ExecutionInput.newExecutionInput(query).variables(variables).build());
    }

    /** The one error of a refused request, after checking that nothing was fetched. */
    private GraphQLError refusal(ExecutionResult result) {
        assertThat(result.isDataPresent()).as("data of %s", result).isFalse();
        assertThat(result.getErrors()).hasSize(1);
        assertThat(fetches).hasValue(0);
        return result.getErrors().getFirst();
    }

    private static void assertLimit(GraphQLError error, Limit limit, Object maximum, String message) {
        assertThat(error.getExtensions())
                .containsEntry("code", ErrorCode.QUERY_LIMIT_EXCEEDED.name())
                .containsEntry("limit", limit.property())
                .containsEntry("maximum", maximum);
        assertThat(error.getMessage()).contains(message);
    }

    @Test
    void aQueryWithinTheLimitsRuns() {
        ordersAnswer = CompletableFuture.completedFuture(Map.of("totalCount", 3));
        ExecutionResult result = execute("{ schemaVersion sales { orders(first: 10) { totalCount } } }");
        assertThat(result.getErrors()).isEmpty();
        assertThat(result.<Map<String, Object>>getData()).containsEntry("schemaVersion", 7);
        assertThat(fetches).hasValue(3);
    }

    @Test
    void aThousandLevelsAreRefusedForTheirDepthThoughTheParserGaveUp() {
        GraphQLError error = refusal(execute("{" + " sales {".repeat(999) + " id" + " }".repeat(1000)));
        assertLimit(error, Limit.DEPTH, 15,
                "the query nests 1000 levels deep; the limit is 15 (portico.limits.max-depth)");
    }

    @Test
    void depthIsCheckedBeforeValidation() {
        GraphQLError error = refusal(execute("{" + " unknown {".repeat(19) + " id" + " }".repeat(20)));
        assertLimit(error, Limit.DEPTH, 15, "the query nests 20 levels deep; the limit is 15");
    }

    @Test
    void tenThousandAliasesAreRefusedForTheirAliases() {
        StringBuilder query = new StringBuilder("{");
        for (int alias = 0; alias < 10_000; alias++) {
            query.append(" a").append(alias).append(": schemaVersion");
        }
        GraphQLError error = refusal(execute(query.append(" }").toString()));
        assertLimit(error, Limit.ALIASES, 100,
                "the query has 10,000 aliased fields; the limit is 100 (portico.limits.max-aliases)");
        GraphQLError parsed = refusal(execute("{" + " x: schemaVersion".repeat(101) + " }"));
        assertLimit(parsed, Limit.ALIASES, 100, "the query has 101 aliased fields");
    }

    @Test
    void aFragmentBombIsRefusedForItsFields() {
        StringBuilder query = new StringBuilder("{ ...F0 }\n");
        for (int level = 0; level < 40; level++) {
            query.append("fragment F").append(level).append(" on Query { ...F").append(level + 1)
                    .append(" ...F").append(level + 1).append(" }\n");
        }
        query.append("fragment F40 on Query { schemaVersion }");
        long start = System.nanoTime();
        GraphQLError error = refusal(execute(query.toString()));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertLimit(error, Limit.FIELDS, 1000, "the query selects 1,099,511,627,776 fields, counting a fragment's"
                + " fields at every spread; the limit is 1000 (portico.limits.max-fields)");
    }

    @Test
    void aFragmentCycleIsAPreciseValidationError() {
        GraphQLError error = refusal(execute(
                "{ ...A } fragment A on Query { schemaVersion ...B } fragment B on Query { ...A }"));
        assertThat(error.getExtensions()).containsEntry("code", ErrorCode.GRAPHQL_VALIDATION_FAILED.name());
        assertThat(error.getMessage()).startsWith("fragment A spreads itself (A -> B -> A)");
        assertThat(error.getLocations()).isNotEmpty();
    }

    @Test
    void theLargestFirstIsCheckedInLiteralsVariablesAndDefaults() {
        assertLimit(refusal(execute("{ sales { orders(first: 1000000000) { totalCount } } }")), Limit.PAGE_SIZE,
                100_000, "the query asks for first: 1000000000 at sales.orders; the limit is 100000"
                        + " (portico.query.max-page-size)");
        assertLimit(refusal(execute("query($n: Int) { sales { o: orders(first: $n) { totalCount } } }",
                Map.of("n", 200_000))), Limit.PAGE_SIZE, 100_000, "first: 200000 at sales.o");
        assertLimit(refusal(execute("query($n: Int = 300000) { sales { orders(first: $n) { totalCount } } }")),
                Limit.PAGE_SIZE, 100_000, "first: 300000 at sales.orders");
    }

    @Test
    void aQueryOverTheCostBudgetIsRefusedNamingWhereTheCostIs() {
        GraphQLError error = refusal(execute("""
                { schemaVersion sales { orders(first: 10000) { nodes { id customer {
                    orders(first: 1000) { nodes { id } } } } } } }"""));
        assertLimit(error, Limit.COST, 1_000_000L, "the query's estimated cost is 20,040,003");
        assertThat(error.getMessage()).contains("20,040,002 of it under 'sales'); the limit is 1000000"
                + " (portico.limits.max-cost)");
    }

    @Test
    void aMillionTokensAreRefusedAtTheTokenLimit() {
        long start = System.nanoTime();
        GraphQLError error = refusal(execute("{ schemaVersion(" + "a: 1 ".repeat(200_000) + ") }"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertLimit(error, Limit.TOKENS, 15_000,
                "the query document has more than 15000 tokens (names, punctuation, values); the limit is 15000"
                        + " (portico.limits.max-tokens)");
        assertLimit(refusal(execute("{" + ",".repeat(300_000) + "schemaVersion }")), Limit.WHITESPACE_TOKENS,
                200_000, "more than 200000 whitespace, comma and comment tokens");
    }

    @Test
    void valuesNestedBeyondTheParserAreRefusedAsTooDeep() {
        GraphQLError error = refusal(execute("{ sales { orders(where: " + "[".repeat(400) + "]".repeat(400)
                + ") { totalCount } } }"));
        assertLimit(error, Limit.DEPTH, 15, "nests values more deeply than the parser follows (500 grammar rules");
    }

    @Test
    void aFieldStillWaitingAtTheDeadlineAnswersNullWithItsErrorAndTheRestAnswers() {
        ordersAnswer = new CompletableFuture<>();
        QueryLimitsInstrumentation instrumentation =
                new QueryLimitsInstrumentation(LIMITS.withRequestTimeout(Duration.ofMillis(300)));
        long start = System.nanoTime();
        ExecutionResult result = graphQl(instrumentation)
                .execute("{ schemaVersion sales { orders { totalCount } } }");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
        assertThat(result.<Map<String, Object>>getData())
                .containsEntry("schemaVersion", 7)
                .containsEntry("sales", java.util.Collections.singletonMap("orders", null));
        GraphQLError error = result.getErrors().getFirst();
        assertThat(error.getPath()).isEqualTo(List.of("sales", "orders"));
        assertLimit(error, Limit.REQUEST_TIMEOUT, "300ms", "sales.orders did not finish within the request's"
                + " deadline; the limit is 300ms (portico.limits.request-timeout)");
    }

    @Test
    void noFetcherStartsAfterTheDeadline() {
        AtomicInteger readings = new AtomicInteger();
        long pastTheDeadline = LIMITS.requestTimeout().toNanos() + 1;
        // the request starts at 0 (its deadline is fixed then); every later reading of the clock is past it
        QueryLimitsInstrumentation instrumentation = new QueryLimitsInstrumentation(LIMITS,
                () -> readings.getAndIncrement() == 0 ? 0 : pastTheDeadline);
        ordersAnswer = CompletableFuture.completedFuture(Map.of("totalCount", 1));
        ExecutionResult result = graphQl(instrumentation).execute("{ schemaVersion sales { orders { totalCount } } }");
        assertThat(fetches).hasValue(0);
        assertThat(result.getErrors()).isNotEmpty().allSatisfy(error -> assertThat(error.getExtensions())
                .containsEntry("limit", Limit.REQUEST_TIMEOUT.property()));
    }
}

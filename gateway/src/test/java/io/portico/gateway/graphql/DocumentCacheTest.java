package io.portico.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.portico.gateway.limits.QueryLimits;
import io.portico.gateway.limits.QueryLimitsInstrumentation;
import io.portico.gateway.policy.QueryPolicies;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.policies.Subject;
import io.portico.policies.decision.DecisionCache;
import io.portico.policies.mask.HashKey;
import io.portico.policies.model.PolicySet;
import io.portico.policies.store.LoadedPolicySet;
import io.portico.policies.store.PolicyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The document cache inside graphql-java's real engine, with the gateway's real limits and audit naming: what is
 * parsed and validated once, and that a request answered from the cache is refused or accepted exactly as a
 * request parsed afresh would be.
 */
class DocumentCacheTest {

    private static final String SDL = """
            type Query { schemaVersion: Int sales: SalesDomain! }
            type SalesDomain {
              orders(first: Int = 100): OrderConnection
              shipments(first: Int = 100): ShipmentConnection
            }
            type OrderConnection { nodes: [Order!]! }
            type Order { id: Int status: String customer: Customer }
            type Customer { id: Int name: String orders(first: Int = 100): OrderConnection }
            type ShipmentConnection { nodes: [Shipment!]! }
            type Shipment { id: Int }
            """;
    private static final QueryLimits LIMITS = QueryLimits.defaults();
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final AtomicInteger parses = new AtomicInteger();
    private final DocumentCache cache = new DocumentCache(100, 100_000, Runnable::run);
    private final GraphQL graphQl = graphQl(schema(SDL), cache);
    private final QueryPolicies policies = new QueryPolicies(
            new PolicyStore(LoadedPolicySet.of(PolicySet.EMPTY, Instant.now(), List.of())), new DecisionCache(10),
            HashKey.random(new SecureRandom()));

    @Test
    void aDocumentIsParsedAndValidatedOnceThenServedFromTheCache() {
        String query = "{ sales { orders(first: 5) { nodes { id status } } } }";

        for (int request = 0; request < 5; request++) {
            assertThat(execute(graphQl, query, null, Map.of()).getErrors()).isEmpty();
        }

        assertThat(parses).hasValue(1);
        assertThat(cache.stats().hitCount()).isEqualTo(4);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void anyOtherTextOrOperationNameIsAnotherDocument() {
        String query = "query Orders { sales { orders(first: 5) { nodes { id } } } }";

        execute(graphQl, query, null, Map.of());
        execute(graphQl, query + " ", null, Map.of());
        execute(graphQl, query, "Orders", Map.of());
        execute(graphQl, query, "Orders", Map.of());

        assertThat(parses).hasValue(3);
    }

    /** The page size and the cost depend on the request's variables: checked on every request, hit or miss. */
    @Test
    void aCachedDocumentIsRefusedWhenItsVariablesAskForTooMuch() {
        String query = """
                query($n: Int) { sales { orders(first: $n) { nodes { id customer {
                  orders(first: $n) { nodes { id } } } } } } }""";

        assertThat(execute(graphQl, query, null, Map.of("n", 10)).getErrors()).isEmpty();
        GraphQLError page = refusal(execute(graphQl, query, null, Map.of("n", 1_000_000_000)));
        GraphQLError cost = refusal(execute(graphQl, query, null, Map.of("n", 1000)));
        assertThat(execute(graphQl, query, null, Map.of("n", 20)).getErrors()).isEmpty();

        assertThat(parses).hasValue(1);
        assertThat(page.getExtensions()).containsEntry("limit", "portico.query.max-page-size");
        assertThat(page.getMessage()).startsWith("the query asks for first: 1000000000 at sales.orders;");
        assertThat(cost.getExtensions()).containsEntry("limit", "portico.limits.max-cost");
        assertThat(cost.getMessage()).startsWith("the query's estimated cost is 2,004,002");
    }

    /**
     * The attack: a document whose first operation is harmless, cached under that operation, then requested again
     * naming its second operation, which is over the alias limit (and cheap, so nothing later would refuse it).
     * The limits measure the named operation, so the name is part of the key and the second request is measured.
     */
    @Test
    void namingAnotherOperationOfACachedDocumentDoesNotSkipTheLimits() {
        StringBuilder aliases = new StringBuilder("query Many {");
        for (int alias = 0; alias <= LIMITS.maxAliases(); alias++) {
            aliases.append(" v").append(alias).append(": schemaVersion");
        }
        String query = "query Small { schemaVersion } " + aliases.append(" }");

        assertThat(execute(graphQl, query, "Small", Map.of()).getErrors()).isEmpty();
        assertThat(execute(graphQl, query, "Small", Map.of()).getErrors()).isEmpty();
        GraphQLError refused = refusal(execute(graphQl, query, "Many", Map.of()));

        assertThat(refused.getExtensions()).containsEntry("limit", "portico.limits.max-aliases");
        assertThat(refused.getMessage()).startsWith("the query has 101 aliased fields; the limit is 100");
    }

    @Test
    void aDocumentThatDoesNotValidateIsNeverKeptAndIsRefusedAlikeEveryTime() {
        String query = "{ sales { orders { nodes { price } } } }";

        ExecutionResult first = execute(graphQl, query, null, Map.of());
        ExecutionResult second = execute(graphQl, query, null, Map.of());

        assertThat(first.getErrors()).hasSize(1);
        assertThat(first.getErrors().getFirst().getMessage()).contains("Field 'price' in type 'Order' is undefined");
        assertThat(second.getErrors()).usingRecursiveComparison().isEqualTo(first.getErrors());
        assertThat(parses).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aDocumentOverAParserLimitIsRefusedNamingTheLimitEveryTime() {
        String query = "{" + " sales {".repeat(999) + " id" + " }".repeat(1000);

        for (int request = 0; request < 2; request++) {
            GraphQLError refused = refusal(execute(graphQl, query, null, Map.of()));
            assertThat(refused.getMessage()).isEqualTo("the query nests 1000 levels deep; the limit is 15"
                    + " (portico.limits.max-depth). Query fewer levels of relationships in one request");
        }
        assertThat(cache.size()).isZero();
    }

    @Test
    void aDocumentOverAShapeLimitIsNeverKept() {
        String hop = "customer { orders { nodes { ";
        String query = "{ sales { orders { nodes { " + hop.repeat(4) + "id" + " } } }".repeat(4) + " } } } }";

        for (int request = 0; request < 2; request++) {
            assertThat(refusal(execute(graphQl, query, null, Map.of())).getMessage())
                    .startsWith("the query nests 16 levels deep; the limit is 15");
        }
        assertThat(parses).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    /** Retiring a port removes its fields: a document cached under the old schema is validated again. */
    @Test
    void aNewSchemaValidatesEveryDocumentAgain() {
        GraphQL withoutShipments = graphQl(schema(SDL.replace("shipments(first: Int = 100): ShipmentConnection", "")),
                cache);
        String query = "{ sales { shipments { nodes { id } } } }";

        assertThat(execute(graphQl, query, null, Map.of()).getErrors()).isEmpty();
        assertThat(execute(graphQl, query, null, Map.of()).getErrors()).isEmpty();
        ExecutionResult afterReload = execute(withoutShipments, query, null, Map.of());

        assertThat(parses).hasValue(2);
        assertThat(afterReload.isDataPresent()).isFalse();
        assertThat(afterReload.getErrors()).singleElement().satisfies(error -> assertThat(error.getMessage())
                .contains("Field 'shipments' in type 'SalesDomain' is undefined"));
    }

    @Test
    void theAuditNameIsRecordedForEveryRequestAnsweredFromTheCache() {
        String query = "query A { schemaVersion } query B { sales { orders(first: 3) { nodes { id } } } }";
        Document parsed = Parser.parse(query);

        for (String operation : List.of("A", "B", "A", "B")) {
            RequestPolicy policy = policies.begin(Subject.ANONYMOUS);
            ExecutionResult result = graphQl.execute(ExecutionInput.newExecutionInput(query).operationName(operation)
                    .graphQLContext(Map.of(RequestPolicy.CONTEXT_KEY, policy)).build());

            assertThat(result.getErrors()).isEmpty();
            assertThat(policy.operation()).isEqualTo(AuditOperationInstrumentation.operation(parsed, operation));
        }
        assertThat(parses).hasValue(2);
    }

    @Test
    void aDocumentFirstParsedWithoutAPolicyIsStillNamedForTheRequestsItServes() {
        String query = "query Orders { sales { orders(first: 3) { nodes { id } } } }";
        execute(graphQl, query, null, Map.of());

        RequestPolicy policy = policies.begin(Subject.ANONYMOUS);
        graphQl.execute(ExecutionInput.newExecutionInput(query)
                .graphQLContext(Map.of(RequestPolicy.CONTEXT_KEY, policy)).build());

        assertThat(parses).hasValue(1);
        assertThat(policy.operation()).isEqualTo(AuditOperationInstrumentation.operation(Parser.parse(query), null));
        assertThat(policy.operation()).map(operation -> operation.name()).contains("Orders");
    }

    /**
     * Eight requests of one new document at once: the first parses it, held inside its parse until all eight have
     * asked the cache; the others wait for it and none parses the document again.
     */
    @Test
    void concurrentRequestsOfOneNewDocumentParseItOnce() throws Exception {
        int clients = 8;
        AtomicInteger asked = new AtomicInteger();
        PreparsedDocumentProvider counting = new PreparsedDocumentProvider() {
            @Override
            public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                    Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
                asked.incrementAndGet();
                return cache.getDocumentAsync(input, parseAndValidate);
            }
        };
        GraphQL gated = GraphQL.newGraphQL(schema(SDL))
                .instrumentation(new ChainedInstrumentation(new QueryLimitsInstrumentation(LIMITS),
                        cache.instrumentation(), new ParseCounter(() -> awaitAtLeast(asked, clients))))
                .preparsedDocumentProvider(counting)
                .build();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<ExecutionResult>> results = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                results.add(threads.submit(() -> execute(gated, "{ sales { orders { nodes { status } } } }", null,
                        Map.of())));
            }
            for (Future<ExecutionResult> result : results) {
                assertThat(result.get().getErrors()).isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(parses).hasValue(1);
        assertThat(cache.stats().hitCount()).isEqualTo(clients - 1);
    }

    @Test
    void keepsAtMostTheConfiguredDocumentsAndCharacters() {
        DocumentCache two = new DocumentCache(2, 1000, Runnable::run);
        GraphQL bounded = graphQl(schema(SDL), two);

        for (int page = 1; page <= 6; page++) {
            execute(bounded, "{ sales { orders(first: " + page + ") { nodes { id } } } }", null, Map.of());
        }
        assertThat(two.size()).isLessThanOrEqualTo(2);

        DocumentCache small = new DocumentCache(100, 60, Runnable::run);
        GraphQL longDocuments = graphQl(schema(SDL), small);
        String longer = "{ sales { orders(first: 1) { nodes { id status customer { id name } } } } }";
        execute(longDocuments, longer, null, Map.of());
        execute(longDocuments, longer, null, Map.of());
        assertThat(small.size()).isZero();
        assertThat(small.stats().hitCount()).isZero();
    }

    @Test
    void aCacheOfNoDocumentsParsesEveryRequest() {
        DocumentCache none = new DocumentCache(0, 1000);
        GraphQL uncached = graphQl(schema(SDL), none);

        execute(uncached, "{ schemaVersion }", null, Map.of());
        execute(uncached, "{ schemaVersion }", null, Map.of());

        assertThat(parses).hasValue(2);
        assertThat(none.size()).isZero();
    }

    private GraphQL graphQl(GraphQLSchema schema, DocumentCache documents) {
        return GraphQL.newGraphQL(schema)
                .instrumentation(new ChainedInstrumentation(new QueryLimitsInstrumentation(LIMITS),
                        new AuditOperationInstrumentation(), documents.instrumentation(), new ParseCounter(() -> { })))
                .preparsedDocumentProvider(documents)
                .build();
    }

    private static ExecutionResult execute(GraphQL graphQl, String query, String operationName,
            Map<String, Object> variables) {
        return graphQl.execute(ExecutionInput.newExecutionInput(query).operationName(operationName)
                .variables(variables).build());
    }

    private static GraphQLError refusal(ExecutionResult result) {
        assertThat(result.isDataPresent()).as("data of %s", result).isFalse();
        assertThat(result.getErrors()).hasSize(1);
        GraphQLError error = result.getErrors().getFirst();
        assertThat(error.getExtensions()).containsEntry("code", "QUERY_LIMIT_EXCEEDED");
        return error;
    }

    private static GraphQLSchema schema(String sdl) {
        Map<String, Object> page = Map.of("nodes", List.of());
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", type -> type
                        .dataFetcher("sales", environment -> Map.of())
                        .dataFetcher("schemaVersion", environment -> 7))
                .type("SalesDomain", type -> type
                        .dataFetcher("orders", environment -> page)
                        .dataFetcher("shipments", environment -> page))
                .build();
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring);
    }

    private static void awaitAtLeast(AtomicInteger counter, int value) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (counter.get() < value) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + counter.get() + " of " + value + " requests reached the cache");
            }
            Thread.onSpinWait();
        }
    }

    /** Counts graphql-java's parses (it parses only what the cache asks it to), running {@code duringParse} in each. */
    private final class ParseCounter extends SimplePerformantInstrumentation {

        private final Runnable duringParse;

        ParseCounter(Runnable duringParse) {
            this.duringParse = duringParse;
        }

        @Override
        public InstrumentationContext<Document> beginParse(InstrumentationExecutionParameters parameters,
                InstrumentationState state) {
            parses.incrementAndGet();
            duringParse.run();
            return null;
        }
    }
}

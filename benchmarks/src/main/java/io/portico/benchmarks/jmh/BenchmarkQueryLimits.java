package io.portico.benchmarks.jmh;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.RawVariables;
import graphql.language.Document;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.portico.gateway.limits.DocumentShape;
import io.portico.gateway.limits.QueryCost;
import io.portico.gateway.limits.QueryLimits;
import io.portico.gateway.limits.QueryLimitsInstrumentation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the query limits of {@code io.portico.gateway.limits} cost per request, with the default limits.
 *
 * <p>Schema: shaped like a composed one with relationships (domain roots; {@code orders}, {@code customers} and
 * {@code shipments} connections with {@code where}, {@code first = 100}, {@code after}; {@code order.customer},
 * {@code customer.orders(first)}, {@code order.shipments(first)}), data fetchers answering empty pages.
 *
 * <p>Accepted queries ({@code query}):
 * <ul>
 *   <li>{@code typical}: orders of one page with six fields, a filter in a variable, {@code pageInfo}, each order's
 *       customer, and a second domain's page: 3 levels of connections, 17 fields;</li>
 *   <li>{@code pathological}: at the limits but accepted: 45 aliased copies of a chain orders -> customer ->
 *       orders -> customer -> orders -> customer -> orders -> shipments, 15 levels deep, and 50 aliased scalars:
 *       996 fields, 95 aliases.</li>
 * </ul>
 * Benchmarks on them: {@code checks} is Portico's own work (the document's shape before validation, then the cost
 * and largest page on the normalized operation graphql-java builds anyway for the fetchers' selection sets);
 * {@code executeWithLimits} and {@code executeWithoutLimits} run the whole request through graphql-java (parse,
 * validate, execute) with and without {@link QueryLimitsInstrumentation}, so their difference is the overhead
 * a request sees (including the request deadline's wrapping of non-trivial fetchers).
 *
 * <p>Refused queries ({@code hostile}): {@code refuse} runs the request until it is refused: a 1,000-deep query and
 * 10,000 aliases (the parser gives up; the document is scanned to name the limit), a fragment bomb of 2^40 fields
 * (refused before validation), {@code first: 1000000000} (refused before execution), a document of a million
 * tokens.
 *
 * <p>The score is the average time per operation. Run: {@code ./portico bench jmh BenchmarkQueryLimits} (JMH
 * options follow, e.g. {@code -f 1 -wi 2 -i 3 -w 1s -r 2s} for a quick look).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class BenchmarkQueryLimits {

    static final String SDL = """
            type Query { schemaVersion: Int sales: SalesDomain! crm: CrmDomain! }
            type SalesDomain {
              orders(where: OrderWhere, first: Int = 100, after: String): OrderConnection
              shipments(first: Int = 100, after: String): ShipmentConnection
            }
            type CrmDomain { customers(where: CustomerWhere, first: Int = 100, after: String): CustomerConnection }
            input OrderWhere { status: String currency: String }
            input CustomerWhere { country: String }
            type PageInfo { hasNextPage: Boolean! endCursor: String }
            type OrderConnection { nodes: [Order!]! edges: [OrderEdge!]! pageInfo: PageInfo! totalCount: Int! }
            type OrderEdge { cursor: String! node: Order! }
            type Order {
              orderId: Int customerId: Int status: String totalAmount: String currency: String createdAt: String
              customer: Customer
              shipments(first: Int = 100, after: String): ShipmentConnection
            }
            type CustomerConnection { nodes: [Customer!]! pageInfo: PageInfo! }
            type Customer {
              customerId: Int name: String email: String country: String
              orders(where: OrderWhere, first: Int = 100, after: String): OrderConnection
            }
            type ShipmentConnection { nodes: [Shipment!]! }
            type Shipment { shipmentId: Int carrier: String status: String }
            """;

    static final String TYPICAL = """
            query Orders($where: OrderWhere) {
              sales { orders(first: 50, where: $where) {
                nodes { orderId customerId status totalAmount currency createdAt customer { name email } }
                pageInfo { hasNextPage endCursor } } }
              crm { customers(first: 10) { nodes { customerId name } } }
            }""";

    static String pathological() {
        String hop = "orderId customer { name orders(first: 2) { nodes { ";
        String chain = hop.repeat(3) + "orderId shipments(first: 2) { nodes { shipmentId } }" + " } } }".repeat(3);
        StringBuilder query = new StringBuilder("{");
        for (int alias = 0; alias < 50; alias++) {
            query.append(" v").append(alias).append(": schemaVersion");
        }
        query.append(" sales {");
        for (int alias = 0; alias < 45; alias++) {
            query.append(" o").append(alias).append(": orders(first: 10) { nodes { ").append(chain).append(" } }");
        }
        return query.append(" } }").toString();
    }

    static String fragmentBomb() {
        StringBuilder query = new StringBuilder("{ ...F0 }\n");
        for (int level = 0; level < 40; level++) {
            query.append("fragment F").append(level).append(" on Query { ...F").append(level + 1).append(" ...F")
                    .append(level + 1).append(" }\n");
        }
        return query.append("fragment F40 on Query { schemaVersion }").toString();
    }

    static String aliases(int count) {
        StringBuilder query = new StringBuilder("{");
        for (int alias = 0; alias < count; alias++) {
            query.append(" v").append(alias).append(": schemaVersion");
        }
        return query.append(" }").toString();
    }

    static GraphQLSchema schema() {
        Map<String, Object> emptyPage = Map.of("nodes", List.of(), "edges", List.of(),
                "pageInfo", Map.of("hasNextPage", false), "totalCount", 0);
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", type -> type
                        .dataFetcher("sales", environment -> Map.of())
                        .dataFetcher("crm", environment -> Map.of()))
                .type("SalesDomain", type -> type.dataFetcher("orders", environment -> emptyPage))
                .type("CrmDomain", type -> type.dataFetcher("customers", environment -> emptyPage))
                .build();
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
    }

    /** An accepted query, parsed and normalized once. */
    @State(Scope.Benchmark)
    public static class Accepted {

        @Param({"typical", "pathological"})
        public String query;

        String text;
        Document document;
        ExecutableNormalizedOperation operation;
        GraphQLSchema schema;
        GraphQL withLimits;
        GraphQL withoutLimits;
        QueryLimits limits = QueryLimits.defaults();

        @Setup
        public void setUp() {
            schema = schema();
            text = query.equals("typical") ? TYPICAL : pathological();
            document = Parser.parse(text);
            operation = ExecutableNormalizedOperationFactory.createExecutableNormalizedOperationWithRawVariables(
                    schema, document, null, RawVariables.emptyVariables());
            withLimits = GraphQL.newGraphQL(schema).instrumentation(new QueryLimitsInstrumentation(limits)).build();
            withoutLimits = GraphQL.newGraphQL(schema).build();
            ExecutionResult result = withLimits.execute(text);
            if (!result.getErrors().isEmpty()) {
                throw new IllegalStateException(query + " is not accepted: " + result.getErrors());
            }
        }
    }

    /** A query the limits refuse. */
    @State(Scope.Benchmark)
    public static class Hostile {

        @Param({"depth-1000", "aliases-10000", "fragment-bomb", "first-1e9", "million-tokens"})
        public String hostile;

        String text;
        GraphQL withLimits;

        @Setup
        public void setUp() {
            text = switch (hostile) {
                case "depth-1000" -> "{" + " sales {".repeat(999) + " orderId" + " }".repeat(1000);
                case "aliases-10000" -> aliases(10_000);
                case "fragment-bomb" -> fragmentBomb();
                case "first-1e9" -> "{ sales { orders(first: 1000000000) { nodes { orderId } } } }";
                case "million-tokens" -> "{ schemaVersion(" + "a: 1 ".repeat(200_000) + ") }";
                default -> throw new IllegalArgumentException(hostile);
            };
            withLimits = GraphQL.newGraphQL(schema())
                    .instrumentation(new QueryLimitsInstrumentation(QueryLimits.defaults())).build();
            ExecutionResult result = withLimits.execute(text);
            if (result.isDataPresent() || result.getErrors().isEmpty()) {
                throw new IllegalStateException(hostile + " was not refused: " + result);
            }
        }
    }

    @Benchmark
    public long checks(Accepted state) {
        DocumentShape shape = DocumentShape.of(state.document, null);
        QueryCost cost = QueryCost.estimate(state.operation, state.schema, state.limits.defaultPageSize(),
                state.limits.listSizeEstimate());
        return shape.fields() + cost.total();
    }

    @Benchmark
    public ExecutionResult executeWithLimits(Accepted state) {
        return state.withLimits.execute(ExecutionInput.newExecutionInput(state.text).build());
    }

    @Benchmark
    public ExecutionResult executeWithoutLimits(Accepted state) {
        return state.withoutLimits.execute(ExecutionInput.newExecutionInput(state.text).build());
    }

    @Benchmark
    public ExecutionResult refuse(Hostile state) {
        return state.withLimits.execute(ExecutionInput.newExecutionInput(state.text).build());
    }
}

package io.portico.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.execution.RawVariables;
import graphql.language.Document;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryCostTest {

    private static final GraphQLSchema SCHEMA = LimitsTestSchema.schema();
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int LIST_SIZE_ESTIMATE = 10;

    private static QueryCost cost(String query, Map<String, Object> variables) {
        Document document = Parser.parse(query);
        ExecutableNormalizedOperation operation = ExecutableNormalizedOperationFactory
                .createExecutableNormalizedOperationWithRawVariables(SCHEMA, document, null, RawVariables.of(variables));
        return QueryCost.estimate(operation, SCHEMA, DEFAULT_PAGE_SIZE, LIST_SIZE_ESTIMATE);
    }

    private static QueryCost cost(String query) {
        return cost(query, Map.of());
    }

    @Test
    void aConnectionMultipliesItsSelectionByItsPageSize() {
        // sales 1 + orders (1 + 10 x (nodes 1 + id 1 + status 1))
        QueryCost cost = cost("{ sales { orders(first: 10) { nodes { id status } } } }");
        assertThat(cost.total()).isEqualTo(1 + 1 + 10 * 3);
        assertThat(cost.largestPage()).isEqualTo(10);
        assertThat(cost.largestPagePath()).isEqualTo("sales.orders");
        assertThat(cost.costliestField()).isEqualTo("sales");
    }

    @Test
    void theSchemaDefaultAndNullUseTheirPageSizes() {
        assertThat(cost("{ sales { orders { nodes { id } } } }").largestPage()).isEqualTo(100);
        assertThat(cost("{ sales { orders(first: null) { nodes { id } } } }").largestPage())
                .isEqualTo(DEFAULT_PAGE_SIZE);
    }

    @Test
    void variablesAndVariableDefaultsAreResolved() {
        String query = "query($n: Int = 7) { sales { big: orders(first: $n) { totalCount } } }";
        assertThat(cost(query).largestPage()).isEqualTo(7);
        QueryCost huge = cost(query, Map.of("n", 1_000_000_000));
        assertThat(huge.largestPage()).isEqualTo(1_000_000_000);
        assertThat(huge.largestPagePath()).isEqualTo("sales.big");
    }

    @Test
    void nestedConnectionsAndRelationshipsMultiply() {
        // orders(100) x (nodes 1 + id 1 + customer (1 + name 1) + shipments (1 + 10 x (nodes 1 + id 1)))
        QueryCost cost = cost("""
                { sales { orders(first: 100) { nodes { id customer { name } shipments(first: 10) { nodes { id } } } } } }""");
        long perOrder = 1 + 1 + (1 + 1) + (1 + 10 * 2);
        assertThat(cost.total()).isEqualTo(1 + 1 + 100 * perOrder);
        assertThat(cost.largestPage()).isEqualTo(100);
    }

    @Test
    void edgesAreThePageAndOtherListsUseTheEstimate() {
        // edges (1 + cursor 1 + node (1 + tags 1 + lines (1 + 10 x sku 1)))
        QueryCost cost = cost("{ sales { orders(first: 2) { edges { cursor node { tags lines { sku } } } } } }");
        assertThat(cost.total()).isEqualTo(1 + 1 + 2 * (1 + 1 + (1 + 1 + (1 + 10))));
        // catalog: dataProducts(20) x (nodes 1 + datasets (1 + 10 x (name 1 + fields 1)))
        assertThat(cost("{ dataProducts { nodes { datasets { name fields } } } }").total())
                .isEqualTo(1 + 20 * (1 + (1 + 10 * 2)));
    }

    @Test
    void fragmentsAndSkipAreResolvedBeforeCounting() {
        String query = """
                query($skip: Boolean!) { sales { orders(first: 10) { nodes { ...Order id @skip(if: $skip) } } } }
                fragment Order on Order { id status }""";
        assertThat(cost(query, Map.of("skip", true)).total()).isEqualTo(1 + 1 + 10 * 3);
    }

    @Test
    void deepNestingSaturatesInsteadOfOverflowing() {
        String query = "{ sales { orders(first: 100000) { nodes { customer { orders(first: 100000) { nodes {"
                + " customer { orders(first: 100000) { nodes { customer { orders(first: 100000) { nodes { id"
                + " } } } } } } } } } } } } }";
        assertThat(cost(query).total()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void introspectionIsCountedWithTheListEstimate() {
        QueryCost cost = cost(graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY);
        assertThat(cost.total()).isBetween(1_000L, 1_000_000L);
        assertThat(cost.largestPage()).isZero();
        assertThat(cost.largestPagePath()).isNull();
    }
}

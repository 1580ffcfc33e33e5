package io.portico.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.GraphQlClient.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The document cache in the demo gateway over real HTTP: a document sent again is answered from the cache, and a
 * cached document is still held to every limit that depends on the request (its variables) or on the operation it
 * names.
 */
@DemoGatewayTest
class DocumentCacheEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int httpPort;

    @Autowired
    DocumentCache documents;

    @Autowired
    MeterRegistry meters;

    private GraphQlClient graphQl;

    @BeforeEach
    void connect() {
        graphQl = new GraphQlClient(httpPort);
    }

    /**
     * The attack: a harmless page size first, so the document is parsed, validated and cached; then the same text
     * with a variable asking for a billion rows, and one whose two pages together are over the cost budget.
     */
    @Test
    void aCachedDocumentIsRefusedWhenItsVariableAsksForTooMuch() {
        String query = """
                query CachedPages($n: Int) { sales { a: orders(first: $n) { nodes { orderId customerId status
                  totalAmount currency createdAt } } b: orders(first: $n) { nodes { orderId status currency } } } }""";
        assertThat(graphQl.post(query, Map.of("n", 3)).errors()).isEmpty();
        long hitsBefore = documents.stats().hitCount();

        Response small = graphQl.post(query, Map.of("n", 3));
        Response billion = graphQl.post(query, Map.of("n", 1_000_000_000));
        Response overBudget = graphQl.post(query, Map.of("n", 100_000));

        assertThat(small.errors()).isEmpty();
        assertThat(small.data().path("sales").path("a").path("nodes").size()).isEqualTo(3);
        assertThat(billion.codes()).containsExactly("QUERY_LIMIT_EXCEEDED");
        assertThat(billion.errors().getFirst().path("message").asString())
                .startsWith("the query asks for first: 1000000000 at sales.")
                .contains("the limit is 100000 (portico.query.max-page-size)");
        assertThat(overBudget.codes()).containsExactly("QUERY_LIMIT_EXCEEDED");
        assertThat(overBudget.errors().getFirst().path("message").asString())
                .startsWith("the query's estimated cost is 1,100,003")
                .contains("the limit is 1000000 (portico.limits.max-cost)");
        assertThat(billion.data()).isNull();
        assertThat(documents.stats().hitCount()).isGreaterThanOrEqualTo(hitsBefore + 3);
    }

    /**
     * The attack: a document with a harmless operation, cached under it, then sent naming its other operation,
     * which is over the alias limit but cheap: it is measured, and refused.
     */
    @Test
    void namingAnotherOperationOfACachedDocumentDoesNotSkipTheLimits() {
        StringBuilder aliases = new StringBuilder("query Many {");
        for (int alias = 0; alias <= 100; alias++) {
            aliases.append(" v").append(alias).append(": schemaVersion");
        }
        String document = "query Small { schemaVersion } " + aliases.append(" }");

        Response small = post(document, "Small");
        Response smallAgain = post(document, "Small");
        Response many = post(document, "Many");

        assertThat(small.errors()).isEmpty();
        assertThat(smallAgain.errors()).isEmpty();
        assertThat(many.codes()).containsExactly("QUERY_LIMIT_EXCEEDED");
        assertThat(many.errors().getFirst().path("message").asString())
                .startsWith("the query has 101 aliased fields; the limit is 100 (portico.limits.max-aliases)");
    }

    @Test
    void hitsAndMissesAreMeasured() {
        graphQl.data("{ schemaVersion sales { orders(first: 1) { totalCount } } }");
        graphQl.data("{ schemaVersion sales { orders(first: 1) { totalCount } } }");

        double hits = meters.get("cache.gets").tag("cache", DocumentCacheConfiguration.METERS_NAME)
                .tag("result", "hit").functionCounter().count();
        assertThat(hits).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("cache.size").tag("cache", DocumentCacheConfiguration.METERS_NAME).gauge().value())
                .isGreaterThanOrEqualTo(1);
    }

    private Response post(String document, String operationName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", document);
        body.put("operationName", operationName);
        return graphQl.postRaw(JSON.writeValueAsString(body), GraphQlClient.JSON, GraphQlClient.GRAPHQL_RESPONSE);
    }
}

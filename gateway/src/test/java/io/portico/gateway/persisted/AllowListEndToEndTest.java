package io.portico.gateway.persisted;

import static io.portico.gateway.testing.GraphQlClient.GRAPHQL_RESPONSE;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.GraphQlClient.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Allow-list mode over real HTTP against the demo mesh: an Apollo persisted-query manifest of two operations (one
 * under its SHA-256, one under an id of its own) is all that runs. Written as the attacks: unlisted text, a listed id
 * with other text, registration by the APQ protocol, introspection, the SDL download.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "portico.demo.enabled=true",
        "portico.demo.seed=42",
        "portico.demo.scale=0.01",
        "portico.ports.retry-interval=500ms",
        "portico.graphql.persisted-queries.mode=allow-list"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllowListEndToEndTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final String LISTED_ORDERS = """
            query ListedOrders { sales { orders(first: 2) { nodes { orderId status } } } }""";
    private static final String LISTED_CUSTOMERS = """
            query ListedCustomers { crm { customers(first: 2) { nodes { customerId region } } } }""";
    private static final String CUSTOMERS_ID = "listed-customers-v1";
    private static final String UNLISTED = """
            query Unlisted { sales { orders(first: 100) { nodes { orderId customerId totalAmount } } } }""";

    @LocalServerPort
    int httpPort;

    @Autowired
    BufferAllocator rootAllocator;

    GraphQlClient graphQl;

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry properties) {
        try {
            Path folder = Files.createTempDirectory("portico-allow-list");
            Path manifest = folder.resolve("persisted-query-manifest.json");
            Files.writeString(manifest, MAPPER.writeValueAsString(Map.of(
                    "format", "apollo-persisted-query-manifest",
                    "version", 1,
                    "operations", List.of(
                            Map.of("id", PersistedQueries.sha256(LISTED_ORDERS), "name", "ListedOrders",
                                    "type", "query", "body", LISTED_ORDERS),
                            Map.of("id", CUSTOMERS_ID, "name", "ListedCustomers", "type", "query",
                                    "body", LISTED_CUSTOMERS)))));
            manifest.toFile().deleteOnExit();
            folder.toFile().deleteOnExit();
            properties.add("portico.graphql.persisted-queries.manifest", folder::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void connect() {
        graphQl = new GraphQlClient(httpPort);
    }

    @AfterAll
    void noArrowMemoryLeft() {
        ArrowLeaks.assertNoneUnder(rootAllocator);
    }

    @Test
    void aListedOperationRunsByItsHashOverPostAndGet() {
        Map<String, Object> extensions = extension(PersistedQueries.sha256(LISTED_ORDERS));

        Response post = post(Map.of("extensions", extensions));
        Response get = graphQl.get(Map.of("extensions", MAPPER.writeValueAsString(extensions)), GRAPHQL_RESPONSE);

        assertThat(post.errors()).as(post.toString()).isEmpty();
        assertThat(post.data().path("sales").path("orders").path("nodes").size()).isEqualTo(2);
        assertThat(get.errors()).as(get.toString()).isEmpty();
        assertThat(get.data()).isEqualTo(post.data());
    }

    @Test
    void aListedOperationRunsByItsOwnIdAndAsItsIdenticalText() {
        Response byId = post(Map.of("extensions", extension(CUSTOMERS_ID)));
        Response byText = post(Map.of("query", LISTED_CUSTOMERS));
        Response byTextAndId = post(Map.of("query", LISTED_CUSTOMERS, "extensions", extension(CUSTOMERS_ID)));

        assertThat(byId.errors()).as(byId.toString()).isEmpty();
        assertThat(byId.data().path("crm").path("customers").path("nodes").size()).isEqualTo(2);
        assertThat(byText.data()).isEqualTo(byId.data());
        assertThat(byTextAndId.data()).isEqualTo(byId.data());
    }

    @Test
    void anUnlistedDocumentIsRefusedBeforeItIsParsed() {
        Response unlisted = post(Map.of("query", UNLISTED));
        Response unparsable = post(Map.of("query", "{ sales { orders("));
        Response introspection = post(Map.of("query", "{ __schema { types { name } } }"));
        Response almostListed = post(Map.of("query", LISTED_ORDERS + " "));

        for (Response refused : List.of(unlisted, unparsable, introspection, almostListed)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.codes()).containsExactly("PERSISTED_QUERY_NOT_IN_LIST");
            assertThat(refused.data()).isNull();
        }
    }

    /** The attack: a listed id, so the gateway thinks it allowed, with the text one wants run. */
    @Test
    void aListedIdWithAnotherTextIsRefused() {
        Response unlistedText = post(Map.of("query", UNLISTED,
                "extensions", extension(PersistedQueries.sha256(LISTED_ORDERS))));
        Response otherListedText = post(Map.of("query", LISTED_CUSTOMERS,
                "extensions", extension(PersistedQueries.sha256(LISTED_ORDERS))));

        assertThat(unlistedText.status()).isEqualTo(400);
        assertThat(unlistedText.codes()).containsExactly("PERSISTED_QUERY_NOT_IN_LIST");
        assertThat(otherListedText.status()).isEqualTo(400);
        assertThat(otherListedText.codes()).containsExactly("PERSISTED_QUERY_HASH_MISMATCH");
    }

    /** The attack: register a document by the APQ protocol, then run it by its hash. */
    @Test
    void aDocumentCannotBeRegistered() {
        Map<String, Object> extensions = extension(PersistedQueries.sha256(UNLISTED));

        Response register = post(Map.of("query", UNLISTED, "extensions", extensions));
        Response byHash = post(Map.of("extensions", extensions));

        assertThat(register.status()).as(register.toString()).isEqualTo(400);
        assertThat(register.codes()).containsExactly("PERSISTED_QUERY_NOT_IN_LIST");
        assertThat(byHash.status()).isEqualTo(400);
        assertThat(byHash.codes()).containsExactly("PERSISTED_QUERY_NOT_IN_LIST");
        assertThat(byHash.header("Cache-Control")).isEqualTo("no-store");
    }

    /** The attack: read the schema the allow-list keeps hidden from introspection by downloading its SDL. */
    @Test
    void theSchemaIsNotDownloadable() {
        Response download = graphQl.send(java.net.http.HttpRequest.newBuilder(
                graphQl.endpoint().resolve("/graphql/schema.graphql")).GET().build());

        assertThat(download.status()).as(download.toString()).isEqualTo(403);
        assertThat(download.codes()).containsExactly("FORBIDDEN");
        assertThat(download.toString()).doesNotContain("orderId").doesNotContain("type Query");
    }

    private Response post(Map<String, Object> body) {
        return graphQl.post(body, Map.of("Accept", GRAPHQL_RESPONSE));
    }

    private static Map<String, Object> extension(String id) {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", id));
    }
}

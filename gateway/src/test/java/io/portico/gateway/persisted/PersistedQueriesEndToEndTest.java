package io.portico.gateway.persisted;

import static io.portico.gateway.testing.GraphQlClient.GRAPHQL_RESPONSE;
import static io.portico.gateway.testing.GraphQlClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.GraphQlClient.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Automatic persisted queries (the default mode) over real HTTP against the demo mesh, as an Apollo client speaks
 * the protocol: the hash alone, {@code PERSISTED_QUERY_NOT_FOUND}, the hash with the query, then the hash alone
 * again; on POST and on GET. Each test sends documents of its own (a unique operation name), since the store is
 * shared by the tests of one gateway.
 */
@DemoGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersistedQueriesEndToEndTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @LocalServerPort
    int httpPort;

    @Autowired
    BufferAllocator rootAllocator;

    GraphQlClient graphQl;

    @BeforeEach
    void connect() {
        graphQl = new GraphQlClient(httpPort);
    }

    @AfterAll
    void noArrowMemoryLeft() {
        ArrowLeaks.assertNoneUnder(rootAllocator);
    }

    @Test
    void anApolloClientRoundTripOverPost() {
        String query = uniqueOrdersQuery();
        Map<String, Object> hashOnly = Map.of("extensions", extension(PersistedQueries.sha256(query)));

        Response miss = graphQl.post(hashOnly, Map.of("Accept", GRAPHQL_RESPONSE));
        assertNotFound(miss);

        Response full = graphQl.post(withQuery(hashOnly, query), Map.of("Accept", GRAPHQL_RESPONSE));
        assertThat(full.status()).as(full.toString()).isEqualTo(200);
        assertThat(full.errors()).isEmpty();
        assertThat(full.data().path("sales").path("orders").path("nodes").size()).isEqualTo(2);

        Response hit = graphQl.post(hashOnly, Map.of("Accept", GRAPHQL_RESPONSE));
        assertThat(hit.status()).isEqualTo(200);
        assertThat(hit.errors()).isEmpty();
        assertThat(hit.data()).isEqualTo(full.data());
        assertThat(hit.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void anApolloClientRoundTripOverGet() {
        String query = uniqueOrdersQuery();
        String extensions = MAPPER.writeValueAsString(extension(PersistedQueries.sha256(query)));

        assertNotFound(graphQl.get(Map.of("extensions", extensions), GRAPHQL_RESPONSE));

        Response full = graphQl.get(Map.of("query", query, "extensions", extensions), GRAPHQL_RESPONSE);
        assertThat(full.status()).as(full.toString()).isEqualTo(200);
        assertThat(full.errors()).isEmpty();

        Response hit = graphQl.get(Map.of("extensions", extensions), GRAPHQL_RESPONSE);
        assertThat(hit.status()).as(hit.toString()).isEqualTo(200);
        assertThat(hit.errors()).isEmpty();
        assertThat(hit.data()).isEqualTo(full.data());
        assertThat(hit.header("Cache-Control")).as("a hit by hash is cached as its query is").startsWith("public");
        assertThat(hit.header("ETag")).isEqualTo(full.header("ETag"));
    }

    @Test
    void theNotFoundAnswerIsTwoHundredInEitherMediaType() {
        String hash = PersistedQueries.sha256(uniqueOrdersQuery());
        for (String accept : new String[] {GRAPHQL_RESPONSE, JSON}) {
            assertNotFound(graphQl.post(Map.of("extensions", extension(hash)), Map.of("Accept", accept)));
        }
    }

    /** The attack: store a document of one's choice under the hash of a document other clients send. */
    @Test
    void aQuerySentWithAnotherDocumentsHashIsRefusedAndNotStored() {
        String victim = uniqueOrdersQuery();
        String attacker = "query Evil { sales { orders(first: 1) { nodes { customerId } } } }";
        Map<String, Object> poisoned = withQuery(Map.of("extensions", extension(PersistedQueries.sha256(victim))),
                attacker);

        Response refused = graphQl.post(poisoned, Map.of("Accept", GRAPHQL_RESPONSE));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.codes()).containsExactly("PERSISTED_QUERY_HASH_MISMATCH");
        assertNotFound(graphQl.post(Map.of("extensions", extension(PersistedQueries.sha256(victim))),
                Map.of("Accept", GRAPHQL_RESPONSE)));
    }

    @Test
    void aDocumentThatDoesNotValidateIsNotRegistered() {
        String invalid = "query Invalid_" + suffix() + " { sales { orders(first: 1) { nodes { noSuchField } } } }";
        Map<String, Object> hashOnly = Map.of("extensions", extension(PersistedQueries.sha256(invalid)));

        Response refused = graphQl.post(withQuery(hashOnly, invalid), Map.of("Accept", GRAPHQL_RESPONSE));

        assertThat(refused.codes()).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertNotFound(graphQl.post(hashOnly, Map.of("Accept", GRAPHQL_RESPONSE)));
    }

    /** The attack: run a mutation over GET by sending only the hash of a registered mutation. */
    @Test
    void aRegisteredMutationSentByHashOverGetIsRefused() {
        String mutation = "mutation Check_" + suffix() + " { checkOutputPort(contract: \"x\") { status } }";
        Map<String, Object> hashOnly = Map.of("extensions", extension(PersistedQueries.sha256(mutation)));
        Response registered = graphQl.post(withQuery(hashOnly, mutation), Map.of("Accept", GRAPHQL_RESPONSE));
        assertThat(registered.data()).as(registered.toString()).isNotNull();

        Response overGet = graphQl.get(Map.of("extensions", MAPPER.writeValueAsString(hashOnly.get("extensions"))),
                GRAPHQL_RESPONSE);

        assertThat(overGet.status()).as(overGet.toString()).isEqualTo(405);
        assertThat(overGet.header("Cache-Control")).isEqualTo("no-store");
        assertThat(graphQl.post(hashOnly, Map.of("Accept", GRAPHQL_RESPONSE)).data())
                .as("registered, so POST runs it by hash").isNotNull();
    }

    @Test
    void anUnsupportedVersionOrAMalformedHashIsABadRequest() {
        String query = uniqueOrdersQuery();
        Response version2 = graphQl.post(Map.of("query", query, "extensions", Map.of("persistedQuery",
                Map.of("version", 2, "sha256Hash", PersistedQueries.sha256(query)))), Map.of("Accept", JSON));
        Response notHex = graphQl.post(Map.of("extensions", extension("not-a-hash")), Map.of("Accept", JSON));

        assertThat(version2.status()).isEqualTo(400);
        assertThat(version2.codes()).containsExactly("BAD_REQUEST");
        assertThat(notHex.status()).isEqualTo(400);
        assertThat(notHex.codes()).containsExactly("BAD_REQUEST");
    }

    private static void assertNotFound(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.errors()).hasSize(1);
        assertThat(response.errors().getFirst().path("message").asString()).isEqualTo("PersistedQueryNotFound");
        assertThat(response.codes()).containsExactly("PERSISTED_QUERY_NOT_FOUND");
        assertThat(response.header("Cache-Control")).as("never cached: the next request registers it")
                .isEqualTo("no-store");
    }

    private static Map<String, Object> extension(String hash) {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
    }

    private static Map<String, Object> withQuery(Map<String, Object> body, String query) {
        Map<String, Object> full = new LinkedHashMap<>(body);
        full.put("query", query);
        return full;
    }

    private static String uniqueOrdersQuery() {
        return "query Orders_" + suffix() + " { sales { orders(first: 2) { nodes { orderId status } } } }";
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}

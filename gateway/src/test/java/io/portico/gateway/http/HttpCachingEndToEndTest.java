package io.portico.gateway.http;

import static io.portico.gateway.testing.GraphQlClient.GRAPHQL_RESPONSE;
import static io.portico.gateway.testing.GraphQlClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.GraphQlClient.Response;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * HTTP caching of GraphQL answers over real HTTP against the demo mesh, with real demo tokens: Cache-Control from
 * the ports' freshness (the demo contracts state a latency of 2 s) and from who asks, ETag and If-None-Match.
 */
@DemoGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpCachingEndToEndTest {

    private static final String ORDERS = "{ sales { orders(first: 3) { nodes { orderId status totalAmount } } } }";
    private static final String CUSTOMERS = "{ crm { customers(first: 5) { nodes { customerId fullName email } } } }";

    @LocalServerPort
    int httpPort;

    @Autowired
    BufferAllocator rootAllocator;

    GraphQlClient graphQl;
    String analyst;
    String steward;

    @BeforeAll
    void connect() {
        graphQl = new GraphQlClient(httpPort);
        analyst = graphQl.demoToken("ada", "analyst", Map.of());
        steward = graphQl.demoToken("stella", "steward", Map.of());
    }

    @AfterAll
    void noArrowMemoryLeft() {
        ArrowLeaks.assertNoneUnder(rootAllocator);
    }

    @Test
    void anAnonymousQueryIsPublicForTheFreshnessOfThePortItRead() {
        Response response = get(ORDERS, null, null);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.errors()).isEmpty();
        assertThat(response.header("Cache-Control")).isEqualTo("public, max-age=2");
        assertThat(response.header("Vary")).contains("Authorization");
        assertThat(response.header("ETag")).matches("\"[A-Za-z0-9_-]{43}\"");
    }

    @Test
    void anAuthenticatedQueryIsPrivate() {
        Response response = get(ORDERS, analyst, null);

        assertThat(response.errors()).isEmpty();
        assertThat(response.header("Cache-Control")).isEqualTo("private, max-age=2");
        assertThat(response.header("Vary")).contains("Authorization");
    }

    @Test
    void aQueryOverRowFilteredOrdersAcrossPortsIsPrivate() {
        String support = graphQl.demoToken("sam", "support", Map.of("region", "EMEA"));

        Response response = get(ORDERS, support, null);

        assertThat(response.errors()).as(response.toString()).isEmpty();
        assertThat(response.header("Cache-Control")).isEqualTo("private, max-age=2");
    }

    @Test
    void anAnswerWithAnErrorIsNotStored() {
        Response response = get("{ crm { customers(first: 2) { nodes { customerId birthDate } } } }", null, null);

        assertThat(response.codes()).as(response.toString()).contains("FORBIDDEN");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.header("ETag")).isNull();
    }

    @Test
    void aRequestErrorIsNotStored() {
        Response response = get("{ sales { orders(first: 1) { nodes { noSuchField } } } }", null, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void aMutationOverGetIsRefusedAndNotStored() {
        Response response = get("mutation { checkOutputPort(contract: \"x\") { status } }", null, null);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void anAnswerToPostIsNeverStored() {
        Response response = graphQl.post(Map.of("query", ORDERS), Map.of("Accept", GRAPHQL_RESPONSE));

        assertThat(response.errors()).isEmpty();
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.header("ETag")).isNull();
    }

    @Test
    void anAnswerThatReadNoPortIsRevalidatedEachTime() {
        Response anonymous = get("{ schemaVersion }", null, null);
        Response authenticated = get("{ schemaVersion }", analyst, null);

        assertThat(anonymous.header("Cache-Control")).isEqualTo("public, no-cache");
        assertThat(anonymous.header("ETag")).isNotNull();
        assertThat(authenticated.header("Cache-Control")).isEqualTo("private, no-cache");
    }

    @Test
    void ifNoneMatchWithTheCurrentTagIsAnsweredNotModifiedWithoutABody() {
        Response first = get(ORDERS, analyst, null);
        String tag = first.header("ETag");

        Response again = get(ORDERS, analyst, tag);
        Response weakOrListed = get(ORDERS, analyst, "\"other\", W/" + tag);
        Response stale = get(ORDERS, analyst, "\"not-the-tag\"");

        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isNull();
        assertThat(again.header("ETag")).isEqualTo(tag);
        assertThat(again.header("Cache-Control")).isEqualTo("private, max-age=2");
        assertThat(weakOrListed.status()).isEqualTo(304);
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.data()).isEqualTo(first.data());
    }

    @Test
    void theTagDependsOnTheMediaType() {
        Response json = graphQl.get(Map.of("query", ORDERS), Map.of("Accept", JSON));
        Response graphQlResponse = graphQl.get(Map.of("query", ORDERS), Map.of("Accept", GRAPHQL_RESPONSE));

        assertThat(json.header("ETag")).isNotEqualTo(graphQlResponse.header("ETag"));
        assertThat(json.header("Vary")).contains("Accept");
    }

    /** Two roles see different data for one query: neither's tag revalidates the other's answer. */
    @Test
    void theTagDiffersBetweenRolesThatSeeDifferentData() {
        Response forSteward = get(CUSTOMERS, steward, null);
        Response forAnalyst = get(CUSTOMERS, analyst, null);

        assertThat(forSteward.errors()).isEmpty();
        assertThat(forAnalyst.errors()).isEmpty();
        assertThat(forAnalyst.data()).as("the analyst sees masked names and hashed emails")
                .isNotEqualTo(forSteward.data());
        assertThat(forAnalyst.header("ETag")).isNotEqualTo(forSteward.header("ETag"));
        assertThat(forAnalyst.header("Cache-Control")).startsWith("private");

        Response analystWithStewardsTag = get(CUSTOMERS, analyst, forSteward.header("ETag"));
        assertThat(analystWithStewardsTag.status()).isEqualTo(200);
        assertThat(analystWithStewardsTag.data()).isEqualTo(forAnalyst.data());
    }

    private Response get(String query, String token, String ifNoneMatch) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Accept", GRAPHQL_RESPONSE);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (ifNoneMatch != null) {
            headers.put("If-None-Match", ifNoneMatch);
        }
        return graphQl.get(Map.of("query", query), headers);
    }
}

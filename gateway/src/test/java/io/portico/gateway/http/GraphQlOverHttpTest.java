package io.portico.gateway.http;

import static io.portico.gateway.testing.GraphQlClient.GRAPHQL_RESPONSE;
import static io.portico.gateway.testing.GraphQlClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.testing.ArrowLeaks;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient;
import io.portico.gateway.testing.GraphQlClient.Response;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** GraphQL over HTTP per the GraphQL-over-HTTP spec, and bad input, over real HTTP against the demo mesh. */
@DemoGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphQlOverHttpTest {

    private static final String ORDERS = "{ sales { orders(first: 2) { nodes { orderId } } } }";

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
    void postAnswersGraphQlResponseJsonWhenAccepted() {
        Response response = graphQl.post(ORDERS);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith(GRAPHQL_RESPONSE);
        assertThat(response.data().path("sales").path("orders").path("nodes").size()).isEqualTo(2);
    }

    /** The finding: graphql-java's good-faith introspection check answered INTERNAL. */
    @Test
    void anIntrospectionQueryInBadFaithIsTheCallersLimitNotAnInternalError() {
        Response response = graphQl.post("{ __schema { types { fields { type { fields { type { fields { type {"
                + " fields { name } } } } } } } } } }");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.codes()).containsExactly("QUERY_LIMIT_EXCEEDED");
        assertThat(response.errors().getFirst().path("message").asString())
                .contains("introspection", "Ask for each introspection field at most once per level");
        assertThat(graphQl.post(ORDERS).status()).as("the gateway keeps serving").isEqualTo(200);
    }

    /** The finding: field errors carried "classification": "DataFetchingException" and "locations": []. */
    @Test
    void errorsCarryNoImplementationClassificationAndNoEmptyLocations() {
        Response fieldError = graphQl.post("{ crm { customers(first: 1) { nodes { birthDate } } } }");
        Response requestError = graphQl.post("{ sales { orders(first: 1) { nodes { nope } } } }");

        assertThat(fieldError.codes()).as(fieldError.toString()).containsExactly("FORBIDDEN");
        assertThat(requestError.codes()).containsExactly("GRAPHQL_VALIDATION_FAILED");
        for (Response response : new Response[] {fieldError, requestError}) {
            var error = response.errors().getFirst();
            assertThat(error.path("extensions").has("classification")).as(error.toString()).isFalse();
            assertThat(!error.has("locations") || !error.path("locations").isEmpty()).as(error.toString()).isTrue();
        }
        assertThat(requestError.errors().getFirst().path("locations").get(0).path("line").asInt()).isEqualTo(1);
    }

    @Test
    void postAnswersJsonToClientsThatAcceptOnlyJson() {
        Response response = graphQl.postRaw(body(ORDERS), JSON, JSON);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith(JSON);
        assertThat(response.errors()).isEmpty();
    }

    @Test
    void postWithoutAcceptAnswersJson() {
        Response response = graphQl.postRaw(body(ORDERS), JSON, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith(JSON);
    }

    @Test
    void getRunsAQuery() {
        Response response = graphQl.get(Map.of("query", "query Orders($n: Int) { sales { orders(first: $n) { nodes { orderId } } } }",
                "variables", "{\"n\": 3}", "operationName", "Orders"), GRAPHQL_RESPONSE);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.data().path("sales").path("orders").path("nodes").size()).isEqualTo(3);
    }

    @Test
    void getRefusesAMutation() {
        Response response = graphQl.get(Map.of("query", "mutation { retire(id: \"x\") }"), GRAPHQL_RESPONSE);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers().get("allow")).containsExactly("POST");
        assertThat(response.codes()).containsExactly("BAD_REQUEST");
    }

    @Test
    void getWithoutAQueryIsABadRequest() {
        Response response = graphQl.get(Map.of(), GRAPHQL_RESPONSE);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.codes()).containsExactly("BAD_REQUEST");
    }

    @Test
    void getWithVariablesThatAreNotJsonIsABadRequest() {
        Response response = graphQl.get(Map.of("query", ORDERS, "variables", "{not json"), JSON);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.codes()).containsExactly("BAD_REQUEST");
    }

    @Test
    void malformedJsonBodyIsABadRequest() {
        for (String accept : new String[] {GRAPHQL_RESPONSE, JSON}) {
            Response response = graphQl.postRaw("{\"query\": \"{ schemaVersion }\"", JSON, accept);

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.codes()).containsExactly("BAD_REQUEST");
            assertThat(response.errors().getFirst().path("message").asString()).contains("not valid JSON");
        }
    }

    @Test
    void aBodyWithoutAQueryIsABadRequest() {
        assertThat(graphQl.postRaw("{\"variables\": {}}", JSON, GRAPHQL_RESPONSE).status()).isEqualTo(400);
        assertThat(graphQl.postRaw("[]", JSON, GRAPHQL_RESPONSE).status()).isEqualTo(400);
        assertThat(graphQl.postRaw("{\"query\": 42}", JSON, GRAPHQL_RESPONSE).codes()).containsExactly("BAD_REQUEST");
        assertThat(graphQl.postRaw("{\"query\": \"{ schemaVersion }\", \"variables\": [1]}", JSON, GRAPHQL_RESPONSE)
                .status()).isEqualTo(400);
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        Response response = graphQl.postRaw("query=%7B%7D", "application/x-www-form-urlencoded", GRAPHQL_RESPONSE);

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.codes()).containsExactly("BAD_REQUEST");
    }

    @Test
    void otherMethodsAreNotAllowed() {
        Response response = graphQl.send(HttpRequest.newBuilder(graphQl.endpoint())
                .method("PUT", HttpRequest.BodyPublishers.ofString(body(ORDERS))).header("Content-Type", JSON).build());

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.codes()).containsExactly("BAD_REQUEST");
    }

    @Test
    void aParseErrorIs400WithGraphQlResponseJsonAnd200WithJson() {
        Response strict = graphQl.postRaw(body("{ sales { orders( } }"), JSON, GRAPHQL_RESPONSE);
        assertThat(strict.status()).isEqualTo(400);
        assertThat(strict.codes()).containsExactly("GRAPHQL_PARSE_FAILED");
        assertThat(strict.body().has("data")).isFalse();

        Response legacy = graphQl.postRaw(body("{ sales { orders( } }"), JSON, JSON);
        assertThat(legacy.status()).isEqualTo(200);
        assertThat(legacy.codes()).containsExactly("GRAPHQL_PARSE_FAILED");
    }

    @Test
    void anUnknownFieldIsAValidationError() {
        Response response = graphQl.post("{ sales { orders { nodes { orderId discount } } } }");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.codes()).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(response.errors().getFirst().path("message").asString()).contains("discount", "/graphiql");
    }

    @Test
    void aWrongArgumentTypeIsAValidationError() {
        Response response = graphQl.post("{ sales { orders(first: \"ten\") { nodes { orderId } } } }");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.codes()).containsExactly("GRAPHQL_VALIDATION_FAILED");
    }

    @Test
    void aWhereOnAFieldTheDatasetDoesNotHaveIsAValidationError() {
        Response response = graphQl.post("{ sales { orders(where: {discount: {gt: 1}}) { nodes { orderId } } } }");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.codes()).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(response.errors().getFirst().path("message").asString()).contains("discount");
    }

    @Test
    void aVariableThatCannotBeCoercedIsBadUserInput() {
        Response response = graphQl.post("query($n: Int) { sales { orders(first: $n) { nodes { orderId } } } }",
                Map.of("n", "ten"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.codes()).containsExactly("BAD_USER_INPUT");
        assertThat(response.body().has("data")).isFalse();
    }

    @Test
    void aNegativeFirstIsBadUserInput() {
        Response response = graphQl.post("{ sales { orders(first: -1) { nodes { orderId } } } }");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.codes()).containsExactly("BAD_USER_INPUT");
        assertThat(response.errors().getFirst().path("path").toString()).contains("sales", "orders");
    }

    @Test
    void anAbsurdFirstIsRefusedBeforeExecution() {
        Response response = graphQl.post("{ sales { orders(first: 1000000000) { nodes { orderId } } } }");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.codes()).containsExactly("QUERY_LIMIT_EXCEEDED");
        assertThat(response.body().has("data")).isFalse();
        assertThat(response.errors().getFirst().path("message").asString())
                .contains("first: 1000000000 at sales.orders; the limit is 100000 (portico.query.max-page-size)");
    }

    @Test
    void aCursorThisGatewayDidNotIssueIsBadUserInput() {
        Response response = graphQl.post("{ sales { orders(after: \"bm90IGEgY3Vyc29y\") { nodes { orderId } } } }");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.codes()).containsExactly("BAD_USER_INPUT");
        assertThat(response.errors().getFirst().path("message").asString()).contains("cursor");
    }

    @Test
    void errorsNeverCarryAStackTrace() {
        Response response = graphQl.post("{ sales { orders(first: -5) { nodes { orderId } } } }");

        assertThat(response.body().toString()).doesNotContain("at io.portico", "io.portico.", "\tat ", "Caused by");
    }

    @Test
    void anUnacceptableAcceptIsNotAcceptable() {
        Response response = graphQl.postRaw(body(ORDERS), JSON, "text/html");

        assertThat(response.status()).isEqualTo(406);
    }

    private static String body(String query) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(body);
    }
}

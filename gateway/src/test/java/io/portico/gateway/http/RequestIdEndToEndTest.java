package io.portico.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.flight.testkit.Poll;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every HTTP answer of the gateway carries {@code X-Request-Id}, refusals and errors included, and a GraphQL
 * request's audit event records the same id; a client's own {@code X-Request-Id} is not taken over.
 */
@DemoGatewayTest
class RequestIdEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @LocalServerPort
    int httpPort;

    private GraphQlClient http;

    @BeforeEach
    void connect() {
        http = new GraphQlClient(httpPort);
    }

    @Test
    void aGraphQlAnswerAndItsAuditEventShareTheRequestId() {
        String token = http.demoToken("stella", "steward", Map.of());
        GraphQlClient.Response response = http.post("query AuditedOrders { sales { orders(first: 2) { nodes { orderId } } } }",
                Map.of(), token);

        assertThat(response.status()).isEqualTo(200);
        String requestId = response.header(RequestIdFilter.HEADER);
        assertThat(requestId).matches(UUID);
        JsonNode event = Poll.value("the audit event of request " + requestId, Duration.ofSeconds(10),
                () -> auditEvent(requestId), Optional::isPresent).orElseThrow();
        assertThat(event.path("operation").path("name").asString()).isEqualTo("AuditedOrders");
    }

    @Test
    void refusalsAndErrorsCarryARequestIdToo() {
        GraphQlClient.Response unauthenticated = http.post("{ __typename }", Map.of(), "not-a-token");
        GraphQlClient.Response malformed = http.postRaw("{ not json", GraphQlClient.JSON, GraphQlClient.JSON);
        GraphQlClient.Response notFound = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/no/such/path")).GET().build());

        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(notFound.status()).isIn(401, 404);
        for (GraphQlClient.Response response : new GraphQlClient.Response[] {unauthenticated, malformed, notFound}) {
            assertThat(response.header(RequestIdFilter.HEADER)).as("X-Request-Id of %s", response).matches(UUID);
        }
        assertThat(unauthenticated.header(RequestIdFilter.HEADER)).isNotEqualTo(malformed.header(RequestIdFilter.HEADER));
    }

    /** An id chosen by the client could make its requests look like another's in the audit trail. */
    @Test
    void aClientsOwnRequestIdIsNotTaken() {
        GraphQlClient.Response response = http.post(Map.of("query", "{ __typename }"),
                Map.of("X-Request-Id", "forged-id", "Accept", GraphQlClient.JSON));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header(RequestIdFilter.HEADER)).matches(UUID).isNotEqualTo("forged-id");
    }

    private static Optional<JsonNode> auditEvent(String requestId) {
        try {
            for (String line : Files.readAllLines(Path.of(DemoGatewayTest.AUDIT_LOG))) {
                if (line.contains(requestId)) {
                    JsonNode event = JSON.readTree(line);
                    if (requestId.equals(event.path("requestId").asString())) {
                        return Optional.of(event);
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

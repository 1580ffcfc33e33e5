package io.portico.flight.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.flight.registration.FakeGateway.Reply;
import io.portico.flight.registration.FakeGateway.Request;
import io.portico.flight.registration.PortSelfRegistration.Answer;
import io.portico.flight.registration.PortSelfRegistration.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link PortSelfRegistration} against a real HTTP server standing in for the gateway. */
class PortSelfRegistrationTest {

    private static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5));
    private static final String CONTRACT = "id: lab-port\nversion: 1.0.0\n";
    private static final Reply PUBLISHED = new Reply(201,
            FakeGateway.result("ACCEPTED", "PUBLISHED", "port 'lab-port' version 1.0.0 is published", "[]"));
    private static final Reply INVALID = new Reply(422, FakeGateway.result("REFUSED", "INVALID",
            "the contract has 1 problem", "[{\"code\":\"INVALID_CONTRACT\",\"kind\":\"DATASET_MISSING\","
                    + "\"path\":\"$.schema[0]\",\"problem\":\"the port serves no table 'gizmos'\","
                    + "\"expected\":\"a table 'gizmos'\"}]"));

    @Test
    void postsTheContractWithTheTokenAndRetriesUntilTheGatewayAnswers() throws Exception {
        int port = FakeGateway.freePort();
        try (PortSelfRegistration registration = new PortSelfRegistration(URI.create("http://127.0.0.1:" + port + "/"),
                "secret-token", FAST)) {
            CompletableFuture<Answer> answer = registration.registerInBackground(CONTRACT);
            Thread.sleep(400);
            assertThat(answer).as("no gateway yet").isNotDone();

            try (FakeGateway gateway = FakeGateway.start(port, PUBLISHED)) {
                Answer published = answer.get(10, TimeUnit.SECONDS);

                assertThat(published.accepted()).isTrue();
                assertThat(published.httpStatus()).isEqualTo(201);
                assertThat(published.outcome()).isEqualTo("PUBLISHED");
                assertThat(published.message()).isEqualTo("port 'lab-port' version 1.0.0 is published");
                Request request = gateway.next();
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.path()).isEqualTo("/api/ports");
                assertThat(request.header("Authorization")).isEqualTo("Bearer secret-token");
                assertThat(request.header("Content-Type")).isEqualTo("application/yaml");
                assertThat(request.body()).isEqualTo(CONTRACT);
            }
        }
    }

    @Test
    void aGatewayThatIsNotReadyIsAskedAgain() throws Exception {
        try (FakeGateway gateway = FakeGateway.start(0, new Reply(503, "starting"), new Reply(502, ""), PUBLISHED);
             PortSelfRegistration registration = new PortSelfRegistration(gateway.url(), "t", FAST)) {
            Answer answer = registration.register(CONTRACT);

            assertThat(answer.outcome()).isEqualTo("PUBLISHED");
            assertThat(gateway.pending()).isEqualTo(3);
        }
    }

    @Test
    void aRefusalIsFinalAndNamesEveryProblem() throws Exception {
        try (FakeGateway gateway = FakeGateway.start(0, INVALID, PUBLISHED);
             PortSelfRegistration registration = new PortSelfRegistration(gateway.url(), "t", FAST)) {
            Answer answer = registration.register(CONTRACT);

            assertThat(answer.accepted()).isFalse();
            assertThat(answer.httpStatus()).isEqualTo(422);
            assertThat(answer.outcome()).isEqualTo("INVALID");
            assertThat(answer.problems()).containsExactly(
                    "$.schema[0]: the port serves no table 'gizmos' (expected a table 'gizmos')");
            Thread.sleep(300);
            assertThat(gateway.pending()).as("not retried").isEqualTo(1);
        }
    }

    @Test
    void anInvalidTokenIsReportedWithTheGatewaysMessage() throws Exception {
        String unauthorized = "{\"errors\":[{\"message\":\"the bearer token expired at 2026-01-01T00:00:00Z\","
                + "\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}";
        try (FakeGateway gateway = FakeGateway.start(0, new Reply(401, unauthorized));
             PortSelfRegistration registration = new PortSelfRegistration(gateway.url(), "t", FAST)) {
            Answer answer = registration.register(CONTRACT);

            assertThat(answer.httpStatus()).isEqualTo(401);
            assertThat(answer.outcome()).isEqualTo("HTTP 401");
            assertThat(answer.message()).isEqualTo("the bearer token expired at 2026-01-01T00:00:00Z");
        }
    }

    @Test
    void aNewerContractSupersedesOneWaitingForTheGateway() throws Exception {
        int port = FakeGateway.freePort();
        try (PortSelfRegistration registration = new PortSelfRegistration(URI.create("http://127.0.0.1:" + port),
                "t", FAST)) {
            CompletableFuture<Answer> first = registration.registerInBackground(CONTRACT);
            Thread.sleep(200);
            CompletableFuture<Answer> second = registration.registerInBackground(CONTRACT.replace("1.0.0", "1.1.0"));

            assertThat(first.get(10, TimeUnit.SECONDS).outcome()).isEqualTo("SUPERSEDED");
            try (FakeGateway gateway = FakeGateway.start(port, PUBLISHED)) {
                assertThat(second.get(10, TimeUnit.SECONDS).accepted()).isTrue();
                assertThat(gateway.next().body()).contains("1.1.0");
                assertThat(gateway.pending()).isZero();
            }
        }
    }

    @Test
    void onlyHttpGatewaysAndRealTokens() {
        assertThatThrownBy(() -> new PortSelfRegistration(URI.create("grpc://gateway:8080"), "t", FAST))
                .hasMessage("the gateway URL must be http:// or https://, was grpc://gateway:8080");
        assertThatThrownBy(() -> new PortSelfRegistration(URI.create("http://gateway:8080"), " ", FAST))
                .hasMessage("the gateway token is empty");
    }
}

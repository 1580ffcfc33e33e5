package io.portico.gateway.security;

import static io.portico.gateway.security.SecurityHttp.header;
import static io.portico.gateway.security.TestTokens.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.portico.gateway.testing.DemoGatewayTest;
import io.portico.gateway.testing.GraphQlClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Identity over real HTTP against the demo gateway (which trusts its own demo issuer): anonymous queries, the
 * subject of a valid token, every kind of invalid token refused with a precise 401, the demo token endpoint.
 */
@DemoGatewayTest
class DemoSecurityEndToEndTest {

    private static final String ORDERS = "{ sales { orders(first: 1) { nodes { orderId } } } }";

    @LocalServerPort
    int httpPort;

    @Autowired
    DemoTokenIssuer demoIssuer;

    @Autowired
    SecurityProperties security;

    SecurityHttp http;

    @BeforeEach
    void connect() {
        http = new SecurityHttp(httpPort);
    }

    @Test
    void anonymousQueriesWork() {
        Response response = http.graphQl(ORDERS, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.errors()).isEmpty();
        assertThat(response.data().path("sales").path("orders").path("nodes").size()).isEqualTo(1);
        assertThat(http.graphQlGet(ORDERS, null).status()).isEqualTo(200);
    }

    @Test
    void aValidTokenQueriesToo() {
        Response response = http.graphQl(ORDERS, token(Set.of("analyst"), Set.of(), Map.of()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.errors()).isEmpty();
    }

    @Test
    void whoamiShowsTheSubjectOfTheToken() {
        String token = demoIssuer.mint(new DemoTokenRequest("ci-sales", Set.of("publisher", "analyst"),
                Set.of("team-sales"), Set.of("sales", "crm"), Map.of("region", "EU", "purpose", "reporting"),
                Duration.ofHours(1)), security.claims()).token();

        Response response = http.get("/api/whoami", token);

        assertThat(response.status()).isEqualTo(200);
        JsonNode subject = response.body();
        assertThat(subject.path("id").asString()).isEqualTo("ci-sales");
        assertThat(strings(subject.path("roles"))).containsExactly("analyst", "publisher");
        assertThat(strings(subject.path("groups"))).containsExactly("team-sales");
        assertThat(strings(subject.path("domains"))).containsExactly("crm", "sales");
        assertThat(subject.path("attributes").path("region").asString()).isEqualTo("EU");
        assertThat(subject.path("attributes").path("purpose").asString()).isEqualTo("reporting");
        assertThat(subject.path("attributes").propertyNames()).containsExactly("purpose", "region");
        assertThat(subject.path("issuer").asString()).isEqualTo("portico-demo");
        assertThat(Instant.parse(subject.path("expiresAt").asString())).isAfter(Instant.now());
        assertThat(header(response, "Set-Cookie")).as("stateless: no session").isNull();
    }

    @Test
    void apiNeedsAToken() {
        Response response = http.get("/api/whoami", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(header(response, "WWW-Authenticate")).isEqualTo("Bearer realm=\"portico\"");
        assertThat(response.codes()).containsExactly("UNAUTHENTICATED");
        assertThat(response.errors().getFirst().path("message").asString())
                .isEqualTo("GET /api/whoami needs a bearer token: send the header 'Authorization: Bearer <token>'"
                        + " (in the demo, ./portico token prints one)");
    }

    static Stream<Arguments> invalidTokens() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiredAt = now.minus(Duration.ofHours(2));
        Instant notBefore = now.plus(Duration.ofHours(1));
        Instant yearLongExpiry = now.plus(Duration.ofDays(365));
        return Stream.of(
                Arguments.of("valid for a year (the finding: any lifetime was accepted)", (TokenMaker) issuer ->
                        issuer.sign(demoClaims().issueTime(Date.from(now)).expirationTime(Date.from(yearLongExpiry))
                                .build()),
                        "the bearer token is valid for PT8760H (issued at " + now + ", expires at " + yearLongExpiry
                                + "); this gateway accepts tokens valid for at most PT24H"
                                + " (portico.security.max-token-lifetime)"),
                Arguments.of("expired", (TokenMaker) issuer -> issuer.sign(demoClaims()
                        .issueTime(Date.from(expiredAt.minusSeconds(60))).expirationTime(Date.from(expiredAt)).build()),
                        "the bearer token expired at " + expiredAt),
                Arguments.of("not yet valid", (TokenMaker) issuer -> issuer.sign(demoClaims()
                        .notBeforeTime(Date.from(notBefore)).build()),
                        "the bearer token is not valid before " + notBefore),
                Arguments.of("signed with another key", (TokenMaker) issuer -> TestTokens.sign(OTHER_KEY, demoClaims()),
                        "the bearer token's signature is not valid: no key of issuer 'portico-demo' verifies it"),
                Arguments.of("from an untrusted issuer", (TokenMaker) issuer -> issuer.sign(demoClaims()
                        .issuer("https://evil.test").build()),
                        "the bearer token's issuer 'https://evil.test' is not trusted; this gateway trusts"
                                + " 'portico-demo'"),
                Arguments.of("malformed", (TokenMaker) issuer -> "abc.def",
                        "the bearer token is malformed ("),
                Arguments.of("unsigned (alg: none)", (TokenMaker) issuer -> TestTokens.unsigned(demoClaims().build()),
                        "the bearer token is not signed (alg: none); Portico accepts only signed tokens"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTokens")
    void anInvalidTokenIs401OnTheApiAndOnGraphQl(String kind, TokenMaker maker, String message) {
        String token = maker.make(demoIssuer);

        for (Response response : List.of(http.get("/api/whoami", token), http.graphQl(ORDERS, token),
                http.graphQlGet(ORDERS, token))) {
            assertThat(response.status()).as(kind).isEqualTo(401);
            assertThat(response.codes()).containsExactly("UNAUTHENTICATED");
            assertThat(response.errors().getFirst().path("message").asString()).contains(message);
            assertThat(header(response, "WWW-Authenticate"))
                    .startsWith("Bearer realm=\"portico\", error=\"invalid_token\", error_description=\"")
                    .contains(message.replace('"', '\''));
            assertThat(response.data()).as("never served as anonymous").isNull();
        }
        assertThat(http.graphQl(ORDERS, null).status()).as("the gateway keeps serving").isEqualTo(200);
    }

    @Test
    void aMalformedAuthorizationHeaderIs401() {
        Response response = http.getWithAuthorization("/graphql?query=%7B__typename%7D", "Bearer two words");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.codes()).containsExactly("UNAUTHENTICATED");
        assertThat(response.errors().getFirst().path("message").asString())
                .startsWith("the Authorization header's bearer token is malformed");
    }

    @Test
    void theDemoEndpointMintsATokenTheGatewayAccepts() {
        Response minted = http.post("/demo/token", """
                {"subject": "dana", "roles": ["analyst"], "groups": ["team-crm"], "domains": ["crm"],
                 "claims": {"region": "US"}, "lifetime": "90m"}""", "application/json");

        assertThat(minted.status()).isEqualTo(200);
        assertThat(minted.body().path("issuer").asString()).isEqualTo("portico-demo");
        Instant expiresAt = Instant.parse(minted.body().path("expiresAt").asString());
        assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofMinutes(85), Duration.ofMinutes(90));
        JsonNode subject = http.get("/api/whoami", minted.body().path("token").asString()).body();
        assertThat(subject.path("id").asString()).isEqualTo("dana");
        assertThat(strings(subject.path("domains"))).containsExactly("crm");
        assertThat(subject.path("attributes").path("region").asString()).isEqualTo("US");
    }

    @Test
    void theDemoEndpointAnswersTheBareTokenAsPlainText() {
        String token = http.postForText("/demo/token", "{\"domains\": [\"sales\"]}").strip();

        Response whoami = http.get("/api/whoami", token);
        assertThat(whoami.status()).isEqualTo(200);
        assertThat(whoami.body().path("id").asString()).isEqualTo("demo-user");
        assertThat(Duration.between(Instant.now(), Instant.parse(whoami.body().path("expiresAt").asString())))
                .as("default lifetime 8 h").isBetween(Duration.ofHours(7), Duration.ofHours(8));
    }

    @Test
    void theDemoEndpointRefusesBadInput() {
        Response badLifetime = http.post("/demo/token", "{\"lifetime\": \"forever\"}", "application/json");
        Response badJson = http.post("/demo/token", "{\"roles\": ", "application/json");

        assertThat(badLifetime.status()).isEqualTo(400);
        assertThat(badLifetime.codes()).containsExactly("BAD_REQUEST");
        assertThat(badLifetime.errors().getFirst().path("message").asString())
                .isEqualTo("the lifetime 'forever' is not a duration; write e.g. 8h, 30m, 2d or PT8H");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.errors().getFirst().path("message").asString()).startsWith("the body is not the JSON");
    }

    @Test
    void theDemoEndpointMintsNoTokenTheGatewayWouldRefuse() {
        Response tooLong = http.post("/demo/token", "{\"lifetime\": \"30d\"}", "application/json");

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.codes()).containsExactly("BAD_REQUEST");
        assertThat(tooLong.errors().getFirst().path("message").asString()).isEqualTo("the lifetime PT720H is longer"
                + " than this gateway accepts (portico.security.max-token-lifetime: PT24H); ask for a shorter one");
    }

    @Test
    void healthIsOpen() {
        assertThat(http.get("/actuator/health", null).status()).isEqualTo(200);
    }

    private String token(Set<String> roles, Set<String> domains, Map<String, String> claims) {
        return demoIssuer.mint(new DemoTokenRequest("tester", roles, Set.of(), domains, claims, Duration.ofMinutes(5)),
                security.claims()).token();
    }

    private static JWTClaimsSet.Builder demoClaims() {
        return TestTokens.valid(DemoTokenIssuer.ISSUER, "tester");
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    /** Makes one kind of token, possibly with the demo issuer's own key. */
    @FunctionalInterface
    interface TokenMaker {
        String make(DemoTokenIssuer issuer);
    }
}

package io.portico.gateway.security;

import static io.portico.gateway.security.SecurityHttp.header;
import static io.portico.gateway.security.TestTokens.IDP_ISSUER;
import static io.portico.gateway.security.TestTokens.IDP_KEY;
import static io.portico.gateway.security.TestTokens.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.testing.GraphQlClient.Response;
import io.portico.policies.Subject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A gateway outside the demo, trusting one identity provider by its public key, with a Keycloak-style claim
 * mapping: its tokens yield their subject (also in the GraphQL context), the demo issuer and its endpoint do not
 * exist.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "portico.security.issuer=" + IDP_ISSUER,
        "portico.security.claims.roles=realm_access.roles",
        "portico.security.claims.domains=mesh_domains"})
class ConfiguredIssuerEndToEndTest {

    @LocalServerPort
    int httpPort;

    @Autowired
    ApplicationContext context;

    @Autowired
    CapturedSubject captured;

    SecurityHttp http;

    @DynamicPropertySource
    static void identityProviderKey(DynamicPropertyRegistry registry) {
        Path pem = TestTokens.writePublicKeyPem(IDP_KEY, Path.of("target", "test-keys", "idp.pem"));
        registry.add("portico.security.public-key-location", pem::toString);
    }

    @BeforeEach
    void connect() {
        http = new SecurityHttp(httpPort);
    }

    @Test
    void whoamiMapsTheConfiguredClaims() {
        String token = TestTokens.sign(IDP_KEY, TestTokens.valid(IDP_ISSUER, "alice")
                .claim("realm_access", Map.of("roles", List.of("analyst", "steward")))
                .claim("mesh_domains", "logistics")
                .claim("groups", List.of("team-logistics"))
                .claim("region", "APAC"));

        Response response = http.get("/api/whoami", token);

        assertThat(response.status()).isEqualTo(200);
        JsonNode subject = response.body();
        assertThat(subject.path("id").asString()).isEqualTo("alice");
        assertThat(subject.path("roles").valueStream().map(JsonNode::asString)).containsExactly("analyst", "steward");
        assertThat(subject.path("domains").valueStream().map(JsonNode::asString)).containsExactly("logistics");
        assertThat(subject.path("groups").valueStream().map(JsonNode::asString)).containsExactly("team-logistics");
        assertThat(subject.path("attributes").path("region").asString()).isEqualTo("APAC");
        assertThat(subject.path("issuer").asString()).isEqualTo(IDP_ISSUER);
    }

    @Test
    void graphQlFetchersSeeTheSubjectInTheGraphQlContext() {
        String token = TestTokens.sign(IDP_KEY, TestTokens.valid(IDP_ISSUER, "bob")
                .claim("realm_access", Map.of("roles", List.of("analyst")))
                .claim("mesh_domains", List.of("sales")));

        Response withToken = http.graphQl("{ schemaVersion }", token);
        assertThat(withToken.status()).isEqualTo(200);
        assertThat(captured.subject.get()).isEqualTo(new Subject("bob", Set.of("analyst"), Set.of(), Set.of("sales"),
                Map.of()));

        Response anonymous = http.graphQl("{ schemaVersion }", null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(captured.subject.get()).isEqualTo(Subject.ANONYMOUS);
    }

    @Test
    void theDemoIssuerIsNotTrustedOutsideTheDemo() {
        String demoLooking = TestTokens.sign(OTHER_KEY, TestTokens.valid(DemoTokenIssuer.ISSUER, "demo-user"));

        Response response = http.get("/api/whoami", demoLooking);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errors().getFirst().path("message").asString()).isEqualTo("the bearer token's issuer"
                + " 'portico-demo' is not trusted; this gateway trusts '" + IDP_ISSUER + "'");
        assertThat(context.getBeansOfType(DemoTokenIssuer.class)).isEmpty();
        assertThat(context.getBeansOfType(DemoTokenController.class)).isEmpty();
    }

    @Test
    void theDemoTokenEndpointDoesNotExist() {
        Response response = http.post("/demo/token", "{}", "application/json");

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void pathsNotDeclaredOpenNeedAToken() {
        assertThat(http.get("/not-a-page", null).status()).isEqualTo(401);
        String token = TestTokens.sign(IDP_KEY, TestTokens.valid(IDP_ISSUER, "alice"));
        assertThat(http.get("/not-a-page", token).status()).isEqualTo(404);
    }

    @Test
    void aTokenWithoutSubjectIsRefused() {
        String token = TestTokens.sign(IDP_KEY, TestTokens.valid(IDP_ISSUER, null));

        Response response = http.get("/api/whoami", token);

        assertThat(response.status()).isEqualTo(401);
        assertThat(header(response, "WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(response.errors().getFirst().path("message").asString())
                .isEqualTo("the bearer token names no subject: its 'sub' claim (portico.security.claims.id) is"
                        + " missing or not a string");
    }

    /** Records the subject each GraphQL operation's context held. */
    static final class CapturedSubject {
        final AtomicReference<Subject> subject = new AtomicReference<>();
    }

    @TestConfiguration
    static class Capture {

        @Bean
        CapturedSubject capturedSubject() {
            return new CapturedSubject();
        }

        @Bean
        WebGraphQlInterceptor subjectCapture(CapturedSubject captured) {
            return (request, chain) -> chain.next(request).doOnNext(response -> captured.subject.set(
                    CurrentSubject.of(response.getExecutionInput().getGraphQLContext())));
        }
    }
}

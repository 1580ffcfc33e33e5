package io.portico.gateway.security;

import static io.portico.gateway.security.TestTokens.IDP_ISSUER;
import static io.portico.gateway.security.TestTokens.IDP_KEY;
import static io.portico.gateway.security.TestTokens.OTHER_KEY;
import static io.portico.gateway.security.TestTokens.sign;
import static io.portico.gateway.security.TestTokens.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Every way a bearer token is accepted or refused, with real keys, and JWK sets / OIDC discovery over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustedIssuersJwtDecoderTest {

    private static final SecurityProperties.Claims DEFAULT_CLAIMS =
            new SecurityProperties.Claims("sub", "roles", "groups", "domains", List.of());

    private final Clock clock = Clock.systemUTC();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private HttpServer identityProvider;
    private String providerIssuer;
    private TrustedIssuersJwtDecoder decoder;

    @BeforeAll
    void startIdentityProvider() throws IOException {
        identityProvider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        providerIssuer = "http://127.0.0.1:" + identityProvider.getAddress().getPort() + "/realms/mesh";
        String jwks = new JWKSet(IDP_KEY.toPublicJWK()).toString();
        identityProvider.createContext("/realms/mesh/certs", exchange -> {
            jwksRequests.incrementAndGet();
            answer(exchange, jwks);
        });
        identityProvider.createContext("/realms/mesh/.well-known/openid-configuration", exchange -> answer(exchange,
                "{\"issuer\": \"" + providerIssuer + "\", \"jwks_uri\": \"" + providerIssuer + "/certs\","
                        + " \"subject_types_supported\": [\"public\"]}"));
        identityProvider.start();

        Map<String, JwtDecoder> decoders = new LinkedHashMap<>();
        decoders.put(IDP_ISSUER, IssuerDecoders.withPublicKey(publicKey(), IssuerDecoders.validator(
                security(IDP_ISSUER, null, List.of()), clock)));
        decoders.put("portico-demo", IssuerDecoders.withPublicKey(publicKey(OTHER_KEY),
                IssuerDecoders.validator(security(null, null, List.of()), clock)));
        decoder = new TrustedIssuersJwtDecoder(decoders);
    }

    @AfterAll
    void stopIdentityProvider() {
        identityProvider.stop(0);
    }

    @Test
    void acceptsAValidToken() {
        Jwt token = decoder.decode(sign(IDP_KEY, valid(IDP_ISSUER, "alice")));

        assertThat(token.getSubject()).isEqualTo("alice");
        assertThat(decoder.issuers()).containsExactly(IDP_ISSUER, "portico-demo");
    }

    @Test
    void routesEachTokenToItsIssuersKeys() {
        assertThat(decoder.decode(sign(OTHER_KEY, valid("portico-demo", "demo-user"))).getSubject())
                .isEqualTo("demo-user");
        assertRefused(sign(OTHER_KEY, valid(IDP_ISSUER, "mallory")),
                "the bearer token's signature is not valid: no key of issuer '" + IDP_ISSUER + "' verifies it");
    }

    @Test
    void refusesAnExpiredTokenNamingWhenItExpired() {
        Instant expiry = Instant.now().minusSeconds(7200).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String token = sign(IDP_KEY, valid(IDP_ISSUER, "alice").issueTime(Date.from(expiry.minusSeconds(3600)))
                .expirationTime(Date.from(expiry)));

        assertRefused(token, "the bearer token expired at " + expiry + " (now ");
    }

    @Test
    void acceptsATokenExpiredWithinTheClockSkew() {
        Instant now = Instant.now();
        String token = sign(IDP_KEY, valid(IDP_ISSUER, "alice").issueTime(Date.from(now.minusSeconds(3600)))
                .expirationTime(Date.from(now.minusSeconds(20))));

        assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
    }

    @Test
    void refusesATokenNotYetValid() {
        Instant notBefore = Instant.now().plusSeconds(1800).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String token = sign(IDP_KEY, valid(IDP_ISSUER, "alice").notBeforeTime(Date.from(notBefore)));

        assertRefused(token, "the bearer token is not valid before " + notBefore);
    }

    /** The finding: tokens of any lifetime were accepted. */
    @Test
    void refusesATokenIssuedForLongerThanTheMaximumLifetime() {
        Instant issued = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant expiry = issued.plus(java.time.Duration.ofDays(365));
        String token = sign(IDP_KEY, valid(IDP_ISSUER, "alice").issueTime(Date.from(issued))
                .expirationTime(Date.from(expiry)));

        assertRefused(token, "the bearer token is valid for PT8760H (issued at " + issued + ", expires at " + expiry
                + "); this gateway accepts tokens valid for at most PT24H (portico.security.max-token-lifetime):"
                + " get a shorter-lived token");
    }

    @Test
    void refusesATokenWithoutIssueTimeThatExpiresTooFarAhead() {
        Instant expiry = Instant.now().plus(java.time.Duration.ofDays(30)).truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS);
        String token = sign(IDP_KEY, valid(IDP_ISSUER, "alice").issueTime(null).expirationTime(Date.from(expiry)));

        assertRefused(token, "the bearer token expires at " + expiry + ", PT719H");
        assertRefused(token, "this gateway accepts tokens valid for at most PT24H");
    }

    @Test
    void acceptsATokenOfExactlyTheMaximumLifetime() {
        Instant issued = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String token = sign(IDP_KEY, valid(IDP_ISSUER, "alice").issueTime(Date.from(issued))
                .expirationTime(Date.from(issued.plus(java.time.Duration.ofHours(24)))));

        assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
    }

    @Test
    void refusesATokenThatNeverExpires() {
        String token = sign(IDP_KEY, valid(IDP_ISSUER, "alice").expirationTime(null));

        assertRefused(token, "the bearer token has no expiry (exp claim)");
    }

    @Test
    void refusesATokenSignedWithAnotherKey() {
        assertRefused(sign(OTHER_KEY, valid(IDP_ISSUER, "alice")), "signature is not valid");
    }

    @Test
    void refusesAnUntrustedIssuerNamingTheTrustedOnes() {
        assertRefused(sign(IDP_KEY, valid("https://evil.test", "alice")), "the bearer token's issuer"
                + " 'https://evil.test' is not trusted; this gateway trusts '" + IDP_ISSUER + "', 'portico-demo'");
    }

    @Test
    void refusesATokenWithoutIssuer() {
        assertRefused(sign(IDP_KEY, valid(null, "alice")), "the bearer token names no issuer (no 'iss' claim)");
    }

    @Test
    void refusesMalformedTokens() {
        assertRefused("not-a-jwt", "the bearer token is malformed (");
        assertRefused("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln", "the bearer token is malformed (");
        assertRefused("", "the bearer token is empty");
    }

    @Test
    void refusesAnUnsignedToken() {
        assertRefused(TestTokens.unsigned(valid(IDP_ISSUER, "alice").build()),
                "the bearer token is not signed (alg: none)");
    }

    @Test
    void refusesAnHmacTokenKeyedWithThePublicKey() {
        String token = TestTokens.hmacSigned(IDP_KEY, valid(IDP_ISSUER, "alice").build());

        assertRefused(token, "no key of issuer '" + IDP_ISSUER + "' can verify the bearer token (alg HS256, no kid)");
    }

    @Test
    void refusesATokenForAnotherAudience() {
        JwtDecoder audienceBound = new TrustedIssuersJwtDecoder(Map.of(IDP_ISSUER, IssuerDecoders.withPublicKey(
                publicKey(), IssuerDecoders.validator(security(IDP_ISSUER, null, List.of("portico")), clock))));

        assertThat(audienceBound.decode(sign(IDP_KEY, valid(IDP_ISSUER, "alice").audience(List.of("x", "portico"))))
                .getSubject()).isEqualTo("alice");
        assertThatThrownBy(() -> audienceBound.decode(sign(IDP_KEY, valid(IDP_ISSUER, "alice").audience("billing"))))
                .isInstanceOf(BadJwtException.class)
                .hasMessage("the bearer token's audience [billing] names none of [portico], the audiences this"
                        + " gateway accepts (portico.security.audiences)");
    }

    @Test
    void readsKeysFromAJwkSetOverHttp() {
        JwtDecoder jwks = configured(security(providerIssuer, URI.create(providerIssuer + "/certs"), List.of()));
        int before = jwksRequests.get();

        assertThat(jwks.decode(sign(IDP_KEY, valid(providerIssuer, "alice"))).getSubject()).isEqualTo("alice");
        assertThat(jwksRequests.get()).isGreaterThan(before);
        assertThatThrownBy(() -> jwks.decode(sign(OTHER_KEY, valid(providerIssuer, "alice"))))
                .isInstanceOf(BadJwtException.class)
                .hasMessage("no key of issuer '" + providerIssuer + "' can verify the bearer token (alg RS256, kid"
                        + " 'other-key')");
    }

    @Test
    void discoversTheKeysFromTheIssuer() {
        JwtDecoder discovered = configured(security(providerIssuer, null, List.of()));

        assertThat(discovered.decode(sign(IDP_KEY, valid(providerIssuer, "alice"))).getSubject()).isEqualTo("alice");
    }

    @Test
    void saysSoWhenTheKeysCannotBeFetched() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String issuer = "http://127.0.0.1:" + closedPort + "/realms/gone";
        JwtDecoder unreachable = configured(security(issuer, URI.create(issuer + "/certs"), List.of()));

        assertThatThrownBy(() -> unreachable.decode(sign(IDP_KEY, valid(issuer, "alice"))))
                .isInstanceOf(BadJwtException.class)
                .hasMessageStartingWith("the keys of issuer '" + issuer + "' could not be fetched");
    }

    @Test
    void trustsNothingWhenNoIssuerIsConfigured() {
        TrustedIssuersJwtDecoder none = new TrustedIssuersJwtDecoder(Map.of());

        assertThatThrownBy(() -> none.decode(sign(IDP_KEY, valid(IDP_ISSUER, "alice"))))
                .isInstanceOf(BadJwtException.class)
                .hasMessageContaining("this gateway trusts no issuer: set portico.security.issuer");
    }

    private JwtDecoder configured(SecurityProperties security) {
        return new TrustedIssuersJwtDecoder(Map.of(security.issuer(),
                IssuerDecoders.configured(security, new DefaultResourceLoader(), clock)));
    }

    private void assertRefused(String token, String message) {
        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(BadJwtException.class)
                .message().contains(message);
    }

    private static SecurityProperties security(String issuer, URI jwkSetUri, List<String> audiences) {
        return new SecurityProperties(issuer, jwkSetUri, null, audiences, Duration.ofSeconds(60),
                Duration.ofHours(24), DEFAULT_CLAIMS, List.of("platform"));
    }

    private static java.security.interfaces.RSAPublicKey publicKey() {
        return publicKey(IDP_KEY);
    }

    private static java.security.interfaces.RSAPublicKey publicKey(com.nimbusds.jose.jwk.RSAKey key) {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}

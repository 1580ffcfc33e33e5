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
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Verified tokens reused, with real keys, a clock the test moves (no sleeping) and a JWK set served over real HTTP
 * whose key changes: an expired token or one whose key was rotated out is never served from the cache, and every
 * refusal reads exactly as without the cache.
 */
class VerifiedTokenCacheTest {

    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final SecurityProperties.Claims CLAIMS =
            new SecurityProperties.Claims("sub", "roles", "groups", "domains", List.of());

    private final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final VerifiedTokenCache cache = new VerifiedTokenCache(100, clock,
            () -> TimeUnit.MILLISECONDS.toNanos(clock.millis()), Runnable::run);
    private final TrustedIssuersJwtDecoder cached = withPublicKey(cache);
    private final TrustedIssuersJwtDecoder uncached = withPublicKey(VerifiedTokenCache.none());
    private HttpServer identityProvider;

    @AfterEach
    void stopIdentityProvider() {
        if (identityProvider != null) {
            identityProvider.stop(0);
        }
    }

    @Test
    void aVerifiedTokenIsReusedWithoutCheckingItAgain() {
        String token = sign(IDP_KEY, validFor(Duration.ofMinutes(10)));

        Jwt first = cached.decode(token);
        Jwt second = cached.decode(token);

        assertThat(second).isSameAs(first);
        assertThat(second.getSubject()).isEqualTo("alice");
        assertThat(cache.stats().hitCount()).isEqualTo(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    /**
     * The attack: a token that expired while it sat in the cache. The entry's own timer is held still here (the
     * cache's ticker and the wall clock can drift apart), so the token is found; the lifetime checked again on the
     * hit refuses it, with the message a fresh check gives.
     */
    @Test
    void anExpiredTokenIsNeverServedFromTheCache() {
        VerifiedTokenCache stillTimer = new VerifiedTokenCache(100, clock, () -> 0L, Runnable::run);
        TrustedIssuersJwtDecoder decoder = withPublicKey(stillTimer);
        Instant expiry = clock.instant().plus(Duration.ofMinutes(10));
        String token = sign(IDP_KEY, validFor(Duration.ofMinutes(10)));
        decoder.decode(token);

        clock.set(expiry.plus(SKEW).plusSeconds(1));

        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(BadJwtException.class)
                .hasMessage("the bearer token expired at " + expiry + " (now " + clock.instant() + "); get a new token")
                .hasMessage(refusal(uncached, token));
        assertThat(stillTimer.stats().hitCount()).isEqualTo(1);
        assertThat(stillTimer.size()).isZero();
    }

    /** An entry lives until its token's exp; past it (within the clock skew) the token is verified afresh. */
    @Test
    void anEntryExpiresAtItsTokensExpiry() {
        Instant expiry = clock.instant().plus(Duration.ofMinutes(10));
        String token = sign(IDP_KEY, validFor(Duration.ofMinutes(10)));
        cached.decode(token);

        clock.set(expiry.minusSeconds(1));
        cached.decode(token);
        assertThat(cache.stats().hitCount()).isEqualTo(1);

        clock.set(expiry.plusSeconds(1));
        cached.decode(token);
        assertThat(cache.stats().hitCount()).isEqualTo(1);
        assertThat(cache.stats().missCount()).isEqualTo(2);
    }

    @Test
    void aRefusedTokenIsNeverKeptAndIsRefusedAlikeEveryTime() {
        String forged = sign(OTHER_KEY, validFor(Duration.ofMinutes(10)));
        String message = "the bearer token's signature is not valid: no key of issuer '" + IDP_ISSUER + "' verifies it";

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThat(refusal(cached, forged)).isEqualTo(message);
        }
        assertThat(cache.size()).isZero();
    }

    /** The attack: a cached token's claims swapped for others under the same signature. */
    @Test
    void aTokenAlteredInAnyCharacterIsCheckedAfresh() {
        String token = sign(IDP_KEY, validFor(Duration.ofMinutes(10)));
        cached.decode(token);
        String[] parts = token.split("\\.");
        String otherClaims = sign(OTHER_KEY, validFor(Duration.ofMinutes(10)).subject("mallory")).split("\\.")[1];

        String altered = parts[0] + "." + otherClaims + "." + parts[2];

        assertThat(refusal(cached, altered))
                .isEqualTo("the bearer token's signature is not valid: no key of issuer '" + IDP_ISSUER + "' verifies it");
    }

    /**
     * The attack: a token whose signing key the issuer has rotated out. Until the gateway learns of the rotation
     * (its JWK set cache refreshes: here because a token names the new key) the token is served as its key set
     * stands, without asking the identity provider; from then on it is verified afresh and refused, as it would be
     * without the cache.
     */
    @Test
    void aTokenWhoseKeyWasRotatedOutIsNotServedFromTheCache() throws IOException {
        RSAKey oldKey = TestTokens.generate("rotated-out");
        RSAKey newKey = TestTokens.generate("rotated-in");
        AtomicReference<String> keySet = new AtomicReference<>(new JWKSet(oldKey.toPublicJWK()).toString());
        AtomicInteger keySetRequests = new AtomicInteger();
        String issuer = startIdentityProvider(keySet, keySetRequests);
        TrustedIssuersJwtDecoder jwks = withJwkSet(issuer, cache);
        TrustedIssuersJwtDecoder jwksUncached = withJwkSet(issuer, VerifiedTokenCache.none());
        String signedWithOldKey = sign(oldKey, valid(issuer, "alice"));

        assertThat(jwks.decode(signedWithOldKey).getSubject()).isEqualTo("alice");
        int requestsBefore = keySetRequests.get();
        assertThat(jwks.decode(signedWithOldKey).getSubject()).isEqualTo("alice");
        assertThat(keySetRequests).hasValue(requestsBefore);
        assertThat(cache.stats().hitCount()).isEqualTo(1);

        keySet.set(new JWKSet(newKey.toPublicJWK()).toString());
        assertThat(jwks.decode(sign(newKey, valid(issuer, "bob"))).getSubject()).isEqualTo("bob");

        assertThat(refusal(jwks, signedWithOldKey))
                .isEqualTo("no key of issuer '" + issuer + "' can verify the bearer token (alg RS256, kid 'rotated-out')")
                .isEqualTo(refusal(jwksUncached, signedWithOldKey));
        assertThat(cache.size()).as("only the token signed with the new key").isEqualTo(1);
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfTokens() {
        VerifiedTokenCache two = new VerifiedTokenCache(2, clock, () -> TimeUnit.MILLISECONDS.toNanos(clock.millis()),
                Runnable::run);
        TrustedIssuersJwtDecoder bounded = withPublicKey(two);

        for (int user = 0; user < 6; user++) {
            bounded.decode(sign(IDP_KEY, validFor(Duration.ofMinutes(10)).subject("user-" + user)));
        }

        assertThat(two.size()).isLessThanOrEqualTo(2);
    }

    @Test
    void aCacheOfNoTokensVerifiesEveryTime() {
        VerifiedTokenCache none = VerifiedTokenCache.none();
        TrustedIssuersJwtDecoder decoder = withPublicKey(none);
        String token = sign(IDP_KEY, validFor(Duration.ofMinutes(10)));

        assertThat(decoder.decode(token)).isNotSameAs(decoder.decode(token));
        assertThat(none.size()).isZero();
    }

    private com.nimbusds.jwt.JWTClaimsSet.Builder validFor(Duration lifetime) {
        return valid(IDP_ISSUER, "alice").issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(clock.instant().plus(lifetime)));
    }

    private TrustedIssuersJwtDecoder withPublicKey(VerifiedTokenCache tokens) {
        try {
            JwtDecoder issuer = IssuerDecoders.withPublicKey(IDP_KEY.toRSAPublicKey(),
                    IssuerDecoders.validator(security(IDP_ISSUER, null), clock));
            return new TrustedIssuersJwtDecoder(Map.of(IDP_ISSUER, issuer), tokens);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private TrustedIssuersJwtDecoder withJwkSet(String issuer, VerifiedTokenCache tokens) {
        SecurityProperties security = security(issuer, URI.create(issuer + "/certs"));
        return new TrustedIssuersJwtDecoder(Map.of(issuer,
                IssuerDecoders.configured(security, new DefaultResourceLoader(), clock)), tokens);
    }

    private String startIdentityProvider(AtomicReference<String> keySet, AtomicInteger requests) throws IOException {
        identityProvider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        identityProvider.createContext("/realms/rotating/certs", exchange -> {
            requests.incrementAndGet();
            byte[] body = keySet.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        identityProvider.start();
        String issuer = "http://127.0.0.1:" + identityProvider.getAddress().getPort() + "/realms/rotating";
        warmUp(URI.create(issuer + "/certs"));
        requests.set(0);
        return issuer;
    }

    /** One request before the decoders fetch, so the server's first answer is not slower than their timeout. */
    private static void warmUp(URI keySet) throws IOException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            client.send(HttpRequest.newBuilder(keySet).build(), HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String refusal(JwtDecoder decoder, String token) {
        try {
            decoder.decode(token);
        } catch (BadJwtException refused) {
            return refused.getMessage();
        }
        throw new AssertionError("the token was accepted");
    }

    private static SecurityProperties security(String issuer, URI jwkSetUri) {
        return new SecurityProperties(issuer, jwkSetUri, null, List.of(), SKEW, Duration.ofHours(24), CLAIMS,
                List.of("platform"));
    }

    /** A clock the test sets. */
    private static final class SettableClock extends Clock {

        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

package io.portico.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.policies.Subject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** The demo issuer's key is created once, kept, and its tokens verify, also after a restart. */
class DemoTokenIssuerTest {

    private static final SecurityProperties SECURITY = new SecurityProperties(null, null, null,
            List.of(), Duration.ofSeconds(60), Duration.ofHours(24), new SecurityProperties.Claims("sub",
                    "roles", "groups", "domains", List.of()), List.of("platform"));

    @TempDir
    Path dataDir;

    @Test
    void createsAnOwnerOnlyKeyFileAtFirstStart() throws IOException {
        DemoTokenIssuer issuer = DemoTokenIssuer.openOrCreate(dataDir.resolve("nested/demo"), Clock.systemUTC());

        assertThat(issuer.keyFile()).isRegularFile().hasFileName(DemoTokenIssuer.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(issuer.keyFile())))
                .isEqualTo("rw-------");
        assertThat(Files.list(issuer.keyFile().getParent())).as("no partial file left").hasSize(1);
    }

    @Test
    void mintsATokenItsPublicKeyVerifiesAndTheResolverReads() {
        DemoTokenIssuer issuer = DemoTokenIssuer.openOrCreate(dataDir, Clock.systemUTC());

        DemoTokenIssuer.MintedToken minted = issuer.mint(new DemoTokenRequest("ci-sales", Set.of("publisher"),
                Set.of("team-sales"), Set.of("sales"), Map.of("region", "EU"), Duration.ofHours(8)), SECURITY.claims());
        Jwt token = decoderTrusting(issuer).decode(minted.token());

        assertThat(token.getClaimAsString("iss")).isEqualTo("portico-demo");
        assertThat(token.getExpiresAt()).isEqualTo(minted.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(Duration.between(Instant.now(), token.getExpiresAt())).isBetween(Duration.ofHours(7),
                Duration.ofHours(8));
        assertThat(new SubjectResolver(SECURITY.claims()).resolve(token)).isEqualTo(new Subject("ci-sales",
                Set.of("publisher"), Set.of("team-sales"), Set.of("sales"), Map.of("region", "EU")));
    }

    @Test
    void tokensStayValidAfterARestartOnTheSameFolder() {
        DemoTokenIssuer first = DemoTokenIssuer.openOrCreate(dataDir, Clock.systemUTC());
        String token = first.mint(request(Set.of("sales")), SECURITY.claims()).token();

        DemoTokenIssuer restarted = DemoTokenIssuer.openOrCreate(dataDir, Clock.systemUTC());

        assertThat(restarted.publicKey()).isEqualTo(first.publicKey());
        assertThat(decoderTrusting(restarted).decode(token).getSubject()).isEqualTo("demo-user");
    }

    @Test
    void anotherFolderIsAnotherKey() {
        DemoTokenIssuer first = DemoTokenIssuer.openOrCreate(dataDir.resolve("a"), Clock.systemUTC());
        DemoTokenIssuer other = DemoTokenIssuer.openOrCreate(dataDir.resolve("b"), Clock.systemUTC());
        String token = first.mint(request(Set.of()), SECURITY.claims()).token();

        assertThatThrownBy(() -> decoderTrusting(other).decode(token))
                .isInstanceOf(BadJwtException.class)
                .hasMessageContaining("signature is not valid");
    }

    @Test
    void writesClaimsWhereACustomMappingReadsThem() {
        SecurityProperties.Claims keycloak = new SecurityProperties.Claims("preferred_username",
                "realm_access.roles", "groups", "domains", List.of());
        DemoTokenIssuer issuer = DemoTokenIssuer.openOrCreate(dataDir, Clock.systemUTC());

        Jwt token = decoderTrusting(issuer).decode(issuer.mint(new DemoTokenRequest("alice", Set.of("analyst"),
                Set.of(), Set.of("crm"), Map.of(), Duration.ofMinutes(5)), keycloak).token());

        assertThat(new SubjectResolver(keycloak).resolve(token).roles()).containsExactly("analyst");
        assertThat(token.getClaimAsString("preferred_username")).isEqualTo("alice");
    }

    @Test
    void aDamagedKeyFileFailsTheStartNamingTheFile() throws IOException {
        Files.writeString(dataDir.resolve(DemoTokenIssuer.KEY_FILE), "{\"kty\": \"nonsense\"}");

        assertThatThrownBy(() -> DemoTokenIssuer.openOrCreate(dataDir, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dataDir.resolve(DemoTokenIssuer.KEY_FILE).toString())
                .hasMessageContaining("delete it and restart");
    }

    @Test
    void usesTheInjectedClock() {
        Instant fixed = Instant.parse("2030-01-01T00:00:00Z");
        DemoTokenIssuer issuer = DemoTokenIssuer.openOrCreate(dataDir, Clock.fixed(fixed, ZoneOffset.UTC));

        assertThat(issuer.mint(request(Set.of()), SECURITY.claims()).expiresAt())
                .isEqualTo(fixed.plus(DemoTokenRequest.DEFAULT_LIFETIME));
    }

    @Test
    void refusesRequestsItCannotHonour() {
        assertThatThrownBy(() -> new DemoTokenRequest("a", Set.of(), Set.of(), Set.of(), Map.of(),
                Duration.ofDays(31))).hasMessageContaining("at most 30 days");
        assertThatThrownBy(() -> new DemoTokenRequest("a", Set.of(), Set.of(), Set.of(), Map.of("exp", "1"),
                Duration.ofHours(1))).hasMessageContaining("the claim 'exp' is set by the issuer");
        assertThatThrownBy(() -> new DemoTokenRequest(" ", Set.of(), Set.of(), Set.of(), Map.of(),
                Duration.ofHours(1))).hasMessageContaining("subject must not be blank");
    }

    private static DemoTokenRequest request(Set<String> domains) {
        return new DemoTokenRequest(DemoTokenRequest.DEFAULT_SUBJECT, Set.of(), Set.of(), domains, Map.of(),
                DemoTokenRequest.DEFAULT_LIFETIME);
    }

    private static JwtDecoder decoderTrusting(DemoTokenIssuer issuer) {
        return new TrustedIssuersJwtDecoder(Map.of(DemoTokenIssuer.ISSUER, IssuerDecoders.withPublicKey(
                issuer.publicKey(), IssuerDecoders.lifetimeOnly(SECURITY, Clock.systemUTC()))));
    }
}

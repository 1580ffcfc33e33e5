package io.portico.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.policies.Subject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class SubjectResolverTest {

    private static final SecurityProperties.Claims DEFAULTS =
            new SecurityProperties.Claims("sub", "roles", "groups", "domains", List.of());

    @Test
    void mapsTheDefaultClaims() {
        Jwt token = token(Map.of(
                "iss", "https://idp.test", "sub", "ci-sales", "aud", List.of("portico"),
                "roles", List.of("publisher", "analyst"), "groups", List.of("team-sales"), "domains", List.of("sales"),
                "region", "EU", "purpose", "reporting", "clearance", 3L, "email_verified", true));

        Subject subject = new SubjectResolver(DEFAULTS).resolve(token);

        assertThat(subject).isEqualTo(new Subject("ci-sales", Set.of("analyst", "publisher"), Set.of("team-sales"),
                Set.of("sales"), Map.of("region", "EU", "purpose", "reporting", "clearance", "3",
                        "email_verified", "true")));
    }

    @Test
    void skipsStructuredClaimsAndMissingSets() {
        Subject subject = new SubjectResolver(DEFAULTS).resolve(token(Map.of("sub", "alice",
                "address", Map.of("country", "DE"), "entitlements", List.of("a"))));

        assertThat(subject).isEqualTo(Subject.of("alice", Set.of()));
    }

    @Test
    void readsNamesFromASpaceOrCommaSeparatedString() {
        Subject subject = new SubjectResolver(DEFAULTS).resolve(token(Map.of("sub", "alice",
                "roles", "analyst  publisher", "domains", "sales,crm, logistics")));

        assertThat(subject.roles()).containsExactly("analyst", "publisher");
        assertThat(subject.domains()).containsExactly("crm", "logistics", "sales");
    }

    @Test
    void followsConfiguredNamesIntoNestedClaims() {
        SecurityProperties.Claims keycloak = new SecurityProperties.Claims("preferred_username",
                "realm_access.roles", "memberOf", "mesh.domains", List.of("region", "tenant.id", "teams"));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "0b5e-uuid");
        claims.put("preferred_username", "alice");
        claims.put("realm_access", Map.of("roles", List.of("analyst")));
        claims.put("memberOf", List.of("team-crm"));
        claims.put("mesh", Map.of("domains", List.of("crm")));
        claims.put("region", "EU");
        claims.put("tenant", Map.of("id", 42));
        claims.put("teams", List.of("a", "b"));
        claims.put("purpose", "not configured, so not an attribute");

        Subject subject = new SubjectResolver(keycloak).resolve(token(claims));

        assertThat(subject).isEqualTo(new Subject("alice", Set.of("analyst"), Set.of("team-crm"), Set.of("crm"),
                Map.of("region", "EU", "tenant.id", "42", "teams", "a,b")));
    }

    @Test
    void aClaimNamedWithADotIsReadAsItIs() {
        SecurityProperties.Claims dotted = new SecurityProperties.Claims("sub", "https://portico/roles",
                "groups", "domains", List.of());

        Subject subject = new SubjectResolver(dotted).resolve(token(Map.of("sub", "alice",
                "https://portico/roles", List.of("analyst"))));

        assertThat(subject.roles()).containsExactly("analyst");
    }

    @Test
    void refusesATokenWithoutId() {
        assertThatThrownBy(() -> new SubjectResolver(DEFAULTS).resolve(token(Map.of("roles", List.of("a")))))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessage("the bearer token names no subject: its 'sub' claim (portico.security.claims.id) is"
                        + " missing or not a string");
    }

    private static Jwt token(Map<String, Object> claims) {
        Instant now = Instant.now();
        Jwt.Builder builder = Jwt.withTokenValue("token").header("alg", "RS256").issuedAt(now)
                .expiresAt(now.plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }
}

package io.portico.gateway.security;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the gateway, under {@code portico.security}: bearer tokens (JWT) from trusted issuers and the
 * subject read from their claims; see {@code io.portico.gateway.security}. The gateway
 * trusts the issuer configured here and, only when the demo is enabled, the demo issuer
 * ({@code portico-demo}). Its keys come from {@code jwkSetUri}, else {@code publicKeyLocation}, else the
 * issuer's OpenID Connect discovery document ({@code <issuer>/.well-known/openid-configuration}, read at the
 * first token).
 *
 * @param issuer            the {@code iss} a token must carry; unset, only demo tokens are accepted (if any)
 * @param jwkSetUri         where the issuer publishes its signing keys (a JWK set)
 * @param publicKeyLocation a fixed RSA public key (PEM {@code PUBLIC KEY}) instead of a JWK set: a file path,
 *                          {@code file:} URL or {@code classpath:} resource
 * @param audiences         when not empty, a token's {@code aud} must name at least one of these
 * @param clockSkew         how far {@code exp} and {@code nbf} may be off the gateway's clock
 * @param maxTokenLifetime  the longest a token may be valid: from {@code iat} to {@code exp}, and from now to
 *                          {@code exp}; a longer-lived token is refused with the reason
 * @param claims            which claims make the subject
 * @param platformRoles     the roles of the platform team: a subject with one of them sees the details of
 *                          {@code /actuator/health} (ports, their addresses and states); everyone else sees
 *                          only the overall status
 */
@ConfigurationProperties("portico.security")
public record SecurityProperties(
        String issuer,
        URI jwkSetUri,
        String publicKeyLocation,
        @DefaultValue List<String> audiences,
        @DefaultValue("60s") Duration clockSkew,
        @DefaultValue("24h") Duration maxTokenLifetime,
        @DefaultValue Claims claims,
        @DefaultValue("platform") List<String> platformRoles) {

    /** The issuer of the demo's tokens; reserved. */
    public static final String DEMO_ISSUER = "portico-demo";

    public SecurityProperties {
        issuer = blankToNull(issuer);
        publicKeyLocation = blankToNull(publicKeyLocation);
        audiences = List.copyOf(audiences);
        requireNonNull(claims, "portico.security.claims is null");
        if (DEMO_ISSUER.equals(issuer)) {
            throw new IllegalArgumentException("portico.security.issuer '" + DEMO_ISSUER + "' is reserved for the"
                    + " demo issuer, which portico.demo.enabled=true turns on; name your identity provider's issuer");
        }
        if (jwkSetUri != null && publicKeyLocation != null) {
            throw new IllegalArgumentException("set either portico.security.jwk-set-uri or"
                    + " portico.security.public-key-location, not both");
        }
        if (issuer == null && (jwkSetUri != null || publicKeyLocation != null)) {
            throw new IllegalArgumentException("portico.security.issuer is required with"
                    + " portico.security.jwk-set-uri or portico.security.public-key-location: it is the 'iss' a"
                    + " token signed with those keys must carry");
        }
        if (clockSkew == null || clockSkew.isNegative()) {
            throw new IllegalArgumentException("portico.security.clock-skew must not be negative, was " + clockSkew);
        }
        if (maxTokenLifetime == null || maxTokenLifetime.isNegative() || maxTokenLifetime.isZero()) {
            throw new IllegalArgumentException("portico.security.max-token-lifetime must be positive, was "
                    + maxTokenLifetime);
        }
        platformRoles = List.copyOf(platformRoles);
    }

    /**
     * Claim names; a name with dots is a path into nested objects ({@code realm_access.roles} for Keycloak).
     * Roles, groups and domains may be a JSON array of strings or one string of names separated by spaces or
     * commas.
     *
     * @param id         the subject's id
     * @param roles      the subject's roles
     * @param groups     the subject's groups
     * @param domains    the domains whose ports the subject may publish
     * @param attributes the claims copied into the subject's attributes; empty means every other top-level
     *                   claim with a string, number or boolean value, except the registered JWT claims
     *                   ({@code iss sub aud exp nbf iat jti})
     */
    public record Claims(
            @DefaultValue("sub") String id,
            @DefaultValue("roles") String roles,
            @DefaultValue("groups") String groups,
            @DefaultValue("domains") String domains,
            @DefaultValue List<String> attributes) {

        public Claims {
            requireClaimName(id, "id");
            requireClaimName(roles, "roles");
            requireClaimName(groups, "groups");
            requireClaimName(domains, "domains");
            attributes = List.copyOf(attributes);
        }

        private static void requireClaimName(String name, String property) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("portico.security.claims." + property + " must name a claim");
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}


package io.portico.gateway.config;

import static java.util.Objects.requireNonNull;

import io.portico.schema.compose.RelationshipKeyRule;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything the gateway is configured with, under the prefix {@code portico}.
 *
 * @param ports    the output ports the gateway starts with and how it talks to them
 * @param security who may call the gateway: trusted token issuers and how their claims map to a subject
 */
@ConfigurationProperties("portico")
public record PorticoProperties(
        @DefaultValue Ports ports,
        @DefaultValue Security security) {

    /**
     * @param contracts       ODCS contract documents to register at start: file paths, {@code file:} URLs or
     *                        {@code classpath:} resources, in order
     * @param callTimeout     how long one statement at a port may take, from the call to the last batch, unless
     *                        the port's contract declares a latency SLA or
     *                        {@code portico.resilience.ports.<id>.call-timeout} says otherwise ({@link io.portico.gateway.resilience.ResilienceProperties})
     * @param schemaTimeout   how long asking a port for its live schemas may take
     * @param retryInterval   how often ports that could not be reached are tried again
     * @param credentials     the credential the gateway presents to each domain's ports
     * @param tls             how the gateway trusts ports reached over {@code grpc+tls://}
     * @param maxMemory       the most Arrow memory the gateway holds for port reads at once (batches in flight,
     *                        masked copies, collected answers); 0 for no bound. Streams to Flight SQL clients hold a
     *                        bounded number of batches whatever their size, since a slow client slows the port
     */
    public record Ports(
            @DefaultValue List<String> contracts,
            @DefaultValue("30s") Duration callTimeout,
            @DefaultValue("10s") Duration schemaTimeout,
            @DefaultValue("3s") Duration retryInterval,
            @DefaultValue Credentials credentials,
            @DefaultValue Tls tls,
            @DefaultValue("0") DataSize maxMemory) {

        public Ports {
            contracts = List.copyOf(contracts);
            requirePositive(callTimeout, "portico.ports.call-timeout");
            requirePositive(schemaTimeout, "portico.ports.schema-timeout");
            requirePositive(retryInterval, "portico.ports.retry-interval");
            requireNonNull(credentials, "portico.ports.credentials is null");
            requireNonNull(tls, "portico.ports.tls is null");
            if (maxMemory.isNegative()) {
                throw new IllegalArgumentException("portico.ports.max-memory must not be negative, was " + maxMemory);
            }
        }

        /**
         * The port credential the gateway presents on every call to a port of a domain
         * ({@code authorization: Bearer <credential>}); each domain's ports accept only their domain's
         * (io.portico.gateway.port.PortCredentials, docs/publishing.md#port-credentials).
         *
         * @param secret     the key the domains' credentials are derived from (base64 of at least 32 bytes):
         *                   {@code base64url(HMAC-SHA256(secret, "portico-port:v<generation>:" + domain))}. Unset:
         *                   a key derived from the deployment secret ({@code portico.policies.secret})
         * @param generation which generation of derived credentials the gateway presents (1, 2, ...); raising it
         *                   rotates every derived credential at once
         * @param domains    a credential per domain presented instead of the derived one (e.g. random strings
         *                   handed to the ports as files); at least 16 printable characters without spaces
         */
        public record Credentials(
                String secret,
                @DefaultValue("1") int generation,
                @DefaultValue Map<String, String> domains) {

            public Credentials {
                secret = secret == null || secret.isBlank() ? null : secret.strip();
                if (generation < 1) {
                    throw new IllegalArgumentException("portico.ports.credentials.generation must be at least 1, was "
                            + generation);
                }
                domains = Map.copyOf(domains);
            }

            @Override
            public String toString() {
                return "Credentials[secret=" + (secret == null ? "unset" : "***") + ", generation=" + generation
                        + ", domains=" + domains.keySet() + "]";
            }
        }

        /**
         * @param trustedCertificates a PEM file of the certificates (or CAs) the gateway trusts for ports reached
         *                            over {@code grpc+tls://}; unset: the JVM's trust store
         */
        public record Tls(Path trustedCertificates) {
        }
    }

    /**
     * Bearer tokens (JWT) and the subject read from them; see {@code io.portico.gateway.security}. The gateway
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
    public record Security(
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

        public Security {
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

    private static void requirePositive(Duration duration, String property) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, was " + duration);
        }
    }
}

package io.portico.gateway.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything the gateway is configured with, under the prefix {@code portico}.
 *
 * @param ports    the output ports the gateway starts with and how it talks to them
 * @param demo     the embedded demo mesh
 * @param query    limits of GraphQL queries
 * @param registry the durable registry shared by replicas (its database is {@code spring.datasource.*})
 * @param security who may call the gateway: trusted token issuers and how their claims map to a subject
 * @param policies the field-level policies every query is answered under, and the audit trail of their decisions
 * @param relationships how relationship fields (foreign keys across datasets) are resolved
 */
@ConfigurationProperties("portico")
public record PorticoProperties(
        @DefaultValue Ports ports,
        @DefaultValue Demo demo,
        @DefaultValue Query query,
        @DefaultValue Registry registry,
        @DefaultValue Security security,
        @DefaultValue Policies policies,
        @DefaultValue Relationships relationships) {

    /**
     * @param contracts       ODCS contract documents to register at start: file paths, {@code file:} URLs or
     *                        {@code classpath:} resources, in order
     * @param callTimeout     how long one statement at a port may take, from the call to the last batch
     * @param schemaTimeout   how long asking a port for its live schemas may take
     * @param retryInterval   how often ports that could not be reached are tried again
     */
    public record Ports(
            @DefaultValue List<String> contracts,
            @DefaultValue("30s") Duration callTimeout,
            @DefaultValue("10s") Duration schemaTimeout,
            @DefaultValue("3s") Duration retryInterval) {

        public Ports {
            contracts = List.copyOf(contracts);
            requirePositive(callTimeout, "portico.ports.call-timeout");
            requirePositive(schemaTimeout, "portico.ports.schema-timeout");
            requirePositive(retryInterval, "portico.ports.retry-interval");
        }
    }

    /**
     * @param enabled start the three demo ports (sales, crm, logistics) in this JVM and register them
     * @param seed    seed of the generated demo data; the same seed gives the same rows
     * @param scale   size of the demo data: 1.0 is 200,000 orders, 20,000 customers and their shipments
     * @param dataDir where the demo keeps what must survive a restart (the demo token issuer's key), relative to
     *                the working directory unless absolute
     */
    public record Demo(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("42") long seed,
            @DefaultValue("1.0") double scale,
            @DefaultValue(".portico/demo") Path dataDir) {

        public Demo {
            if (!(scale > 0)) {
                throw new IllegalArgumentException("portico.demo.scale must be positive, was " + scale);
            }
            requireNonNull(dataDir, "portico.demo.data-dir is null");
        }
    }

    /**
     * @param maxPageSize      the largest {@code first} a connection field accepts
     * @param defaultPageSize  the page size when a request passes {@code first: null}
     * @param columnarFastPath complete {@code nodes}/{@code edges} lists whose selection is leaf fields only column
     *                         by column instead of field by field (same response, much faster for large pages; see
     *                         {@code io.portico.gateway.graphql.ColumnarExecutionStrategy}); off only to compare
     */
    public record Query(
            @DefaultValue("100000") int maxPageSize,
            @DefaultValue("100") int defaultPageSize,
            @DefaultValue("true") boolean columnarFastPath) {

        public Query {
            if (maxPageSize < 1) {
                throw new IllegalArgumentException("portico.query.max-page-size must be at least 1, was " + maxPageSize);
            }
            if (defaultPageSize < 1 || defaultPageSize > maxPageSize) {
                throw new IllegalArgumentException("portico.query.default-page-size must be between 1 and "
                        + "portico.query.max-page-size (" + maxPageSize + "), was " + defaultPageSize);
            }
        }
    }

    /**
     * @param pollInterval how often the gateway asks the registry database whether another replica changed the
     *                     registry (one small query); a change is in this gateway's schema within about this
     *                     interval plus the time to ask the changed ports for their schemas
     */
    public record Registry(
            @DefaultValue("500ms") Duration pollInterval) {

        public Registry {
            requirePositive(pollInterval, "portico.registry.poll-interval");
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
     * @param claims            which claims make the subject
     */
    public record Security(
            String issuer,
            URI jwkSetUri,
            String publicKeyLocation,
            @DefaultValue List<String> audiences,
            @DefaultValue("60s") Duration clockSkew,
            @DefaultValue Claims claims) {

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

    /**
     * Field-level policies (see {@code io.portico.gateway.policy} and docs/policies.md).
     *
     * @param directory         the directory of policy YAML files, reloaded when they change (a bad change keeps
     *                          the policies in force); unset: the demo's policy set when the demo is enabled, else
     *                          no policy (every field allowed, which the gateway warns about at start)
     * @param reloadInterval    how often the directory is checked for changes
     * @param decisionCacheSize how many distinct subjects' decisions are kept
     * @param secret            the deployment's secret (base64, at least 32 bytes), shared by replicas: keys the
     *                          {@code hash} mask (so hashes join across datasets but resist dictionaries) and seals
     *                          paging cursors. Unset: the demo keeps one in its data directory; anything else
     *                          draws one at start (hashes and cursors then change with every restart)
     * @param auditLog          a file the audit events are appended to as JSON lines; unset: the
     *                          {@code io.portico.audit} logger, one JSON line per event
     */
    public record Policies(
            Path directory,
            @DefaultValue("2s") Duration reloadInterval,
            @DefaultValue("10000") long decisionCacheSize,
            String secret,
            Path auditLog) {

        public Policies {
            requirePositive(reloadInterval, "portico.policies.reload-interval");
            if (decisionCacheSize < 1) {
                throw new IllegalArgumentException("portico.policies.decision-cache-size must be positive, was "
                        + decisionCacheSize);
            }
            secret = secret == null || secret.isBlank() ? null : secret.strip();
        }
    }

    /**
     * Relationship fields ({@code order.customer}, {@code customer.orders}; docs/relationships.md): resolved in
     * batches, one statement per target port per level of the query with the distinct keys of all parents.
     *
     * @param keysPerStatement the most keys in one statement ({@code key IN (?, ...)}); more keys make more
     *                         statements, sent in parallel. Bounded by what ports accept as bind parameters.
     */
    public record Relationships(
            @DefaultValue("1000") int keysPerStatement) {

        public Relationships {
            if (keysPerStatement < 1 || keysPerStatement > 30_000) {
                throw new IllegalArgumentException(
                        "portico.relationships.keys-per-statement must be between 1 and 30000, was " + keysPerStatement);
            }
        }
    }

    private static void requirePositive(Duration duration, String property) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, was " + duration);
        }
    }
}

package io.portico.benchmarks.jmh;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import io.portico.gateway.graphql.DocumentCache;
import io.portico.gateway.limits.QueryLimits;
import io.portico.gateway.limits.QueryLimitsInstrumentation;
import io.portico.gateway.graphql.AuditOperationInstrumentation;
import io.portico.gateway.policy.QueryPolicies;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.gateway.security.IssuerDecoders;
import io.portico.gateway.security.SecurityProperties;
import io.portico.gateway.security.TrustedIssuersJwtDecoder;
import io.portico.gateway.security.VerifiedTokenCache;
import io.portico.policies.Subject;
import io.portico.policies.decision.DecisionCache;
import io.portico.policies.mask.HashKey;
import io.portico.policies.model.PolicySet;
import io.portico.policies.store.LoadedPolicySet;
import io.portico.policies.store.PolicyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The per-request work the gateway does once per distinct input (issue 10), with and without its cache.
 *
 * <ul>
 *   <li>{@code documentUncached} / {@code documentCached}: a small query shaped like the issue's Q1 (10 orders with
 *       their customer) through graphql-java with the gateway's query limits and audit naming, over a schema shaped
 *       like a composed one ({@link BenchmarkQueryLimits#SDL}), fetchers answering empty pages: parse, shape check,
 *       validation and audit signature every time, or the {@link DocumentCache} (a hit: the request's
 *       normalization, cost check and execution only). Each request carries its own {@link RequestPolicy}, as over
 *       HTTP, so both record the audit name.</li>
 *   <li>{@code tokenUncached} / {@code tokenCached}: a 2048-bit RS256 bearer token decoded by the gateway's
 *       {@link TrustedIssuersJwtDecoder} (parse, issuer routing, signature, claims, lifetime), or reused from the
 *       {@link VerifiedTokenCache} (lifetime and key checked again).</li>
 * </ul>
 *
 * <p>The score is the average time per operation. Run: {@code ./portico bench jmh BenchmarkRequestOverhead} (JMH
 * options follow, e.g. {@code -f 1 -wi 2 -i 3 -w 1s -r 2s} for a quick look).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class BenchmarkRequestOverhead {

    static final String SMALL_QUERY = """
            { sales { orders(first: 10) { nodes { orderId totalAmount customer { name country } } } } }""";

    /** The same small query through graphql-java without and with the document cache. */
    @State(Scope.Benchmark)
    public static class Documents {

        GraphQL uncached;
        GraphQL cached;
        QueryPolicies policies;

        @Setup
        public void setUp() {
            QueryLimits limits = QueryLimits.defaults();
            DocumentCache documents = new DocumentCache(1000, 1 << 20);
            uncached = GraphQL.newGraphQL(BenchmarkQueryLimits.schema())
                    .instrumentation(chain(new QueryLimitsInstrumentation(limits), new AuditOperationInstrumentation()))
                    .build();
            cached = GraphQL.newGraphQL(BenchmarkQueryLimits.schema())
                    .instrumentation(chain(new QueryLimitsInstrumentation(limits), new AuditOperationInstrumentation(),
                            documents.instrumentation()))
                    .preparsedDocumentProvider(documents)
                    .build();
            policies = new QueryPolicies(new PolicyStore(LoadedPolicySet.of(PolicySet.EMPTY, Instant.now(),
                    List.of())), new DecisionCache(10), HashKey.random(new SecureRandom()));
            for (GraphQL graphQl : List.of(uncached, cached)) {
                ExecutionResult result = graphQl.execute(input(policies));
                if (!result.getErrors().isEmpty()) {
                    throw new IllegalStateException("the small query is not accepted: " + result.getErrors());
                }
            }
        }

        private static Instrumentation chain(Instrumentation... instrumentations) {
            return new ChainedInstrumentation(List.of(instrumentations));
        }

        static ExecutionInput input(QueryPolicies policies) {
            return ExecutionInput.newExecutionInput(SMALL_QUERY)
                    .graphQLContext(Map.of(RequestPolicy.CONTEXT_KEY, policies.begin(Subject.ANONYMOUS)))
                    .build();
        }
    }

    /** One bearer token and the gateway's decoder of its issuer, without and with the token cache. */
    @State(Scope.Benchmark)
    public static class Tokens {

        static final String ISSUER = "https://idp.bench/realms/mesh";

        String token;
        JwtDecoder uncached;
        JwtDecoder cached;

        @Setup
        public void setUp() throws JOSEException {
            RSAKey key = new RSAKeyGenerator(2048).keyID("bench-key").generate();
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("steward")
                    .claim("roles", List.of("steward")).issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(Duration.ofHours(1)))).build();
            SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            signed.sign(new RSASSASigner(key));
            token = signed.serialize();
            SecurityProperties security = new SecurityProperties(ISSUER, null, null, List.of(),
                    Duration.ofSeconds(60), Duration.ofHours(24),
                    new SecurityProperties.Claims("sub", "roles", "groups", "domains", List.of()),
                    List.of("platform"));
            Clock clock = Clock.systemUTC();
            uncached = new TrustedIssuersJwtDecoder(Map.of(ISSUER, IssuerDecoders.withPublicKey(key.toRSAPublicKey(),
                    IssuerDecoders.validator(security, clock))), VerifiedTokenCache.none());
            cached = new TrustedIssuersJwtDecoder(Map.of(ISSUER, IssuerDecoders.withPublicKey(key.toRSAPublicKey(),
                    IssuerDecoders.validator(security, clock))), new VerifiedTokenCache(10_000, clock));
            if (!"steward".equals(cached.decode(token).getSubject())
                    || !"steward".equals(uncached.decode(token).getSubject())) {
                throw new IllegalStateException("the token is not accepted");
            }
        }
    }

    @Benchmark
    public ExecutionResult documentUncached(Documents state) {
        return state.uncached.execute(Documents.input(state.policies));
    }

    @Benchmark
    public ExecutionResult documentCached(Documents state) {
        return state.cached.execute(Documents.input(state.policies));
    }

    @Benchmark
    public Jwt tokenUncached(Tokens state) {
        return state.uncached.decode(state.token);
    }

    @Benchmark
    public Jwt tokenCached(Tokens state) {
        return state.cached.decode(state.token);
    }
}

package io.portico.gateway.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.portico.gateway.http.CrossOriginRequests;
import io.portico.gateway.http.SchemaDownloadEndpoint;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. Bearer tokens (JWT) are checked by Spring Security's resource server against the trusted
 * issuers ({@link TrustedIssuersJwtDecoder}); a valid token becomes a {@link SubjectAuthentication}.
 *
 * <ul>
 *   <li>{@code /api/**}: a valid token is required.</li>
 *   <li>The GraphQL path (GET and POST) and its SDL ({@code /graphql/schema.graphql}), {@code /graphiql},
 *       {@code /webjars/**}, the catalog page ({@code /}, {@code /catalog/**}), {@code /actuator/health/**},
 *       {@code /actuator/info}, {@code /actuator/prometheus} and {@code /demo/token} (present only in the demo):
 *       open; a valid token still yields its subject. {@code /actuator/health} shows its details (ports, their
 *       addresses and states) only to subjects with a platform role ({@code portico.security.platform-roles}, the
 *       authority {@link SubjectAuthentication#PLATFORM}); others see the overall status.</li>
 *   <li>Anything else: a valid token is required.</li>
 *   <li>A request with an invalid token is answered 401 on every path, never served as anonymous.</li>
 * </ul>
 *
 * CORS, when configured ({@code portico.http.cors.*}), is answered by Spring Security's CORS filter before any of
 * this ({@link CrossOriginRequests}).
 *
 * <p>Stateless: no session, no CSRF token (no cookie authenticates anything), no login forms.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    public SubjectResolver subjectResolver(SecurityProperties security) {
        return new SubjectResolver(security.claims());
    }

    /**
     * Tokens verified before, reused until they expire or their key leaves the issuer's key set; its hits and misses
     * are the {@code cache.*} meters tagged {@code cache=verified-tokens}.
     */
    @Bean
    public VerifiedTokenCache verifiedTokenCache(TokenCacheProperties tokenCache, ObjectProvider<Clock> clock,
            ObjectProvider<MeterRegistry> meters) {
        VerifiedTokenCache cache = new VerifiedTokenCache(tokenCache.maxTokens(), clock.getIfUnique(Clock::systemUTC));
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            cache.cache().ifPresent(tokens -> CaffeineCacheMetrics.monitor(registry, tokens, "verified-tokens"));
        }
        return cache;
    }

    @Bean
    public TrustedIssuersJwtDecoder trustedIssuersJwtDecoder(SecurityProperties security, ResourceLoader resources,
            ObjectProvider<DemoTokenIssuer> demoIssuer, ObjectProvider<Clock> clock, VerifiedTokenCache verified) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        Map<String, JwtDecoder> decoders = new LinkedHashMap<>();
        if (security.issuer() != null) {
            decoders.put(security.issuer(), IssuerDecoders.configured(security, resources, time));
        }
        DemoTokenIssuer demo = demoIssuer.getIfAvailable();
        if (demo != null) {
            decoders.put(DemoTokenIssuer.ISSUER,
                    IssuerDecoders.withPublicKey(demo.publicKey(), IssuerDecoders.lifetimeOnly(security, time)));
        }
        if (decoders.isEmpty()) {
            LOG.warn("No token issuer is trusted (portico.security.issuer is not set): every bearer token is refused"
                    + " and /api/** cannot be used. GraphQL queries still work anonymously.");
        } else {
            LOG.info("Trusted token issuers: {}", decoders.keySet());
        }
        return new TrustedIssuersJwtDecoder(decoders, verified);
    }

    @Bean
    public SecurityErrorResponses securityErrorResponses(JsonMapper json) {
        return new SecurityErrorResponses(json);
    }

    /** First in the interceptor chain, so every later interceptor and fetcher sees the subject. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public SubjectGraphQlInterceptor subjectGraphQlInterceptor() {
        return new SubjectGraphQlInterceptor();
    }

    /**
     * No Spring Security observations: they wrap each of its ~15 filters, the authentication and the authorization
     * of every request in a timer, about a sixth of the CPU time of a small GraphQL request, for meters nobody
     * reads; {@code http.server.requests} times the request whole. (Switching them off by property leaves the
     * wrapping in place; this bean removes it.)
     */
    @Bean
    public SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's strict firewall with its header and parameter name rules checked without regular
     * expressions ({@link HeaderCharacters}): same rules, a fraction of the cost on every request.
     */
    @Bean
    public WebSecurityCustomizer headerCharacterFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::validName);
        firewall.setAllowedHeaderValues(HeaderCharacters::validValue);
        firewall.setAllowedParameterNames(HeaderCharacters::validName);
        return web -> web.httpFirewall(firewall);
    }

    @Bean
    public SecurityFilterChain porticoSecurityFilterChain(HttpSecurity http, TrustedIssuersJwtDecoder decoder,
            SubjectResolver subjects, SecurityErrorResponses errors, SecurityProperties security,
            CrossOriginRequests crossOrigin, @Value("${spring.graphql.http.path:/graphql}") String graphQlPath)
            throws Exception {
        List<String> platformRoles = security.platformRoles();
        http
                .csrf(csrf -> csrf.disable())
                .cors(crossOrigin::configure)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> { })
                .authorizeHttpRequests(requests -> requests
                        // The request dispatch was authorized already; its async completion and error page follow it.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/api/**").authenticated()
                        .requestMatchers(graphQlPath, graphQlPath + SchemaDownloadEndpoint.SUFFIX, "/graphiql",
                                "/graphiql/**", "/webjars/**", "/", "/catalog", "/catalog/**",
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                                DemoTokenController.PATH,
                                "/error", "/favicon.ico")
                        .permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(new BearerTokenHeader())
                        .jwt(jwt -> jwt.decoder(decoder)
                                .jwtAuthenticationConverter(token -> new SubjectAuthentication(subjects.resolve(token),
                                        token, platformRoles)))
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors));
        return http.build();
    }
}

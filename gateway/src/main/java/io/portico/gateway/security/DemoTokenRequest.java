package io.portico.gateway.security;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a demo token should say: whom it names and for how long.
 *
 * @param subject  the subject's id
 * @param roles    role names
 * @param groups   group names
 * @param domains  the domains the token may publish
 * @param claims   other claims (attributes), e.g. {@code region=EU}; not a registered JWT claim
 * @param lifetime how long the token is valid, at most {@link #MAX_LIFETIME}
 */
public record DemoTokenRequest(
        String subject,
        Set<String> roles,
        Set<String> groups,
        Set<String> domains,
        Map<String, String> claims,
        Duration lifetime) {

    public static final String DEFAULT_SUBJECT = "demo-user";
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(8);
    public static final Duration MAX_LIFETIME = Duration.ofDays(30);

    private static final Set<String> RESERVED_CLAIMS = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti");

    public DemoTokenRequest {
        requireNonNull(subject, "subject is null");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("the subject must not be blank");
        }
        roles = sorted(roles, "roles");
        groups = sorted(groups, "groups");
        domains = sorted(domains, "domains");
        claims = new LinkedHashMap<>(requireNonNull(claims, "claims is null"));
        for (Map.Entry<String, String> claim : claims.entrySet()) {
            if (claim.getKey() == null || claim.getKey().isBlank() || claim.getValue() == null) {
                throw new IllegalArgumentException("a claim needs a name and a value, was " + claim);
            }
            if (RESERVED_CLAIMS.contains(claim.getKey())) {
                throw new IllegalArgumentException("the claim '" + claim.getKey() + "' is set by the issuer; pass"
                        + " only other claims (e.g. region=EU)");
            }
        }
        claims = Collections.unmodifiableMap(claims);
        requireNonNull(lifetime, "lifetime is null");
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("the lifetime must be positive and at most " + MAX_LIFETIME.toDays()
                    + " days, was " + lifetime);
        }
    }

    private static Set<String> sorted(Set<String> names, String field) {
        requireNonNull(names, field + " is null");
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(field + " must not contain a blank name");
            }
        }
        return Collections.unmodifiableSortedSet(new TreeSet<>(names));
    }
}

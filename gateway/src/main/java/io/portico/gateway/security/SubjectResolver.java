package io.portico.gateway.security;

import static java.util.Objects.requireNonNull;

import io.portico.policies.Subject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Reads the {@link Subject} of a verified token from its claims, as {@code portico.security.claims} names them
 * (defaults: {@code sub} -> id, {@code roles}, {@code groups}, {@code domains}; every other top-level claim with a
 * string, number or boolean value -> attributes, except the registered JWT claims).
 *
 * <p>Roles, groups and domains may be a JSON array or one string of names separated by spaces or commas (as
 * {@code scope} is); a missing claim is an empty set. A token without an id claim is refused: a verified token
 * always names somebody.
 */
public final class SubjectResolver {

    /** Registered JWT claims (RFC 7519 section 4.1): never attributes. */
    private static final Set<String> REGISTERED_CLAIMS = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti");
    private static final Pattern NAME_SEPARATORS = Pattern.compile("[\\s,]+");

    private final SecurityProperties.Claims names;

    public SubjectResolver(SecurityProperties.Claims names) {
        this.names = requireNonNull(names, "names is null");
    }

    /** The subject of a verified token. */
    public Subject resolve(Jwt token) {
        return resolve(token.getClaims());
    }

    /**
     * The subject of a verified token's claims.
     *
     * @throws InvalidBearerTokenException when the claims name no id
     */
    public Subject resolve(Map<String, Object> claims) {
        Object id = valueAt(claims, names.id());
        if (!(id instanceof String text) || text.isBlank()) {
            throw new InvalidBearerTokenException("the bearer token names no subject: its '" + names.id()
                    + "' claim (portico.security.claims.id) is missing or not a string");
        }
        return new Subject(text,
                nameSet(valueAt(claims, names.roles())),
                nameSet(valueAt(claims, names.groups())),
                nameSet(valueAt(claims, names.domains())),
                attributes(claims));
    }

    private Map<String, String> attributes(Map<String, Object> claims) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (!names.attributes().isEmpty()) {
            for (String name : names.attributes()) {
                String value = attributeValue(valueAt(claims, name));
                if (value != null) {
                    attributes.put(name, value);
                }
            }
            return attributes;
        }
        Set<String> mapped = Set.of(names.id(), names.roles(), names.groups(), names.domains());
        for (Map.Entry<String, Object> claim : claims.entrySet()) {
            if (REGISTERED_CLAIMS.contains(claim.getKey()) || mapped.contains(claim.getKey())) {
                continue;
            }
            if (isScalar(claim.getValue())) {
                attributes.put(claim.getKey(), String.valueOf(claim.getValue()));
            }
        }
        return attributes;
    }

    /** A configured attribute: a scalar as text, a list of scalars joined by commas; anything else is skipped. */
    private static String attributeValue(Object value) {
        if (isScalar(value)) {
            return String.valueOf(value);
        }
        if (value instanceof Collection<?> values && values.stream().allMatch(SubjectResolver::isScalar)) {
            return String.join(",", values.stream().map(String::valueOf).toList());
        }
        return null;
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    private static Set<String> nameSet(Object value) {
        Set<String> result = new LinkedHashSet<>();
        if (value instanceof String text) {
            for (String name : NAME_SEPARATORS.split(text.strip())) {
                if (!name.isEmpty()) {
                    result.add(name);
                }
            }
            return result;
        }
        if (value instanceof Collection<?> values) {
            for (Object element : values) {
                if (isScalar(element) && !String.valueOf(element).isBlank()) {
                    result.add(String.valueOf(element).strip());
                }
            }
        }
        return result;
    }

    /** The claim at a name, where dots step into nested objects ({@code realm_access.roles}); null when absent. */
    static Object valueAt(Map<String, Object> claims, String path) {
        if (claims.containsKey(path)) {
            return claims.get(path);
        }
        Object current = claims;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> object)) {
                return null;
            }
            current = object.get(step);
        }
        return current;
    }
}

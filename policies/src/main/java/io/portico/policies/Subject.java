package io.portico.policies;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who is asking: the identity a request carries, read from its bearer token's claims by the gateway (the mapping
 * of claims to these fields is configurable there, under {@code portico.security.claims}). Policies decide on it;
 * publishing rights are checked with {@link #canPublish(String)}.
 *
 * <p>Sets and attributes are immutable and sorted, so two subjects with the same claims are equal and print alike.
 * A request without a token is {@link #ANONYMOUS}: no id, no roles, no groups, no domains, no attributes.
 *
 * @param id         the token's subject ({@code sub} by default); empty only for {@link #ANONYMOUS}
 * @param roles      role names, e.g. {@code analyst}
 * @param groups     group names, e.g. {@code team-sales}
 * @param domains    the mesh domains whose output ports this subject may publish, change and retire
 * @param attributes other single-valued claims, e.g. {@code region=EU}, {@code purpose=reporting}
 */
public record Subject(
        String id,
        Set<String> roles,
        Set<String> groups,
        Set<String> domains,
        Map<String, String> attributes) {

    /** The subject of a request without credentials. */
    public static final Subject ANONYMOUS = new Subject("", Set.of(), Set.of(), Set.of(), Map.of());

    public Subject {
        requireNonNull(id, "id is null");
        roles = sortedCopy(roles, "roles");
        groups = sortedCopy(groups, "groups");
        domains = sortedCopy(domains, "domains");
        attributes = sortedCopy(attributes);
    }

    /** A subject with only an id and roles; the other fields empty. */
    public static Subject of(String id, Set<String> roles) {
        return new Subject(id, roles, Set.of(), Set.of(), Map.of());
    }

    /** Whether this is the subject of a request that carried no credentials. */
    public boolean isAnonymous() {
        return id.isEmpty();
    }

    /** Whether the subject has the role (exact, case-sensitive match). */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Whether the subject is in the group (exact, case-sensitive match). */
    public boolean inGroup(String group) {
        return groups.contains(group);
    }

    /** The value of an attribute claim, or {@code null} when the token has none of that name. */
    public String attribute(String name) {
        return attributes.get(name);
    }

    /**
     * Whether this subject may publish, change and retire the output ports of {@code domain}: exactly when its
     * token's domains claim names that domain (exact, case-sensitive match; no wildcards, no hierarchy). Roles and
     * groups grant no publishing right; the anonymous subject may publish nothing.
     */
    public boolean canPublish(String domain) {
        return domain != null && domains.contains(domain);
    }

    private static Set<String> sortedCopy(Set<String> values, String name) {
        requireNonNull(values, name + " is null");
        SortedSet<String> copy = new TreeSet<>();
        for (String value : values) {
            requireNonNull(value, name + " contains null");
            copy.add(value);
        }
        return Collections.unmodifiableSortedSet(copy);
    }

    private static Map<String, String> sortedCopy(Map<String, String> values) {
        requireNonNull(values, "attributes is null");
        SortedMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            requireNonNull(entry.getKey(), "attributes contains a null name");
            requireNonNull(entry.getValue(), "attribute " + entry.getKey() + " is null");
            copy.put(entry.getKey(), entry.getValue());
        }
        return Collections.unmodifiableSortedMap(copy);
    }
}

package io.portico.policies.model;

import static java.util.Objects.requireNonNull;

import io.portico.policies.Subject;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who a rule applies to: everyone, or the subjects that match every key given. Within a key, any value matches
 * (a subject with any of the roles); across keys, all must match (one of the roles <em>and</em> one of the groups).
 * Names compare exactly (case-sensitive), as {@link Subject#hasRole} does.
 *
 * @param everyone true for {@code subjects: everyone}; then every other component is empty
 * @param roles    the subject has one of these roles
 * @param groups   the subject is in one of these groups
 * @param domains  the subject's domains claim names one of these domains
 * @param claims   per claim, the accepted values: claim {@value #SUBJECT_CLAIM} is the subject's id, any other
 *                 claim the subject's attribute of that name; a subject without the claim does not match
 */
public record SubjectSelector(
        boolean everyone,
        Set<String> roles,
        Set<String> groups,
        Set<String> domains,
        Map<String, Set<String>> claims) {

    /** The claim that names the subject's id ({@link Subject#id()}). */
    public static final String SUBJECT_CLAIM = "sub";

    /** Every subject, including the anonymous one. */
    public static final SubjectSelector EVERYONE = new SubjectSelector(true, Set.of(), Set.of(), Set.of(), Map.of());

    public SubjectSelector {
        roles = sorted(roles, "roles");
        groups = sorted(groups, "groups");
        domains = sorted(domains, "domains");
        requireNonNull(claims, "claims is null");
        SortedMap<String, Set<String>> sortedClaims = new TreeMap<>();
        claims.forEach((claim, values) -> sortedClaims.put(requireNonNull(claim, "claim is null"),
                sorted(values, "claim " + claim)));
        claims = Collections.unmodifiableSortedMap(sortedClaims);
        boolean selective = !roles.isEmpty() || !groups.isEmpty() || !domains.isEmpty() || !claims.isEmpty();
        if (everyone == selective) {
            throw new IllegalArgumentException(everyone ? "everyone takes no roles, groups, domains or claims"
                    : "a selector names roles, groups, domains or claims, or is everyone");
        }
    }

    /** Whether the rule applies to the subject. */
    public boolean matches(Subject subject) {
        if (everyone) {
            return true;
        }
        return matchesAny(roles, subject.roles()) && matchesAny(groups, subject.groups())
                && matchesAny(domains, subject.domains()) && matchesClaims(subject);
    }

    /** Whether the selector reads the subject's id, so that decisions differ between subjects of equal claims. */
    public boolean selectsOnSubjectId() {
        return claims.containsKey(SUBJECT_CLAIM);
    }

    private boolean matchesClaims(Subject subject) {
        for (Map.Entry<String, Set<String>> claim : claims.entrySet()) {
            String value = claimValue(subject, claim.getKey());
            if (value == null || !claim.getValue().contains(value)) {
                return false;
            }
        }
        return true;
    }

    private static String claimValue(Subject subject, String claim) {
        if (claim.equals(SUBJECT_CLAIM)) {
            return subject.isAnonymous() ? null : subject.id();
        }
        return subject.attribute(claim);
    }

    private static boolean matchesAny(Set<String> accepted, Set<String> held) {
        if (accepted.isEmpty()) {
            return true;
        }
        for (String value : held) {
            if (accepted.contains(value)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> sorted(Set<String> values, String name) {
        requireNonNull(values, name + " is null");
        SortedSet<String> copy = new TreeSet<>();
        for (String value : values) {
            copy.add(requireNonNull(value, name + " contains null"));
        }
        return Collections.unmodifiableSortedSet(copy);
    }
}

package io.portico.policies.model;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A complete, validated set of rules and defaults: what decisions are taken from. Immutable; identified by its
 * {@link #version()} (a digest of the files it was read from, so equal files give equal versions).
 *
 * <p>Rules keep the order of their files (files sorted by name, rules in document order): the order breaks a tie
 * between two masks of equal specificity.
 */
public final class PolicySet {

    /** A set without rules or defaults: every field allowed, no row filter. */
    public static final PolicySet EMPTY = new PolicySet("empty", PolicyDefaults.NONE, List.of());

    private final String version;
    private final PolicyDefaults defaults;
    private final List<PolicyRule> rules;
    private final Map<String, PolicyRule> rulesByName;
    private final boolean selectsOnSubjectId;

    /**
     * @throws IllegalArgumentException when two rules share a name
     */
    public PolicySet(String version, PolicyDefaults defaults, List<PolicyRule> rules) {
        this.version = requireNonNull(version, "version is null");
        this.defaults = requireNonNull(defaults, "defaults is null");
        this.rules = List.copyOf(rules);
        Map<String, PolicyRule> byName = new HashMap<>();
        boolean readsId = false;
        for (PolicyRule rule : this.rules) {
            if (byName.putIfAbsent(rule.name(), rule) != null) {
                throw new IllegalArgumentException("two rules are named " + rule.name());
            }
            readsId |= rule.selectsOnSubjectId();
        }
        this.rulesByName = Map.copyOf(byName);
        this.selectsOnSubjectId = readsId;
    }

    /** Identifies the content: equal for sets read from equal files. */
    public String version() {
        return version;
    }

    public PolicyDefaults defaults() {
        return defaults;
    }

    /** Every rule, in file order. */
    public List<PolicyRule> rules() {
        return rules;
    }

    /** The rule of that name. */
    public Optional<PolicyRule> rule(String name) {
        return Optional.ofNullable(rulesByName.get(name));
    }

    /**
     * Whether any rule reads the subject's id (see {@link PolicyRule#selectsOnSubjectId()}); when none does,
     * decisions depend only on a subject's roles, groups, domains and attributes, and can be shared between
     * subjects.
     */
    public boolean selectsOnSubjectId() {
        return selectsOnSubjectId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PolicySet set && version.equals(set.version) && defaults.equals(set.defaults)
                && rules.equals(set.rules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, defaults, rules);
    }

    @Override
    public String toString() {
        return "PolicySet[version=" + version + ", rules=" + rules.size() + "]";
    }
}

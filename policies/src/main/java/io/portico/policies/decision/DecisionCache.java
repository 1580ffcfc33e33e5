package io.portico.policies.decision;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.portico.policies.Subject;
import io.portico.policies.model.PolicySet;
import io.portico.schema.compose.RegistrySnapshot;
import java.util.Map;
import java.util.Set;

/**
 * Shares {@link Decisions} between requests: one computation per distinct subject claims, registry version and
 * policy version, bounded in size (least recently and frequently used entries go first, Caffeine's W-TinyLFU).
 *
 * <p>The key is the subject <em>without its id</em> (roles, groups, domains, attributes) when no rule of the policy
 * set reads the id ({@link PolicySet#selectsOnSubjectId()}), so all analysts of one region share one entry; with
 * the id otherwise. The registry snapshot and the policy set are identified by their versions: two different
 * snapshots must not share a version (the registry's versions only increase) and two different policy sets must not
 * share one (theirs are content digests). A new version simply makes new keys; old entries age out.
 *
 * <p>Concurrent requests for an absent key wait for one computation (Caffeine's {@code get(key, function)} is
 * atomic per key). Thread-safe.
 */
public final class DecisionCache {

    /** Computes decisions on a miss; {@link PolicyEvaluator#decide} outside tests. */
    @FunctionalInterface
    interface Decider {
        Decisions decide(Subject subject, RegistrySnapshot snapshot, PolicySet policies);
    }

    private static final System.Logger LOG = System.getLogger("io.portico.policies");

    private final Cache<Key, Decisions> cache;
    private final Decider decider;

    /** A cache of at most {@code maximumSize} decision sets (one per distinct key). */
    public DecisionCache(long maximumSize) {
        this(maximumSize, PolicyEvaluator::decide);
    }

    DecisionCache(long maximumSize, Decider decider) {
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize must be positive: " + maximumSize);
        }
        this.decider = requireNonNull(decider, "decider is null");
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).executor(Runnable::run).build();
    }

    /** The decisions for the subject, computed at most once per key (see the class's doc). */
    public Decisions decisions(Subject subject, RegistrySnapshot snapshot, PolicySet policies) {
        requireNonNull(subject, "subject is null");
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(policies, "policies is null");
        String id = policies.selectsOnSubjectId() ? subject.id() : "";
        Key key = new Key(id, subject.roles(), subject.groups(), subject.domains(), subject.attributes(),
                snapshot.version(), policies.version());
        return cache.get(key, absent -> reported(decider.decide(subject, snapshot, policies)));
    }

    /**
     * Logs the problems of freshly made decisions (a row filter that cannot be applied admits no row, which an
     * operator should hear about), once per computation, to the {@code io.portico.policies} system logger.
     */
    private static Decisions reported(Decisions decisions) {
        if (!decisions.problems().isEmpty()) {
            StringBuilder message = new StringBuilder("policy set ").append(decisions.policyVersion())
                    .append(" over registry version ").append(decisions.registryVersion()).append(": ")
                    .append(decisions.problems().size()).append(" row filter problem(s):");
            decisions.problems().forEach(problem -> message.append("\n  ").append(problem));
            LOG.log(System.Logger.Level.WARNING, message.toString());
        }
        return decisions;
    }

    /** About how many decision sets the cache holds. */
    public long estimatedSize() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Drops every entry. */
    public void invalidateAll() {
        cache.invalidateAll();
    }

    /**
     * What decisions depend on: the subject's claims (its id only when a rule reads it; the subject's sets and map
     * are immutable, so they are held, not copied), the registry version and the policy version.
     */
    private record Key(String id, Set<String> roles, Set<String> groups, Set<String> domains,
            Map<String, String> attributes, long registryVersion, String policyVersion) {
    }
}

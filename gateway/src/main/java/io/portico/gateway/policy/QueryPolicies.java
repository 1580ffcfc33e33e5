package io.portico.gateway.policy;

import static java.util.Objects.requireNonNull;

import io.portico.policies.Subject;
import io.portico.policies.decision.DecisionCache;
import io.portico.policies.decision.Decisions;
import io.portico.policies.mask.HashKey;
import io.portico.policies.store.LoadedPolicySet;
import io.portico.policies.store.PolicyStore;
import io.portico.schema.compose.RegistrySnapshot;

/**
 * The policies queries are answered under: the policy set in force ({@link PolicyStore}, reloaded when its files
 * change), the shared cache of decisions, and the key of the {@code hash} mask. A request pins the policy set in
 * force when it starts ({@link #begin}), so a reload in the middle of a request never mixes two sets in one answer.
 */
public final class QueryPolicies {

    private final PolicyStore store;
    private final DecisionCache decisions;
    private final HashKey hashKey;

    public QueryPolicies(PolicyStore store, DecisionCache decisions, HashKey hashKey) {
        this.store = requireNonNull(store, "store is null");
        this.decisions = requireNonNull(decisions, "decisions is null");
        this.hashKey = requireNonNull(hashKey, "hashKey is null");
    }

    /** The policy of one request of {@code subject}, under the policy set in force now. */
    public RequestPolicy begin(Subject subject) {
        return new RequestPolicy(subject, store.current(), this);
    }

    /** The policy set in force now. */
    public LoadedPolicySet current() {
        return store.current();
    }

    Decisions decide(Subject subject, RegistrySnapshot snapshot, LoadedPolicySet policies) {
        return decisions.decisions(subject, snapshot, policies.set());
    }

    HashKey hashKey() {
        return hashKey;
    }
}

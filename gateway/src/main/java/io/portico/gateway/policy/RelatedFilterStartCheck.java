package io.portico.gateway.policy;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.registry.PortRegistry;
import io.portico.gateway.registry.store.RegistrySynchronizer;
import io.portico.policies.decision.RelatedFilterCheck;
import io.portico.policies.model.PolicySet;
import io.portico.policies.parse.PolicyProblem;
import io.portico.policies.parse.PolicyValidationException;
import io.portico.policies.store.PolicyDirectoryWatcher;
import io.portico.policies.store.PolicyStore;
import java.util.List;
import org.springframework.context.SmartLifecycle;

/**
 * Checks the policy set in force against the registry once the registry is loaded at start (after the configured
 * and stored ports, before the web server): a row filter that follows a relationship its dataset's contract does
 * not declare, or crosses ports while {@code portico.policies.related-filter.max-keys} is 0, stops the gateway with
 * every problem listed ({@link RelatedFilterCheck}). Reloads are checked the same way by the directory watcher
 * ({@link #reloadCheck}): a refused set leaves the set in force.
 */
public final class RelatedFilterStartCheck implements SmartLifecycle {

    /** After the registry synchronizer (the stored ports), before the web server. */
    public static final int PHASE = RegistrySynchronizer.PHASE + 1;

    private final PolicyStore store;
    private final PortRegistry registry;
    private final boolean crossPortAllowed;
    private volatile boolean running;

    public RelatedFilterStartCheck(PolicyStore store, PortRegistry registry, boolean crossPortAllowed) {
        this.store = requireNonNull(store, "store is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.crossPortAllowed = crossPortAllowed;
    }

    /** The check a reloaded set must pass: its related filters against the registry as it is then. */
    public static PolicyDirectoryWatcher.SetCheck reloadCheck(PortRegistry registry, boolean crossPortAllowed) {
        requireNonNull(registry, "registry is null");
        return set -> RelatedFilterCheck.check(set, registry.snapshot(), crossPortAllowed);
    }

    /**
     * @throws PolicyValidationException naming every problem, which stops the gateway's start
     */
    @Override
    public void start() {
        PolicySet set = store.policies();
        List<PolicyProblem> problems = RelatedFilterCheck.check(set, registry.snapshot(), crossPortAllowed);
        if (!problems.isEmpty()) {
            throw new PolicyValidationException(problems);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}

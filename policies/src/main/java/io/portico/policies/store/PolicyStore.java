package io.portico.policies.store;

import static java.util.Objects.requireNonNull;

import io.portico.policies.model.PolicySet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the policy set in force: always one whole, validated set, swapped atomically. Readers call
 * {@link #current()} once per request and use what they got for the whole request; a reload never changes a set a
 * reader holds. A refused reload leaves the set in force and is remembered as {@link #lastFailure()} until the next
 * successful one. Thread-safe.
 */
public final class PolicyStore {

    private final AtomicReference<LoadedPolicySet> current;
    private final AtomicReference<FailedReload> lastFailure = new AtomicReference<>();

    public PolicyStore(LoadedPolicySet initial) {
        this.current = new AtomicReference<>(requireNonNull(initial, "initial is null"));
    }

    /** The set in force. */
    public LoadedPolicySet current() {
        return current.get();
    }

    /** The rules and defaults in force: {@code current().set()}. */
    public PolicySet policies() {
        return current.get().set();
    }

    /** Puts {@code next} in force and forgets the last failure. */
    public void replace(LoadedPolicySet next) {
        current.set(requireNonNull(next, "next is null"));
        lastFailure.set(null);
    }

    /** Records a refused reload; the set in force stays. */
    public void reject(FailedReload failure) {
        lastFailure.set(requireNonNull(failure, "failure is null"));
    }

    /** The last refused reload since the last successful one. */
    public Optional<FailedReload> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }
}

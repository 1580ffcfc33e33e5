package io.portico.policies.store;

import static java.util.Objects.requireNonNull;

import io.portico.policies.model.PolicySet;
import java.time.Instant;
import java.util.List;

/**
 * A policy set as a {@link PolicyStore} holds it: the set, where it came from and when it was loaded. Immutable:
 * a reader that got one sees one whole set, whatever reloads happen meanwhile.
 *
 * @param version  the set's version ({@link PolicySet#version()})
 * @param set      the rules and defaults
 * @param loadedAt when it was loaded
 * @param sources  the files it was read from, in load order
 */
public record LoadedPolicySet(String version, PolicySet set, Instant loadedAt, List<String> sources) {

    public LoadedPolicySet {
        requireNonNull(version, "version is null");
        requireNonNull(set, "set is null");
        requireNonNull(loadedAt, "loadedAt is null");
        sources = List.copyOf(sources);
        if (!version.equals(set.version())) {
            throw new IllegalArgumentException("version " + version + " is not the set's version " + set.version());
        }
    }

    /** The set, loaded at {@code loadedAt} from {@code sources}. */
    public static LoadedPolicySet of(PolicySet set, Instant loadedAt, List<String> sources) {
        return new LoadedPolicySet(set.version(), set, loadedAt, sources);
    }
}

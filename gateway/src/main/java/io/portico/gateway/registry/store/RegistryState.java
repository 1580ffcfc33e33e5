package io.portico.gateway.registry.store;

import java.util.List;

/**
 * The active registrations as of one registry version, read consistently (no change committed in between).
 *
 * @param registryVersion the registry version the state is of
 * @param active          every active stored contract, ordered by port id then major version
 */
public record RegistryState(long registryVersion, List<StoredContract> active) {

    public RegistryState {
        active = List.copyOf(active);
    }
}

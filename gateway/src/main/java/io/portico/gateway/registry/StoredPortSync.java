package io.portico.gateway.registry;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.registry.store.RegistryState;
import io.portico.gateway.registry.store.StoredContract;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.contract.ContractValidationException;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.error.PorticoException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the stored ports of the registry in line with the registry database: applies whole store states read by
 * {@link PortRegistry#synchronize} and the single changes (publications, retirements) made through this gateway,
 * in registry-version order per port, so a late, older change never replaces a newer one. Local ports are left
 * alone (a stored registration of a local port's id is reported once and not served).
 *
 * <p>Its state is guarded by the registry's lock: {@link #synchronize} takes it itself, the other methods are
 * called holding it.
 */
final class StoredPortSync {

    /** The registry's log: its lines keep the logger name they always had. */
    private static final Logger LOG = LoggerFactory.getLogger(PortRegistry.class);

    private final Object lock;
    private final RegisteredPorts ports;
    private final PortProber prober;
    /** Per stored port: the registry version of the last single change applied here, when newer than syncedVersion. */
    private final Map<String, Long> appliedVersions = new HashMap<>();
    private final Set<String> reportedShadows = new HashSet<>();
    /** The registry version of the last store state {@link #synchronize synchronized}. */
    private long syncedVersion;

    StoredPortSync(Object lock, RegisteredPorts ports, PortProber prober) {
        this.lock = requireNonNull(lock, "lock is null");
        this.ports = requireNonNull(ports, "ports is null");
        this.prober = requireNonNull(prober, "prober is null");
    }

    /**
     * What a synchronization changed.
     *
     * @param changes  how many ports were registered, replaced or removed
     * @param snapshot the snapshot of the change, to install; null when nothing changed
     */
    record Synchronization(int changes, RegistrySnapshot snapshot) {

        static final Synchronization NONE = new Synchronization(0, null);
    }

    /**
     * Brings the stored ports in line with a state read from the store (see {@link PortRegistry#synchronize}).
     * Takes the registry's lock, and leaves it while the changed ports are probed.
     */
    Synchronization synchronize(RegistryState state) {
        long stateVersion = state.registryVersion();
        Map<String, StoredContract> served = servedVersions(state);
        List<StoredContract> changed = new ArrayList<>();
        synchronized (lock) {
            if (stateVersion < syncedVersion) {
                return Synchronization.NONE;
            }
            for (StoredContract stored : served.values()) {
                RegisteredPort current = ports.stored(stored.portId(), stored.majorVersion());
                if (ports.isLocal(stored.portId())) {
                    reportShadowed(stored);
                } else if (appliesTo(stored.portId(), stateVersion)
                        && (current == null || current.storedVersion() != stored.registryVersion())) {
                    changed.add(stored);
                }
            }
        }
        List<RegisteredPort> probed = prober.probeAll(candidates(changed));
        synchronized (lock) {
            if (stateVersion < syncedVersion) {
                return Synchronization.NONE;
            }
            int changes = 0;
            for (RegisteredPort port : probed) {
                String portId = port.contract().id();
                if (appliesTo(portId, stateVersion) && !ports.isLocal(portId)) {
                    ports.putStored(port);
                    PortProber.logStatus(port);
                    changes++;
                }
            }
            List<RegisteredPort> removed = ports.removeStoredOutside(served,
                    port -> appliesTo(port.contract().id(), stateVersion));
            for (RegisteredPort port : removed) {
                LOG.info("major version {} of port '{}' is no longer active in the registry (registry version"
                        + " {}); retired here", port.majorVersion(), port.contract().id(), stateVersion);
                changes++;
            }
            syncedVersion = stateVersion;
            appliedVersions.values().removeIf(applied -> applied <= stateVersion);
            return changes > 0 ? new Synchronization(changes, ports.nextSnapshot()) : Synchronization.NONE;
        }
    }

    /**
     * Applies a publication made here, unless a newer state of that port is already applied. Called holding the
     * registry's lock.
     *
     * @return whether the registered ports changed
     */
    boolean applyPublished(RegisteredPort port, StoredContract stored) {
        String portId = stored.portId();
        if (!acceptChange(portId, stored.registryVersion())) {
            return false;
        }
        if (ports.isLocal(portId)) {
            return false;
        }
        ports.putStored(port);
        return true;
    }

    /**
     * Records a single change of a stored port made here at {@code changeVersion} (a retirement) when it is newer
     * than what this registry reflects of the port. Called holding the registry's lock.
     *
     * @return whether the change is newer and is to be applied
     */
    boolean acceptChange(String portId, long changeVersion) {
        if (changeVersion <= syncedVersion || changeVersion <= appliedVersions.getOrDefault(portId, 0L)) {
            return false;
        }
        appliedVersions.put(portId, changeVersion);
        return true;
    }

    /** Whether a store state at {@code stateVersion} is at least as new as what this registry reflects of the port. */
    private boolean appliesTo(String portId, long stateVersion) {
        return stateVersion >= appliedVersions.getOrDefault(portId, 0L);
    }

    /** The versions served of each stored port, by slot: the active version of each major version. */
    private static Map<String, StoredContract> servedVersions(RegistryState state) {
        Map<String, StoredContract> served = new LinkedHashMap<>();
        for (StoredContract stored : state.active()) {
            served.merge(RegisteredPorts.slot(stored.portId(), stored.majorVersion()), stored,
                    (kept, candidate) -> candidate.registryVersion() > kept.registryVersion() ? candidate : kept);
        }
        return served;
    }

    /** The stored contracts that parse and name a Flight SQL server; the others are logged and skipped. */
    private static List<PortCandidate> candidates(List<StoredContract> stored) {
        List<PortCandidate> candidates = new ArrayList<>(stored.size());
        for (StoredContract version : stored) {
            try {
                OutputPortContract contract = version.contract();
                PortProber.flightSqlUrl(contract);
                candidates.add(new PortCandidate(contract, version.registryVersion()));
            } catch (ContractValidationException | PorticoException e) {
                LOG.error("the stored contract of port '{}' (registry version {}) cannot be served and is skipped: {}",
                        version.portId(), version.registryVersion(), e.getMessage());
            }
        }
        return candidates;
    }

    private void reportShadowed(StoredContract stored) {
        if (reportedShadows.add(stored.portId() + "@" + stored.registryVersion())) {
            LOG.warn("port '{}' is registered in the store (version {}, registry version {}) but is a local port of"
                    + " this gateway (portico.ports.contracts or the demo mesh); the local contract is served here",
                    stored.portId(), stored.version(), stored.registryVersion());
        }
    }
}

package io.portico.gateway.registry;

import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The set of ports the registry holds and the version of its snapshots. A local port is kept under its id, a
 * stored one under {@link #slot(String, int)} whatever its rank among the port's majors; the key it is served by is
 * worked out when a snapshot or the statuses are taken ({@link ServedPorts}). A local port shadows every stored
 * registration of its id.
 *
 * <p>Not thread-safe: the {@link PortRegistry} guards it with its lock.
 */
final class RegisteredPorts {

    /** Local ports by id, stored ports by {@link #slot(String, int)}. */
    private final Map<String, RegisteredPort> ports = new LinkedHashMap<>();
    private long version;

    /** The key a stored port version is kept under here, whatever its rank among the port's majors. */
    static String slot(String portId, int majorVersion) {
        return PortSnapshot.olderMajorKey(portId, majorVersion);
    }

    /** Whether this gateway serves a local port of that id (which shadows any stored one). */
    boolean isLocal(String portId) {
        RegisteredPort current = ports.get(portId);
        return current != null && current.local();
    }

    /** Registers (or replaces) a local port; it replaces every stored major version of its id. */
    void putLocal(RegisteredPort port) {
        String portId = port.contract().id();
        removeStored(portId);
        ports.put(portId, port);
    }

    /** Registers (or replaces) the version of a stored port's major version. */
    void putStored(RegisteredPort port) {
        ports.put(slot(port.contract().id(), port.majorVersion()), port);
    }

    /** The stored port version kept for a major version of a port, or null. */
    RegisteredPort stored(String portId, int majorVersion) {
        return ports.get(slot(portId, majorVersion));
    }

    /** Removes the port kept under its id (a local port), or returns null. */
    RegisteredPort removeLocal(String portId) {
        return ports.remove(portId);
    }

    /** Removes the stored version of one major version of a port; returns whether one was kept. */
    boolean removeStored(String portId, int majorVersion) {
        return ports.remove(slot(portId, majorVersion)) != null;
    }

    /** Removes every stored major version of a port kept here; returns how many. */
    int removeStored(String portId) {
        int before = ports.size();
        ports.values().removeIf(port -> !port.local() && port.contract().id().equals(portId));
        return before - ports.size();
    }

    /**
     * Removes the stored port versions whose slot is not in {@code active} and that {@code removable} accepts.
     *
     * @return the removed ones
     */
    List<RegisteredPort> removeStoredOutside(Map<String, ?> active, Predicate<RegisteredPort> removable) {
        List<RegisteredPort> removed = new ArrayList<>();
        Iterator<Map.Entry<String, RegisteredPort>> registered = ports.entrySet().iterator();
        while (registered.hasNext()) {
            Map.Entry<String, RegisteredPort> entry = registered.next();
            RegisteredPort port = entry.getValue();
            if (!port.local() && !active.containsKey(entry.getKey()) && removable.test(port)) {
                registered.remove();
                removed.add(port);
            }
        }
        return removed;
    }

    /** The ports that are down, each with the key it is kept under. */
    List<Map.Entry<String, RegisteredPort>> down() {
        return ports.entrySet().stream()
                .filter(entry -> !entry.getValue().status().up())
                .map(entry -> Map.entry(entry.getKey(), entry.getValue()))
                .toList();
    }

    /** Whether {@code port} is still the one kept under {@code key}. */
    boolean holds(String key, RegisteredPort port) {
        return ports.get(key) == port;
    }

    /** Keeps {@code port} under {@code key}, replacing the one kept there. */
    void replace(String key, RegisteredPort port) {
        ports.put(key, port);
    }

    /** A snapshot of the ports as they are now, at a new, higher version. */
    RegistrySnapshot nextSnapshot() {
        version++;
        return currentSnapshot();
    }

    /** A snapshot of the ports as they are now, at the version of the last change. */
    RegistrySnapshot currentSnapshot() {
        return ServedPorts.snapshot(version, ports.values());
    }

    /** Every port, up or down, under the key it is served by ({@link ServedPorts#statuses}). */
    List<PortStatus> statuses() {
        return ServedPorts.statuses(ports.values());
    }
}

package io.portico.gateway.registry;

import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the registered ports are served: the key each is served by (a local port and the highest major of a stored
 * port under the port id, each older major under {@link PortSnapshot#olderMajorKey}), the immutable
 * {@link RegistrySnapshot} of those that are up, and the status of every one.
 */
final class ServedPorts {

    private ServedPorts() {
    }

    /** The snapshot at {@code version} of the ports that are up, each under the key it is served by. */
    static RegistrySnapshot snapshot(long version, Collection<RegisteredPort> ports) {
        Map<String, Integer> highest = highestMajors(ports);
        List<PortSnapshot> live = ports.stream()
                .filter(port -> port.status().up())
                .map(port -> new PortSnapshot(port.contract(), port.liveSchemas(), servedKey(port, highest)))
                .toList();
        return new RegistrySnapshot(version, live);
    }

    /** The status of every port, up or down, under the key it is served by, ordered by domain then key. */
    static List<PortStatus> statuses(Collection<RegisteredPort> ports) {
        Map<String, Integer> highest = highestMajors(ports);
        return ports.stream()
                .map(port -> statusAs(port, servedKey(port, highest)))
                .sorted(Comparator.comparing(PortStatus::domain).thenComparing(PortStatus::portId))
                .toList();
    }

    /** The highest major version registered of each stored port id (up or down). */
    private static Map<String, Integer> highestMajors(Collection<RegisteredPort> ports) {
        Map<String, Integer> highest = new HashMap<>();
        for (RegisteredPort port : ports) {
            if (!port.local()) {
                highest.merge(port.contract().id(), port.majorVersion(), Math::max);
            }
        }
        return highest;
    }

    /** The key a port is served by: its id, or for an older major beside a newer one its older-major key. */
    private static String servedKey(RegisteredPort port, Map<String, Integer> highest) {
        String portId = port.contract().id();
        if (port.local() || port.majorVersion() >= highest.getOrDefault(portId, 0)) {
            return portId;
        }
        return PortSnapshot.olderMajorKey(portId, port.majorVersion());
    }

    private static PortStatus statusAs(RegisteredPort port, String key) {
        PortStatus status = port.status();
        if (status.portId().equals(key)) {
            return status;
        }
        return new PortStatus(key, status.domain(), status.location(), status.state(), status.message(),
                status.since(), status.datasets());
    }
}

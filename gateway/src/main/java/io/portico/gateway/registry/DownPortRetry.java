package io.portico.gateway.registry;

import static java.util.Objects.requireNonNull;

import io.portico.schema.compose.RegistrySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every registered port that is down for its live schemas again ({@link PortRegistry#retryDownPorts}); a port
 * that came up replaces its down entry unless it was replaced or removed meanwhile. Takes the registry's lock, and
 * leaves it while the ports are probed.
 */
final class DownPortRetry {

    /** The registry's log: its lines keep the logger name they always had. */
    private static final Logger LOG = LoggerFactory.getLogger(PortRegistry.class);

    private final Object lock;
    private final RegisteredPorts ports;
    private final PortProber prober;

    DownPortRetry(Object lock, RegisteredPorts ports, PortProber prober) {
        this.lock = requireNonNull(lock, "lock is null");
        this.ports = requireNonNull(ports, "ports is null");
        this.prober = requireNonNull(prober, "prober is null");
    }

    /**
     * What a retry changed.
     *
     * @param cameUp   the status of each port that came up
     * @param snapshot the snapshot with them, to install; null when none came up
     */
    record Retry(List<PortStatus> cameUp, RegistrySnapshot snapshot) {

        static final Retry NONE = new Retry(List.of(), null);
    }

    /** Probes the ports that are down; each one still down is logged, one line per port with the reason. */
    Retry retry() {
        List<Map.Entry<String, RegisteredPort>> down;
        synchronized (lock) {
            down = ports.down();
        }
        if (down.isEmpty()) {
            return Retry.NONE;
        }
        List<RegisteredPort> probed = prober.probeAll(down.stream().map(entry -> entry.getValue().candidate()).toList());
        List<PortStatus> cameUp = new ArrayList<>();
        synchronized (lock) {
            for (int index = 0; index < down.size(); index++) {
                String key = down.get(index).getKey();
                RegisteredPort before = down.get(index).getValue();
                RegisteredPort after = probed.get(index);
                boolean stillRegistered = ports.holds(key, before);
                if (stillRegistered && after.status().up()) {
                    ports.replace(key, after);
                    cameUp.add(after.status());
                } else if (stillRegistered) {
                    PortStatus failed = after.status();
                    LOG.warn("port '{}' ({}) at {} is still down, retried: {}", failed.portId(), failed.domain(),
                            failed.location(), failed.message());
                }
            }
            return cameUp.isEmpty() ? Retry.NONE : new Retry(List.copyOf(cameUp), ports.nextSnapshot());
        }
    }
}

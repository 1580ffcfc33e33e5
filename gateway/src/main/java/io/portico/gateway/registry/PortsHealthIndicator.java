package io.portico.gateway.registry;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code ports} component of {@code /actuator/health}: every registered port with its state and, when down,
 * why. The gateway stays UP while some ports are down (it serves the others), so the component is UP with the
 * down ports listed; it is UNKNOWN while no port is registered.
 */
public final class PortsHealthIndicator implements HealthIndicator {

    private final PortRegistry registry;

    public PortsHealthIndicator(PortRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public Health health() {
        Map<String, Object> ports = new LinkedHashMap<>();
        long down = 0;
        for (PortStatus status : registry.statuses()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("domain", status.domain());
            details.put("location", status.location());
            details.put("state", status.state().name());
            details.put("since", status.since().toString());
            details.put("message", status.message());
            ports.put(status.portId(), details);
            down += status.up() ? 0 : 1;
        }
        Health.Builder health = ports.isEmpty() ? Health.unknown() : Health.up();
        return health.withDetail("down", down).withDetail("ports", ports).build();
    }
}

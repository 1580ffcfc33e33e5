package io.portico.gateway.registry;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.catalog.EndpointHealth;
import io.portico.gateway.catalog.EndpointHealthMonitor;
import io.portico.gateway.port.PortCallGuard;
import io.portico.gateway.port.PortCallState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code ports} component of {@code /actuator/health}: every registered port with its state, its health and,
 * once it was called, its circuit breaker and bulkhead. Whether a port answers is the catalog's endpoint health
 * check ({@link EndpointHealthMonitor}, {@code portico.catalog.health-interval}): the one source of truth, read by
 * the catalog and here alike, so both say DOWN, and UP, of the same port at the same time. A port's {@code health} is
 * <ul>
 *   <li>{@code DOWN} when it is not in the schema (its live schema could not be read), its endpoint did not answer
 *       the last health check, or its breaker is open (calls are refused at once; a check it answers closes the
 *       breaker);</li>
 *   <li>{@code DEGRADED} when its breaker is half open (trial calls only) or its bulkhead is full (further calls
 *       wait or are refused);</li>
 *   <li>{@code UP} otherwise.</li>
 * </ul>
 * The gateway stays UP while some ports are down or degraded (it serves the others), so the component is UP with
 * the counts of down and degraded ports; it is UNKNOWN while no port is registered.
 */
public final class PortsHealthIndicator implements HealthIndicator {

    /** A port's health, as {@code ports.<id>.health} names it. */
    public enum PortHealth { UP, DEGRADED, DOWN }

    private final PortRegistry registry;
    private final PortCallGuard guard;
    private final Function<String, Optional<EndpointHealth>> endpoints;

    /**
     * @param registry  the registered ports
     * @param guard     what guards the calls to them (breaker and bulkhead state)
     * @param endpoints the last health check of a Flight SQL URL, as the catalog shows it
     *                  ({@link EndpointHealthMonitor#health})
     */
    public PortsHealthIndicator(PortRegistry registry, PortCallGuard guard,
            Function<String, Optional<EndpointHealth>> endpoints) {
        this.registry = requireNonNull(registry, "registry is null");
        this.guard = requireNonNull(guard, "guard is null");
        this.endpoints = requireNonNull(endpoints, "endpoints is null");
    }

    @Override
    public Health health() {
        Map<String, Object> ports = new LinkedHashMap<>();
        long down = 0;
        long degraded = 0;
        for (PortStatus status : registry.statuses()) {
            Optional<PortCallState> calls = guard.state(status.portId());
            Optional<EndpointHealth> endpoint = endpoints.apply(status.location());
            PortHealth health = healthOf(status, endpoint, calls);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("domain", status.domain());
            details.put("location", status.location());
            details.put("state", status.state().name());
            details.put("health", health.name());
            details.put("since", status.since().toString());
            details.put("message", status.message());
            endpoint.ifPresent(checked -> details.put("endpoint", endpointDetails(checked)));
            calls.ifPresent(state -> details.put("calls", callDetails(state)));
            ports.put(status.portId(), details);
            down += health == PortHealth.DOWN ? 1 : 0;
            degraded += health == PortHealth.DEGRADED ? 1 : 0;
        }
        Health.Builder health = ports.isEmpty() ? Health.unknown() : Health.up();
        return health.withDetail("down", down).withDetail("degraded", degraded).withDetail("ports", ports).build();
    }

    /** The health of one port from its registry state, its endpoint's last check and, if it was called, its guards. */
    static PortHealth healthOf(PortStatus status, Optional<EndpointHealth> endpoint, Optional<PortCallState> calls) {
        boolean endpointDown = endpoint.map(checked -> checked.state() == EndpointHealth.State.DOWN).orElse(false);
        if (!status.up() || endpointDown || calls.map(PortCallState::breakerOpen).orElse(false)) {
            return PortHealth.DOWN;
        }
        return calls.map(PortCallState::degraded).orElse(false) ? PortHealth.DEGRADED : PortHealth.UP;
    }

    private static Map<String, Object> endpointDetails(EndpointHealth checked) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", checked.state().name());
        details.put("lastCheck", checked.lastCheck() == null ? null : checked.lastCheck().toString());
        details.put("message", checked.message());
        return details;
    }

    private static Map<String, Object> callDetails(PortCallState state) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("breaker", state.breaker());
        details.put("failureRate", state.failureRate() < 0 ? null : state.failureRate());
        details.put("activeCalls", state.activeCalls());
        details.put("maxConcurrentCalls", state.maxConcurrentCalls());
        details.put("timeout", state.timeout().toString());
        details.put("timeoutSource", state.timeoutSource());
        return details;
    }
}

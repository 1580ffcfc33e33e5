package io.portico.gateway.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portico.gateway.registry.PortStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The per-port series and the registry, kept in line on every {@link #update} (a poll, see
 * {@code MetricsConfiguration}):
 * <ul>
 *   <li>{@code portico_port_up} (gauge, tag {@code port}): 1 while the registered port is up (its datasets are in
 *       the schema), 0 while it is down;</li>
 *   <li>a port that is no longer registered (retired here or through another replica) loses every series tagged
 *       with it: {@code port=<id>} (Portico's port and cache meters, this gauge) and {@code name=<id>}
 *       (Resilience4j's), its guards and cache meters are forgotten so that a port published again under the same
 *       id starts afresh.</li>
 * </ul>
 */
final class PortSeries {

    static final String UP = "portico.port.up";
    static final String PORT = "port";

    private final MeterRegistry registry;
    private final Supplier<List<PortStatus>> statuses;
    private final Consumer<String> forget;
    private final Map<String, AtomicInteger> up = new ConcurrentHashMap<>();

    /**
     * @param statuses the registered ports now
     * @param forget   what else holds a port's meters, told when it is no longer registered
     */
    PortSeries(MeterRegistry registry, Supplier<List<PortStatus>> statuses, Consumer<String> forget) {
        this.registry = requireNonNull(registry, "registry is null");
        this.statuses = requireNonNull(statuses, "statuses is null");
        this.forget = requireNonNull(forget, "forget is null");
    }

    /** Reads the registered ports, sets their gauge and removes the series of ports no longer registered. */
    synchronized void update() {
        Map<String, Boolean> registered = new HashMap<>();
        for (PortStatus status : statuses.get()) {
            registered.merge(status.portId(), status.up(), Boolean::logicalOr);
        }
        registered.forEach((portId, isUp) -> up.computeIfAbsent(portId, this::gauge).set(isUp ? 1 : 0));
        for (String portId : List.copyOf(up.keySet())) {
            if (!registered.containsKey(portId)) {
                retired(portId);
            }
        }
    }

    private AtomicInteger gauge(String portId) {
        AtomicInteger state = new AtomicInteger();
        Gauge.builder(UP, state, AtomicInteger::get)
                .description("1 while the registered port is up (its datasets are served), 0 while it is down")
                .tag(PORT, portId).register(registry);
        return state;
    }

    private void retired(String portId) {
        up.remove(portId);
        forget.accept(portId);
        for (Meter meter : List.copyOf(registry.getMeters())) {
            Meter.Id id = meter.getId();
            boolean ours = id.getName().startsWith("portico.") && portId.equals(id.getTag(PORT));
            boolean resilience = id.getName().startsWith("resilience4j.") && portId.equals(id.getTag("name"));
            if (ours || resilience) {
                registry.remove(meter);
            }
        }
    }
}

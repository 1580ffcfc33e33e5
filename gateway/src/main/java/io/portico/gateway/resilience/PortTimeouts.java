package io.portico.gateway.resilience;

import static java.util.Objects.requireNonNull;

import io.portico.schema.contract.OutputPortContract;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * How long a call to each port may take: the port's {@code portico.resilience.ports.<id>.call-timeout}, else its
 * contract's SLA latency ({@link SlaTimeout}, unless {@code portico.resilience.sla-timeouts} is off), else
 * {@code portico.ports.call-timeout}.
 */
final class PortTimeouts {

    static final String CONFIGURATION = "configuration";
    static final String SLA = "contract SLA";
    static final String DEFAULT = "default";

    private final ResilienceProperties settings;
    private final Duration defaultTimeout;
    private final Function<String, Optional<OutputPortContract>> contracts;

    /**
     * @param settings       the resilience settings (overrides per port)
     * @param defaultTimeout the timeout of a port without an override or SLA
     * @param contracts      the registered contract of a port id, when there is one
     */
    PortTimeouts(ResilienceProperties settings, Duration defaultTimeout,
            Function<String, Optional<OutputPortContract>> contracts) {
        this.settings = requireNonNull(settings, "settings is null");
        this.defaultTimeout = requireNonNull(defaultTimeout, "defaultTimeout is null");
        this.contracts = requireNonNull(contracts, "contracts is null");
    }

    /** The timeout of calls to {@code portId} and where it comes from. */
    Timeout of(String portId) {
        Duration configured = settings.port(portId).callTimeout();
        if (configured != null) {
            return new Timeout(configured, CONFIGURATION);
        }
        if (settings.slaTimeouts()) {
            Optional<Duration> sla = contracts.apply(portId).flatMap(SlaTimeout::of);
            if (sla.isPresent()) {
                return new Timeout(sla.get(), SLA);
            }
        }
        return new Timeout(defaultTimeout, DEFAULT);
    }

    /**
     * @param duration how long a call may take, from its start to its last batch, retries included
     * @param source   {@value #CONFIGURATION}, {@value #SLA} or {@value #DEFAULT}
     */
    record Timeout(Duration duration, String source) {

        Timeout {
            requireNonNull(duration, "duration is null");
            requireNonNull(source, "source is null");
        }
    }
}

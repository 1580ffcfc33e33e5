package io.portico.gateway.resilience;

import static io.portico.gateway.config.PropertyChecks.requireAtLeast;
import static io.portico.gateway.config.PropertyChecks.requirePositive;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway guards its calls to each output port: timeouts, circuit breakers, bulkheads, retries; under
 * {@code portico.resilience} (see {@code io.portico.gateway.resilience} and docs/resilience.md). Every port gets its own circuit breaker, bulkhead and retry, so a failing or slow port
 * costs only the parts of a query that need it. A call's timeout is, in order: {@code ports.<id>.call-timeout},
 * the contract's SLA {@code latency} when given in ms, s or min (with {@code slaTimeouts}),
 * {@code portico.ports.call-timeout}.
 *
 * @param maxConcurrentCalls   the bulkhead: the most calls running at one port at once
 * @param maxWait              how long a call waits for a place in a full bulkhead before it fails
 *                             ({@code PORT_UNAVAILABLE})
 * @param retryAttempts        how many times in all a call is tried when the port cannot be reached
 *                             ({@code PORT_UNAVAILABLE}) before it sent any data; 1 turns retries off. A call
 *                             is never retried once data arrived, nor past its timeout
 * @param retryWait            the pause before a retry
 * @param failureRateThreshold the percentage of failed calls (unreachable, timed out, port errors) in the
 *                             breaker's window at which it opens
 * @param slidingWindow        how many of the latest calls the breaker judges
 * @param minimumCalls         how many calls the window must hold before the breaker judges
 * @param openDuration         how long an open breaker refuses calls ({@code PORT_UNAVAILABLE}, at once)
 *                             before it lets trial calls through
 * @param halfOpenCalls        how many trial calls a half-open breaker lets through to decide
 * @param slaTimeouts          take a port's timeout from its contract's SLA {@code latency}
 * @param ports                overrides by port id (e.g. {@code sales-orders-port})
 */
@ConfigurationProperties("portico.resilience")
public record ResilienceProperties(
        @DefaultValue("32") int maxConcurrentCalls,
        @DefaultValue("100ms") Duration maxWait,
        @DefaultValue("2") int retryAttempts,
        @DefaultValue("100ms") Duration retryWait,
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("20") int slidingWindow,
        @DefaultValue("10") int minimumCalls,
        @DefaultValue("10s") Duration openDuration,
        @DefaultValue("3") int halfOpenCalls,
        @DefaultValue("true") boolean slaTimeouts,
        @DefaultValue Map<String, Port> ports) {

    public ResilienceProperties {
        requireAtLeast(maxConcurrentCalls, 1, "portico.resilience.max-concurrent-calls");
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("portico.resilience.max-wait must not be negative, was " + maxWait);
        }
        requireAtLeast(retryAttempts, 1, "portico.resilience.retry-attempts");
        requirePositive(retryWait, "portico.resilience.retry-wait");
        if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
            throw new IllegalArgumentException("portico.resilience.failure-rate-threshold must be a percentage"
                    + " above 0 and at most 100, was " + failureRateThreshold);
        }
        requireAtLeast(slidingWindow, 1, "portico.resilience.sliding-window");
        requireAtLeast(minimumCalls, 1, "portico.resilience.minimum-calls");
        requirePositive(openDuration, "portico.resilience.open-duration");
        requireAtLeast(halfOpenCalls, 1, "portico.resilience.half-open-calls");
        ports = Map.copyOf(ports);
    }

    /** The overrides of one port (empty when it has none). */
    public Port port(String portId) {
        return ports.getOrDefault(portId, Port.NONE);
    }

    /**
     * What one port gets instead of the defaults; an unset value keeps the default.
     *
     * @param callTimeout        how long one statement at this port may take (wins over the contract's SLA)
     * @param maxConcurrentCalls the most calls running at this port at once
     */
    public record Port(Duration callTimeout, Integer maxConcurrentCalls) {

        static final Port NONE = new Port(null, null);

        public Port {
            if (callTimeout != null) {
                requirePositive(callTimeout, "portico.resilience.ports.<id>.call-timeout");
            }
            if (maxConcurrentCalls != null) {
                requireAtLeast(maxConcurrentCalls, 1, "portico.resilience.ports.<id>.max-concurrent-calls");
            }
        }
    }
}


package io.portico.gateway.port;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the calls to one port fare, as its guard sees them.
 *
 * @param breaker            the circuit breaker's state: {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, ...
 * @param failureRate        the percentage of failed calls in the breaker's window, or -1 while it holds too few
 * @param activeCalls        the calls running at the port now
 * @param maxConcurrentCalls the most calls the bulkhead lets run at the port at once
 * @param timeout            how long one call may take
 * @param timeoutSource      where the timeout comes from: {@code configuration}, {@code contract SLA} or
 *                           {@code default}
 */
public record PortCallState(
        String breaker, float failureRate, int activeCalls, int maxConcurrentCalls, Duration timeout,
        String timeoutSource) {

    public PortCallState {
        requireNonNull(breaker, "breaker is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(timeoutSource, "timeoutSource is null");
    }

    /** The breaker rejects calls: the port is treated as down until it lets trial calls through again. */
    public boolean breakerOpen() {
        return breaker.equals("OPEN") || breaker.equals("FORCED_OPEN");
    }

    /** The breaker lets a few trial calls through, or the bulkhead is full: calls may be refused. */
    public boolean degraded() {
        return breaker.equals("HALF_OPEN") || activeCalls >= maxConcurrentCalls;
    }
}

package io.portico.gateway.port;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What guards the query calls of the gateway to its output ports: how long a call may take, whether it may start
 * now (circuit breaker, bulkhead), and whether a failed attempt is tried again. The gateway's guard is
 * {@code io.portico.gateway.resilience.PortResilience}; {@link #timeoutOnly} guards with a fixed timeout alone.
 *
 * <p>A guard never swallows a failure: it answers the call's result or throws a {@link PortFailure} naming the port.
 */
public interface PortCallGuard {

    /**
     * Runs a call at a port under the port's guards.
     *
     * @param portId   the port's id (as the schema binds it), the unit of every guard
     * @param location where the port is called
     * @param call     one attempt of the call; called once, or again only for a retry
     * @throws PortFailure when the port failed, timed out, or the guard would not let the call start
     */
    <T> T guard(String portId, URI location, GuardedCall<T> call);

    /** How calls to the port fare now, or empty when the guard keeps no state of it (never called, or no state). */
    default Optional<PortCallState> state(String portId) {
        return Optional.empty();
    }

    /**
     * The port at {@code location} just answered a call made outside the guard (a successful publication's or
     * registration's schema read, a health check): calls to it may start again at once. A guard whose circuit
     * breaker for that port is open (or half open) closes it; the default keeps no state and does nothing.
     */
    default void portAnswered(URI location) {
    }

    /** A guard that gives every call {@code timeout} and nothing else: no breaker, no bulkhead, no retry. */
    static PortCallGuard timeoutOnly(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        return new PortCallGuard() {
            @Override
            public <T> T guard(String portId, URI location, GuardedCall<T> call) {
                return call.attempt(PortCallAttempt.within(timeout));
            }
        };
    }

    /** One attempt of a guarded call. */
    @FunctionalInterface
    interface GuardedCall<T> {

        /**
         * @param attempt the attempt's deadline, and where it records the batches it reads
         * @throws PortFailure when the port failed
         */
        T attempt(PortCallAttempt attempt);
    }
}

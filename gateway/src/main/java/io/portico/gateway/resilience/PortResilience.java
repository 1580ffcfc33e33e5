package io.portico.gateway.resilience;

import static java.util.Objects.requireNonNull;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.portico.gateway.port.PortCallAttempt;
import io.portico.gateway.port.PortCallGuard;
import io.portico.gateway.port.PortCallState;
import io.portico.gateway.port.PortFailure;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's guard of its calls to output ports (Resilience4j), one set of guards per port id:
 * <ul>
 *   <li>a <b>timeout</b> ({@link PortTimeouts}) for the whole call, retries included: the gRPC deadline of every
 *       Flight RPC of the call, so when it passes the port's stream is cancelled, the reading thread is released
 *       and the call's Arrow memory is closed; the call fails with {@code PORT_TIMEOUT};</li>
 *   <li>a <b>circuit breaker</b> that counts calls failing with {@code PORT_UNAVAILABLE}, {@code PORT_TIMEOUT} or
 *       {@code PORT_ERROR} (a drifted schema or a refused statement says nothing about the port's health) and, open,
 *       refuses calls at once with {@code PORT_UNAVAILABLE};</li>
 *   <li>a <b>bulkhead</b>: at most so many calls run at the port at once; a call that finds it full waits a little,
 *       then fails with {@code PORT_UNAVAILABLE}, so one slow port cannot hold every request of the gateway;</li>
 *   <li>a <b>retry</b> of a call that failed with {@code PORT_UNAVAILABLE} before the port sent any batch, while
 *       the timeout leaves room for it; never once data arrived.</li>
 * </ul>
 * Every call is measured ({@link PortMeters}); {@link #state} tells the health indicator how each port fares.
 *
 * <p>Nothing here serializes the calls to a port: the breaker's window is lock-free, the bulkhead a semaphore.
 *
 * <p>The TimeLimiter of Resilience4j is not used: it would need a second thread per call and could only interrupt
 * the blocked reader, while the gRPC deadline cancels the stream at both ends.
 */
public final class PortResilience implements PortCallGuard {

    private static final Logger LOG = LoggerFactory.getLogger(PortResilience.class);
    private static final Set<ErrorCode> BREAKER_FAILURES =
            Set.of(ErrorCode.PORT_UNAVAILABLE, ErrorCode.PORT_TIMEOUT, ErrorCode.PORT_ERROR);

    private final ResilienceProperties settings;
    private final PortTimeouts timeouts;
    private final MeterRegistry meters;
    private final CircuitBreakerRegistry breakers;
    private final BulkheadRegistry bulkheads;
    private final RetryRegistry retries;
    private final Map<String, Guards> guards = new ConcurrentHashMap<>();
    /** Where each guarded port was last called: what {@link #portAnswered} matches. */
    private final Map<String, URI> locations = new ConcurrentHashMap<>();

    /**
     * @param settings       the resilience settings
     * @param defaultTimeout the call timeout of a port without an override or an SLA latency
     * @param contracts      the registered contract of a port id (for its SLA)
     * @param meters         where the per-port meters go
     * @param clock          the breakers' clock (when an open breaker lets trial calls through)
     */
    public PortResilience(ResilienceProperties settings, Duration defaultTimeout,
            Function<String, Optional<OutputPortContract>> contracts, MeterRegistry meters, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.timeouts = new PortTimeouts(settings, defaultTimeout, contracts);
        this.meters = requireNonNull(meters, "meters is null");
        this.breakers = CircuitBreakerRegistry.of(breakerConfig(settings, requireNonNull(clock, "clock is null")));
        this.bulkheads = BulkheadRegistry.of(bulkheadConfig(settings.maxConcurrentCalls()));
        this.retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(settings.retryAttempts())
                .waitDuration(settings.retryWait())
                .retryOnException(RetryableFailure.class::isInstance)
                .failAfterMaxAttempts(false)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    }

    @Override
    public <T> T guard(String portId, URI location, GuardedCall<T> call) {
        Guards port = guards(portId);
        locations.put(portId, location);
        PortTimeouts.Timeout timeout = timeouts.of(portId);
        long started = System.nanoTime();
        long deadline = started + timeout.duration().toNanos();
        try {
            T result = port.retry().executeSupplier(() -> attempt(portId, port, deadline, call));
            port.meters().succeeded(System.nanoTime() - started);
            return result;
        } catch (RetryableFailure retried) {
            throw failed(port, started, explained(retried.failure(), timeout));
        } catch (PortFailure failure) {
            throw failed(port, started, explained(failure, timeout));
        } catch (PorticoException failure) {
            port.meters().failed(failure.code(), System.nanoTime() - started);
            throw failure;
        } catch (RuntimeException failure) {
            port.meters().failed(ErrorCode.INTERNAL, System.nanoTime() - started);
            throw failure;
        }
    }

    @Override
    public Optional<PortCallState> state(String portId) {
        Guards port = guards.get(portId);
        if (port == null) {
            return Optional.empty();
        }
        PortTimeouts.Timeout timeout = timeouts.of(portId);
        int max = port.bulkhead().getBulkheadConfig().getMaxConcurrentCalls();
        return Optional.of(new PortCallState(port.breaker().getState().name(),
                port.breaker().getMetrics().getFailureRate(),
                max - port.bulkhead().getMetrics().getAvailableConcurrentCalls(), max,
                timeout.duration(), timeout.source()));
    }

    /**
     * Closes the breaker of every port called at {@code location} that is open or half open: the port answered
     * (it was restarted, published again, or a health check reached it), so refusing its calls until the open
     * state's wait ends would only refuse answers it can give. Its failure window starts afresh.
     */
    @Override
    public void portAnswered(URI location) {
        requireNonNull(location, "location is null");
        locations.forEach((portId, calledAt) -> {
            Guards port = guards.get(portId);
            if (port == null || !calledAt.equals(location)) {
                return;
            }
            CircuitBreaker.State state = port.breaker().getState();
            if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.HALF_OPEN) {
                port.breaker().transitionToClosedState();
                LOG.info("port '{}' answered again; its circuit breaker, {}, is closed", portId, state);
            }
        });
    }

    /**
     * Forgets a port that is no longer registered: its breaker, bulkhead and retry (whose Resilience4j meters go
     * with them) and its own meters. A port published again under the same id starts afresh.
     */
    public void forget(String portId) {
        Guards port = guards.remove(portId);
        locations.remove(portId);
        if (port == null) {
            return;
        }
        breakers.remove(portId);
        bulkheads.remove(portId);
        retries.remove(portId);
        port.meters().remove();
    }

    /** The breaker of a port, for tests and operators; created on first use. */
    CircuitBreaker breaker(String portId) {
        return guards(portId).breaker();
    }

    private <T> T attempt(String portId, Guards port, long deadline, GuardedCall<T> call) {
        if (!port.breaker().tryAcquirePermission()) {
            throw breakerOpen(portId, port.breaker());
        }
        if (!port.bulkhead().tryAcquirePermission()) {
            port.breaker().releasePermission();
            throw bulkheadFull(portId, port.bulkhead());
        }
        long started = System.nanoTime();
        PortCallAttempt attempt = new PortCallAttempt(deadline);
        try {
            T result = call.attempt(attempt);
            port.breaker().onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return result;
        } catch (RuntimeException failure) {
            port.breaker().onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, failure);
            if (failure instanceof PortFailure portFailure && retryable(portFailure, attempt, deadline)) {
                throw new RetryableFailure(portFailure);
            }
            throw failure;
        } finally {
            port.bulkhead().onComplete();
            port.meters().received(attempt.rows(), attempt.bytes());
        }
    }

    /** Unreachable before any data arrived, with time left for a pause and another attempt. */
    private boolean retryable(PortFailure failure, PortCallAttempt attempt, long deadline) {
        return failure.code() == ErrorCode.PORT_UNAVAILABLE
                && !attempt.dataArrived()
                && deadline - System.nanoTime() > settings.retryWait().toNanos();
    }

    private static PortFailure failed(Guards port, long started, PortFailure failure) {
        port.meters().failed(failure.code(), System.nanoTime() - started);
        return failure;
    }

    /** A timeout says how long the port was given and why. */
    private static PortFailure explained(PortFailure failure, PortTimeouts.Timeout timeout) {
        if (failure.code() != ErrorCode.PORT_TIMEOUT) {
            return failure;
        }
        return new PortFailure(ErrorCode.PORT_TIMEOUT, failure.portId(), failure.getMessage() + " The gateway gives"
                + " this port " + describe(timeout.duration()) + " per call (" + timeout.source() + ").", failure);
    }

    private PortFailure breakerOpen(String portId, CircuitBreaker breaker) {
        float rate = breaker.getMetrics().getFailureRate();
        return new PortFailure(ErrorCode.PORT_UNAVAILABLE, portId, "port '" + portId + "'"
                + " was not called: its circuit breaker is open"
                + (rate >= 0 ? " after " + Math.round(rate) + " % of its latest calls failed" : "")
                + "; the gateway lets a trial call through within " + describe(settings.openDuration())
                + ". Retry later; if it persists, ask the team that owns the port to check that it is running.");
    }

    private PortFailure bulkheadFull(String portId, Bulkhead bulkhead) {
        return new PortFailure(ErrorCode.PORT_UNAVAILABLE, portId, "port '" + portId + "'"
                + " already has " + bulkhead.getBulkheadConfig().getMaxConcurrentCalls() + " calls running, the most"
                + " the gateway lets run at one port, and none finished within "
                + describe(bulkhead.getBulkheadConfig().getMaxWaitDuration())
                + ". Retry shortly; if it persists, the port is too slow for its load"
                + " (portico.resilience.max-concurrent-calls).");
    }

    private Guards guards(String portId) {
        return guards.computeIfAbsent(portId, this::newGuards);
    }

    private Guards newGuards(String portId) {
        Integer maxCalls = settings.port(portId).maxConcurrentCalls();
        Bulkhead bulkhead = maxCalls == null ? bulkheads.bulkhead(portId)
                : bulkheads.bulkhead(portId, bulkheadConfig(maxCalls));
        PortMeters portMeters = new PortMeters(meters, portId, bulkhead, PortResilience::saturation);
        return new Guards(breakers.circuitBreaker(portId), bulkhead, retries.retry(portId), portMeters);
    }

    private static double saturation(Bulkhead bulkhead) {
        int max = bulkhead.getBulkheadConfig().getMaxConcurrentCalls();
        return (double) (max - bulkhead.getMetrics().getAvailableConcurrentCalls()) / max;
    }

    private BulkheadConfig bulkheadConfig(int maxConcurrentCalls) {
        return BulkheadConfig.custom()
                .maxConcurrentCalls(maxConcurrentCalls)
                .maxWaitDuration(settings.maxWait())
                .build();
    }

    private static CircuitBreakerConfig breakerConfig(ResilienceProperties settings, Clock clock) {
        return CircuitBreakerConfig.custom()
                .slidingWindow(settings.slidingWindow(), settings.minimumCalls(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED,
                        CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.LOCK_FREE)
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .recordException(PortResilience::countsAgainstThePort)
                .ignoreException(failure -> !countsAgainstThePort(failure))
                .clock(clock)
                .build();
    }

    private static boolean countsAgainstThePort(Throwable failure) {
        return failure instanceof PortFailure portFailure && BREAKER_FAILURES.contains(portFailure.code());
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private record Guards(CircuitBreaker breaker, Bulkhead bulkhead, Retry retry, PortMeters meters) {
    }

    /** A failure the retry may try again; never leaves this class. */
    private static final class RetryableFailure extends RuntimeException {

        private final PortFailure failure;

        RetryableFailure(PortFailure failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }

        PortFailure failure() {
            return failure;
        }
    }
}

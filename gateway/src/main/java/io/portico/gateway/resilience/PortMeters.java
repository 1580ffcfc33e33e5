package io.portico.gateway.resilience;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.portico.schema.error.ErrorCode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The Micrometer meters of the calls to one port, all tagged {@code port=<id>}:
 * <ul>
 *   <li>{@code portico.port.calls} (timer, tag {@code outcome}: {@code success} or the error code): how long calls
 *       took, retries included;</li>
 *   <li>{@code portico.port.errors} (counter, tag {@code code}): failed calls by error code;</li>
 *   <li>{@code portico.port.rows}, {@code portico.port.bytes} (counters): what the port sent, in rows and in bytes
 *       of Arrow buffers, failed attempts included;</li>
 *   <li>{@code portico.port.bulkhead.saturation} (gauge, 0 to 1): the share of the port's bulkhead in use.</li>
 * </ul>
 * The breaker's state and the bulkhead's permits are also published by Resilience4j's own meters
 * ({@code resilience4j.circuitbreaker.state}, {@code resilience4j.bulkhead.available.concurrent.calls}, ...,
 * tagged {@code name=<port id>}).
 */
final class PortMeters {

    static final String CALLS = "portico.port.calls";
    static final String ERRORS = "portico.port.errors";
    static final String ROWS = "portico.port.rows";
    static final String BYTES = "portico.port.bytes";
    static final String BULKHEAD_SATURATION = "portico.port.bulkhead.saturation";
    static final String PORT = "port";
    static final String SUCCESS = "success";

    private final MeterRegistry registry;
    private final String portId;
    private final Timer successes;
    private final Counter rows;
    private final Counter bytes;
    private final Map<ErrorCode, Failures> failures = new ConcurrentHashMap<>();

    /**
     * @param saturationOf the state the saturation gauge reads (held weakly by Micrometer, so keep it referenced)
     * @param saturation   the bulkhead saturation of that state, 0 to 1
     */
    <S> PortMeters(MeterRegistry registry, String portId, S saturationOf, ToDoubleFunction<S> saturation) {
        this.registry = requireNonNull(registry, "registry is null");
        this.portId = requireNonNull(portId, "portId is null");
        this.successes = timer(SUCCESS);
        this.rows = Counter.builder(ROWS).description("rows the port sent").tag(PORT, portId).register(registry);
        this.bytes = Counter.builder(BYTES).description("bytes of Arrow buffers the port sent").baseUnit("bytes")
                .tag(PORT, portId).register(registry);
        Gauge.builder(BULKHEAD_SATURATION, saturationOf, saturation)
                .description("share of the port's bulkhead in use (1: further calls wait or are refused)")
                .tag(PORT, portId).register(registry);
    }

    void succeeded(long nanos) {
        successes.record(nanos, TimeUnit.NANOSECONDS);
    }

    void failed(ErrorCode code, long nanos) {
        Failures meters = failures.computeIfAbsent(code, this::failures);
        meters.timer().record(nanos, TimeUnit.NANOSECONDS);
        meters.counter().increment();
    }

    void received(long rowCount, long byteCount) {
        if (rowCount > 0) {
            rows.increment(rowCount);
        }
        if (byteCount > 0) {
            bytes.increment(byteCount);
        }
    }

    /** Removes every meter of this port from the registry. */
    void remove() {
        for (String name : java.util.List.of(CALLS, ERRORS, ROWS, BYTES, BULKHEAD_SATURATION)) {
            registry.find(name).tag(PORT, portId).meters().forEach(registry::remove);
        }
    }

    private Failures failures(ErrorCode code) {
        return new Failures(timer(code.name()), Counter.builder(ERRORS).description("failed calls by error code")
                .tag(PORT, portId).tag("code", code.name()).register(registry));
    }

    private Timer timer(String outcome) {
        return Timer.builder(CALLS).description("calls to the port, retries included")
                .tag(PORT, portId).tag("outcome", outcome).register(registry);
    }

    private record Failures(Timer timer, Counter counter) {
    }
}

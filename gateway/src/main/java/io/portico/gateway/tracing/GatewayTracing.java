package io.portico.gateway.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.portico.flight.tracing.PortTracing;
import java.util.concurrent.ExecutorService;

/**
 * The gateway's own spans (docs/operations.md#tracing), beside those Spring Boot makes for each HTTP request: port
 * calls ({@link TracingPortReader}), GraphQL parse, validation and execution ({@link GraphQlSpans}), JSON writing,
 * Flight SQL statements. On when Spring Boot's tracing is ({@code management.tracing.export.enabled=true}); off, no
 * span is made, no executor is wrapped and no reader is decorated, so tracing off costs a null check.
 */
public final class GatewayTracing {

    /** No tracing. */
    public static final GatewayTracing OFF = new GatewayTracing(null, PortTracing.OFF);

    private static final String SCOPE = "io.portico.gateway";

    private final Tracer tracer;
    private final PortTracing ports;

    private GatewayTracing(Tracer tracer, PortTracing ports) {
        this.tracer = tracer;
        this.ports = ports;
    }

    /** Spans made with {@code openTelemetry}'s tracer provider, by the gateway and by the ports in its JVM. */
    public static GatewayTracing of(OpenTelemetry openTelemetry) {
        return new GatewayTracing(openTelemetry.getTracer(SCOPE), PortTracing.of(openTelemetry));
    }

    public boolean enabled() {
        return tracer != null;
    }

    /** The tracing of the ports started in this JVM (the demo mesh) and of the gateway's Flight SQL endpoint. */
    public PortTracing ports() {
        return ports;
    }

    /** A span under the span current on this thread; the invalid span when tracing is off. */
    public Span start(String name) {
        return tracer == null ? Span.getInvalid() : tracer.spanBuilder(name).startSpan();
    }

    /** A span under {@code parent}; the invalid span when tracing is off. */
    public Span start(String name, Context parent) {
        return tracer == null ? Span.getInvalid() : tracer.spanBuilder(name).setParent(parent).startSpan();
    }

    /** {@code executor}, each task run in the trace context it was submitted in (itself when tracing is off). */
    public ExecutorService propagating(ExecutorService executor) {
        return tracer == null ? executor : Context.taskWrapping(executor);
    }

    /** Marks {@code span} failed: the failure's type and message, never its stack trace. */
    public static void failed(Span span, Throwable failure) {
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }
}

package io.portico.flight.tracing;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.arrow.flight.FlightProducer.CallContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spans a Flight SQL server (an output port, the gateway's endpoint) makes, continuing the trace each call
 * arrived with ({@link TraceContextMiddleware}). Off ({@link #OFF}) unless given an {@link OpenTelemetry}: then no
 * span is made and a call costs one null check.
 *
 * <p>A port started on its own ({@code FlightPortMain}) is configured the standard OpenTelemetry way
 * ({@link #fromEnvironment}): tracing is on when {@code OTEL_EXPORTER_OTLP_ENDPOINT},
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} or {@code OTEL_TRACES_EXPORTER} is set (or their {@code otel.*} system
 * properties), with the sampler of {@code OTEL_TRACES_SAMPLER} / {@code OTEL_TRACES_SAMPLER_ARG} (default: follow the
 * caller's decision, sample every trace that starts here) and {@code OTEL_SERVICE_NAME}. Spans go over OTLP/HTTP
 * ({@code http/protobuf}, a collector's port 4318); {@code OTEL_EXPORTER_OTLP_PROTOCOL=grpc} is not supported.
 */
public final class PortTracing {

    private static final Logger LOG = LoggerFactory.getLogger(PortTracing.class);
    private static final String SCOPE = "io.portico.flight";

    /** No tracing. */
    public static final PortTracing OFF = new PortTracing(null);

    /**
     * What a port sets unless the environment says otherwise: traces only, over OTLP/HTTP (port 4318; the port ships
     * the JDK's HTTP sender, not a gRPC one).
     */
    private static final Map<String, String> DEFAULTS = Map.of("otel.metrics.exporter", "none",
            "otel.logs.exporter", "none", "otel.service.name", "portico-port",
            "otel.exporter.otlp.protocol", "http/protobuf");

    private static volatile PortTracing fromEnvironment;

    private final Tracer tracer;

    private PortTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Spans made with {@code openTelemetry}'s tracer provider. */
    public static PortTracing of(OpenTelemetry openTelemetry) {
        return new PortTracing(requireNonNull(openTelemetry, "openTelemetry is null").getTracer(SCOPE));
    }

    /**
     * The tracing the OTel environment variables and system properties configure, built once per process; {@link #OFF}
     * when none of them asks for an exporter.
     */
    public static PortTracing fromEnvironment() {
        PortTracing tracing = fromEnvironment;
        if (tracing != null) {
            return tracing;
        }
        synchronized (PortTracing.class) {
            if (fromEnvironment == null) {
                fromEnvironment = configured(System.getenv(), System::getProperty);
            }
            return fromEnvironment;
        }
    }

    static PortTracing configured(Map<String, String> environment, Function<String, String> systemProperties) {
        boolean asked = false;
        for (String variable : new String[] {"OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                "OTEL_TRACES_EXPORTER"}) {
            String property = variable.toLowerCase(Locale.ROOT).replace('_', '.');
            asked |= environment.get(variable) != null || systemProperties.apply(property) != null;
        }
        if (!asked) {
            return OFF;
        }
        Map<String, String> given = new java.util.HashMap<>();
        environment.forEach((variable, value) -> {
            if (variable.startsWith("OTEL_")) {
                given.put(variable.toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        OpenTelemetry openTelemetry = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> DEFAULTS)
                .addPropertiesCustomizer(config -> given)
                .build()
                .getOpenTelemetrySdk();
        LOG.info("tracing on: spans are exported as the OTEL_* environment says");
        return of(openTelemetry);
    }

    /** Whether spans are made at all. */
    public boolean enabled() {
        return tracer != null;
    }

    /** The middleware that reads each call's trace context; add it to the server with {@link TraceContextMiddleware#KEY}. */
    public TraceContextMiddleware.Factory middleware() {
        return new TraceContextMiddleware.Factory();
    }

    /** The trace context {@code call} arrived with; the root context when it came with none or has no middleware. */
    public static Context parentOf(CallContext call) {
        TraceContextMiddleware middleware = call == null ? null : call.getMiddleware(TraceContextMiddleware.KEY);
        return middleware == null ? Context.root() : middleware.context();
    }

    /** A server span (the one of a call) under {@code parent}, or the invalid span when tracing is off. */
    public Span serverSpan(String name, Context parent) {
        if (tracer == null) {
            return Span.getInvalid();
        }
        return tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.SERVER).startSpan();
    }

    /** An internal span under the span current on this thread, or the invalid span when tracing is off. */
    public Span span(String name) {
        if (tracer == null) {
            return Span.getInvalid();
        }
        return tracer.spanBuilder(name).startSpan();
    }

    /** Marks {@code span} failed with {@code failure} (its message only: no stack trace leaves the process). */
    public static void failed(Span span, Throwable failure) {
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }
}

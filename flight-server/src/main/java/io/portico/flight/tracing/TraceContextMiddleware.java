package io.portico.flight.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

/**
 * The trace context a Flight call arrived with: its W3C {@code traceparent} (and {@code tracestate}) header,
 * read once when the call starts. A producer asks for it with {@link PortTracing#parentOf}; a call without the header
 * (or with a malformed one) has the root context, so its spans start a trace of their own.
 */
public final class TraceContextMiddleware implements FlightServerMiddleware {

    /** The middleware's key on a Flight server. */
    public static final Key<TraceContextMiddleware> KEY = Key.of("portico-trace-context");

    private static final TextMapGetter<CallHeaders> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(CallHeaders carrier) {
            return carrier.keys();
        }

        @Override
        public String get(CallHeaders carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Context context;

    private TraceContextMiddleware(Context context) {
        this.context = context;
    }

    /** The context the call continues: the caller's span as the parent, or the root context. */
    public Context context() {
        return context;
    }

    @Override
    public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {
    }

    @Override
    public void onCallCompleted(CallStatus status) {
    }

    @Override
    public void onCallErrored(Throwable err) {
    }

    /** Reads the context of every call. */
    public static final class Factory implements FlightServerMiddleware.Factory<TraceContextMiddleware> {

        @Override
        public TraceContextMiddleware onCallStarted(CallInfo info, CallHeaders incomingHeaders,
                RequestContext context) {
            return new TraceContextMiddleware(W3CTraceContextPropagator.getInstance()
                    .extract(Context.root(), incomingHeaders, HEADERS));
        }
    }
}

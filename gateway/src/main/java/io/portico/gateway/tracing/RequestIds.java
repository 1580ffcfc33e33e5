package io.portico.gateway.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.UUID;

/**
 * The ids a request is found by. Its <em>request id</em> (its audit event's, its {@code X-Request-Id} response
 * header's, its logs') is always made here, a random UUID: nothing a client sends chooses it, so no two audit events
 * share one. Its <em>trace id</em> is the trace its spans belong to when tracing is on; a client's
 * {@code traceparent} may choose that one (it continues the client's trace), which is why it is kept beside the
 * request id and never taken for it.
 */
public final class RequestIds {

    /** The name of the request attribute holding the request's trace id, when it has one. */
    public static final String TRACE_ID_ATTRIBUTE = RequestIds.class.getName() + ".traceId";

    private RequestIds() {
    }

    /** A new request's id. */
    public static String next() {
        return UUID.randomUUID().toString();
    }

    /** The trace id of the span current on this thread, or {@code null} when there is none (tracing off). */
    public static String currentTraceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}

package io.portico.gateway.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.UUID;

/**
 * The id of a request, the one its audit event, its {@code X-Request-Id} response header and its logs carry: the
 * trace id of the request's span when tracing is on (so the audit trail leads straight to the trace), else a random
 * UUID.
 */
public final class RequestIds {

    private RequestIds() {
    }

    /** A new request's id, from the span current on this thread if there is one. */
    public static String next() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : UUID.randomUUID().toString();
    }
}

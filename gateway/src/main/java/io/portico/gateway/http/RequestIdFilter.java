package io.portico.gateway.http;

import io.portico.gateway.tracing.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every HTTP request its id ({@link RequestIds#next}) and answers it in the {@code X-Request-Id} header, set
 * before anything else runs, so refusals (401, 403, 413...) and errors carry it too; with tracing on, the request's
 * trace id is answered in {@code X-Trace-Id} and kept in the {@link RequestIds#TRACE_ID_ATTRIBUTE} attribute. The
 * GraphQL endpoint records both in the request's audit event ({@link #requestIdOf}). A client's own
 * {@code X-Request-Id} is not taken, nor is its {@code traceparent}'s trace id taken for the request id: an id the
 * audit trail is searched by is the gateway's, one per request.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String TRACE_HEADER = "X-Trace-Id";
    static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = RequestIds.next();
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        String traceId = RequestIds.currentTraceId();
        if (traceId != null) {
            request.setAttribute(RequestIds.TRACE_ID_ATTRIBUTE, traceId);
            response.setHeader(TRACE_HEADER, traceId);
        }
        chain.doFilter(request, response);
    }

    /** The id this filter gave the request, or a new one when it did not run (a test calling the endpoint). */
    static String requestIdOf(jakarta.servlet.ServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id instanceof String text ? text : RequestIds.next();
    }
}

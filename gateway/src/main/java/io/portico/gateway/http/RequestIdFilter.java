package io.portico.gateway.http;

import io.portico.gateway.tracing.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every HTTP request its id ({@link RequestIds}: the trace id when tracing is on) and answers it in the
 * {@code X-Request-Id} header, set before anything else runs, so refusals (401, 403, 413...) and errors carry it
 * too. The GraphQL endpoint records the same id in the request's audit event ({@link #requestIdOf}). A client's own
 * {@code X-Request-Id} is not taken: an id the audit trail is searched by is the gateway's.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = RequestIds.next();
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        chain.doFilter(request, response);
    }

    /** The id this filter gave the request, or a new one when it did not run (a test calling the endpoint). */
    static String requestIdOf(jakarta.servlet.ServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id instanceof String text ? text : RequestIds.next();
    }
}

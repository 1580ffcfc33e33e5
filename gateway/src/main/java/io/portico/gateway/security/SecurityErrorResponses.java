package io.portico.gateway.security;

import static java.util.Objects.requireNonNull;

import io.portico.policies.Subject;
import io.portico.schema.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers to requests the security filters stop, in the GraphQL error shape every Portico error has:
 * {@code {"errors": [{"message": ..., "extensions": {"code": ...}}]}}.
 *
 * <ul>
 *   <li>401 {@code UNAUTHENTICATED} with {@code WWW-Authenticate: Bearer realm="portico"} for a request without a
 *       token that needs one, and with {@code error="invalid_token", error_description="..."} (RFC 6750) for an
 *       invalid token, whatever the path: an invalid token is never treated as anonymous.</li>
 *   <li>403 {@code FORBIDDEN} with {@code error="insufficient_scope"} for a valid token that does not grant the
 *       request.</li>
 * </ul>
 */
public final class SecurityErrorResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String REALM = "portico";
    private static final String SPRING_MALFORMED = "Bearer token is malformed";

    private final JsonMapper json;

    public SecurityErrorResponses(JsonMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof OAuth2AuthenticationException invalid) {
            String message = describe(invalid);
            write(response, HttpServletResponse.SC_UNAUTHORIZED, ErrorCode.UNAUTHENTICATED, message,
                    challenge("invalid_token", message));
            return;
        }
        write(response, HttpServletResponse.SC_UNAUTHORIZED, ErrorCode.UNAUTHENTICATED,
                request.getMethod() + " " + request.getRequestURI() + " needs a bearer token: send the header"
                        + " 'Authorization: Bearer <token>' (in the demo, ./portico token prints one)",
                "Bearer realm=\"" + REALM + "\"");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        Subject subject = CurrentSubject.get();
        String message = "the token of '" + subject.id() + "' does not grant " + request.getMethod() + " "
                + request.getRequestURI();
        write(response, HttpServletResponse.SC_FORBIDDEN, ErrorCode.FORBIDDEN, message,
                challenge("insufficient_scope", message));
    }

    private static String describe(OAuth2AuthenticationException invalid) {
        String description = invalid.getError().getDescription();
        if (description == null || description.isBlank()) {
            description = invalid.getMessage();
        }
        if (SPRING_MALFORMED.equals(description)) {
            return "the Authorization header's bearer token is malformed: after 'Bearer ' it must be one token of"
                    + " the characters A-Z a-z 0-9 - . _ ~ + / (a JWT: header.claims.signature)";
        }
        return description;
    }

    private static String challenge(String error, String description) {
        return "Bearer realm=\"" + REALM + "\", error=\"" + error + "\", error_description=\""
                + headerSafe(description) + "\"";
    }

    /** RFC 6750 allows only printable ASCII other than '"' and '\' in error_description. */
    private static String headerSafe(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        for (char character : text.toCharArray()) {
            boolean allowed = character >= 0x20 && character <= 0x7e && character != '"' && character != '\\';
            safe.append(allowed ? character : character == '"' ? '\'' : '?');
        }
        return safe.toString();
    }

    private void write(HttpServletResponse response, int status, ErrorCode code, String message, String challenge)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", Map.of("code", code.name()));
        json.writeValue(response.getOutputStream(), Map.of("errors", List.of(error)));
    }
}

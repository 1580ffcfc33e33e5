package io.portico.gateway.http;

import io.portico.schema.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GraphQL response bodies for requests that fail before GraphQL execution. */
final class GraphQlErrors {

    static final String CODE = "code";

    private GraphQlErrors() {
    }

    /** {@code {"errors": [{"message": ..., "extensions": {"code": ...}}]}} */
    static Map<String, Object> body(ErrorCode code, String message) {
        return body(code, message, Map.of());
    }

    /** As {@link #body(ErrorCode, String)}, with more {@code extensions} after the code. */
    static Map<String, Object> body(ErrorCode code, String message, Map<String, Object> extensions) {
        Map<String, Object> allExtensions = new LinkedHashMap<>();
        allExtensions.put(CODE, code.name());
        allExtensions.putAll(extensions);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", allExtensions);
        return Map.of("errors", List.of(error));
    }
}

package io.portico.flight.cli;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reads the fields the command line shows from a gateway's JSON answers. */
final class GatewayMessages {


    private GatewayMessages() {
    }

    /** A top-level string field of a JSON object, or null when the body is no such object. */
    static String field(String body, String name) {
        JsonNode json = tree(body);
        return json != null && json.path(name).isString() ? json.path(name).asString() : null;
    }

    /**
     * Why the gateway refused: the answer's {@code message}, else its first error's ({@code {"errors": [{"message":
     * ...}]}}, the security filter's shape), else the body as it is.
     */
    static String reason(String body) {
        JsonNode json = tree(body);
        if (json != null) {
            String message = json.path("message").asString(json.path("errors").path(0).path("message").asString(""));
            if (!message.isBlank()) {
                return message;
            }
        }
        return body.strip();
    }

    private static JsonNode tree(String body) {
        try {
            return body.isBlank() ? null : CliJson.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }
}

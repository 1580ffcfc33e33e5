package io.portico.schema.error;

/**
 * The one error vocabulary of Portico. Every failure a user sees carries one of these codes: as
 * {@code extensions.code} in GraphQL, as the {@code code} of an HTTP problem body, and as the description
 * prefix of a Flight {@code CallStatus}. Each code fixes the HTTP status and the Flight status code it maps to,
 * so the three surfaces can never disagree.
 *
 * <p>{@link #flightStatus()} is the name of an {@code org.apache.arrow.flight.FlightStatusCode} constant (kept as
 * a name so this module does not depend on Flight).
 */
public enum ErrorCode {
    /** The request body or parameters are not a well-formed GraphQL-over-HTTP request (e.g. malformed JSON). */
    BAD_REQUEST(400, "INVALID_ARGUMENT"),
    /** The GraphQL document does not parse. */
    GRAPHQL_PARSE_FAILED(400, "INVALID_ARGUMENT"),
    /** The document parses but is not valid against the schema (unknown field, wrong argument type, ...). */
    GRAPHQL_VALIDATION_FAILED(400, "INVALID_ARGUMENT"),
    /** An argument or variable value is well-typed but not acceptable (negative {@code first}, bad cursor, ...). */
    BAD_USER_INPUT(400, "INVALID_ARGUMENT"),
    /** A filter, ordering or aggregation the planner cannot push down to the port; never silently dropped. */
    PUSHDOWN_UNSUPPORTED(400, "INVALID_ARGUMENT"),
    /** A statement the port will not run: not a single SELECT, or over a table its contract does not publish. */
    STATEMENT_REFUSED(400, "INVALID_ARGUMENT"),
    /** A query over a depth, alias, page-size, cost or size limit. */
    QUERY_LIMIT_EXCEEDED(400, "INVALID_ARGUMENT"),
    /**
     * A persisted query sent by its hash alone whose document the gateway does not hold: send it again with its
     * {@code query} (the Apollo APQ protocol). The GraphQL endpoint answers it with status 200, as Apollo clients
     * expect, so that they do.
     */
    PERSISTED_QUERY_NOT_FOUND(404, "NOT_FOUND"),
    /** A persisted query sent to a gateway whose persisted queries are off: send the {@code query} itself. */
    PERSISTED_QUERY_NOT_SUPPORTED(400, "INVALID_ARGUMENT"),
    /** A persisted query whose {@code sha256Hash} is not the SHA-256 of the {@code query} sent with it. */
    PERSISTED_QUERY_HASH_MISMATCH(400, "INVALID_ARGUMENT"),
    /** A document the gateway's allow-list does not hold (allow-list mode: only listed operations run). */
    PERSISTED_QUERY_NOT_IN_LIST(400, "INVALID_ARGUMENT"),
    /** A contract that cannot be read or does not match its port. */
    INVALID_CONTRACT(422, "INVALID_ARGUMENT"),
    /** No credentials, or credentials that are not valid. */
    UNAUTHENTICATED(401, "UNAUTHENTICATED"),
    /** Valid credentials that do not grant this. */
    FORBIDDEN(403, "UNAUTHORIZED"),
    /** The named port, dataset or product does not exist. */
    NOT_FOUND(404, "NOT_FOUND"),
    /** The port could not be reached, or its circuit breaker is open. */
    PORT_UNAVAILABLE(503, "UNAVAILABLE"),
    /** The port did not answer in time. */
    PORT_TIMEOUT(504, "TIMED_OUT"),
    /** The port's live schema no longer matches its contract. */
    PORT_SCHEMA_DRIFT(502, "INTERNAL"),
    /** The port answered with an error of its own. */
    PORT_ERROR(502, "INTERNAL"),
    /** A fault inside Portico; the message says what failed, never a stack trace. */
    INTERNAL(500, "INTERNAL");

    private final int httpStatus;
    private final String flightStatus;

    ErrorCode(int httpStatus, String flightStatus) {
        this.httpStatus = httpStatus;
        this.flightStatus = flightStatus;
    }

    /** The HTTP status of a request that failed as a whole with this code. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The {@code FlightStatusCode} constant name for this code. */
    public String flightStatus() {
        return flightStatus;
    }

    /**
     * The description a Flight {@code CallStatus} carries for a failure with this code: {@code "<CODE>: message"}.
     * {@link #fromDescription(String)} reads the code back on the other side of the wire.
     */
    public String describe(String message) {
        return name() + DESCRIPTION_SEPARATOR + message;
    }

    /** The code a {@link #describe described} message starts with, if any. */
    public static java.util.Optional<ErrorCode> fromDescription(String description) {
        if (description == null) {
            return java.util.Optional.empty();
        }
        int separator = description.indexOf(DESCRIPTION_SEPARATOR);
        if (separator <= 0) {
            return java.util.Optional.empty();
        }
        String prefix = description.substring(0, separator);
        for (ErrorCode code : values()) {
            if (code.name().equals(prefix)) {
                return java.util.Optional.of(code);
            }
        }
        return java.util.Optional.empty();
    }

    /** The message of a {@link #describe described} text without its code prefix; other texts unchanged. */
    public static String messageOf(String description) {
        if (description == null) {
            return "";
        }
        return fromDescription(description)
                .map(code -> description.substring(code.name().length() + DESCRIPTION_SEPARATOR.length()))
                .orElse(description);
    }

    private static final String DESCRIPTION_SEPARATOR = ": ";
}

package io.portico.gateway.registration;

/** What exactly happened to a registration, check or retirement, and the HTTP status the REST API answers. */
public enum RegistrationOutcome {
    /** Stored and live. */
    PUBLISHED(201),
    /** The same version with the same content is live already; nothing was stored. */
    UNCHANGED(200),
    /** A dry run found nothing wrong. */
    CHECKED(200),
    /** Every active version of the port is retired. */
    RETIRED(200),
    /** The document is not YAML or JSON, or the request has no usable body. */
    MALFORMED(400),
    /** No bearer token. */
    UNAUTHENTICATED(401),
    /** The token does not name the port's domain. */
    FORBIDDEN(403),
    /** No such port. */
    NOT_FOUND(404),
    /** The version does not fit the changes, or the port id belongs to another port. */
    CONFLICT(409),
    /** The document is larger than the limit. */
    TOO_LARGE(413),
    /** The request body's media type is not a contract. */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** The contract is invalid or does not match its port. */
    INVALID(422),
    /** The gateway failed. */
    FAILED(500);

    private final int httpStatus;

    RegistrationOutcome(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** True for the outcomes of an accepted request. */
    public boolean accepted() {
        return httpStatus < 300;
    }
}

package io.portico.schema.error;

import static java.util.Objects.requireNonNull;

/** A failure that carries its {@link ErrorCode}; its message is written for the user who caused or sees it. */
public class PorticoException extends RuntimeException {

    private final ErrorCode code;

    public PorticoException(ErrorCode code, String message) {
        super(message);
        this.code = requireNonNull(code, "code is null");
    }

    public PorticoException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = requireNonNull(code, "code is null");
    }

    public ErrorCode code() {
        return code;
    }
}

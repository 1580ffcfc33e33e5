package io.portico.gateway.port;

import static java.util.Objects.requireNonNull;

import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;

/**
 * A failed call to one output port: a {@link PorticoException} that also names the port, so a GraphQL error can
 * carry the port's id beside its code ({@code extensions.port}).
 */
public final class PortFailure extends PorticoException {

    private final String portId;

    public PortFailure(ErrorCode code, String portId, String message) {
        super(code, message);
        this.portId = requireNonNull(portId, "portId is null");
    }

    public PortFailure(ErrorCode code, String portId, String message, Throwable cause) {
        super(code, message, cause);
        this.portId = requireNonNull(portId, "portId is null");
    }

    /** The contract id (or served key, e.g. {@code sales-orders-port@v1}) of the port that failed. */
    public String portId() {
        return portId;
    }
}

package io.portico.gateway.registry.store;

import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;

/**
 * A conditional registration ({@link RegistryStore#register(io.portico.schema.contract.OutputPortContract, String,
 * String, java.util.OptionalLong)}) found the port changed since its writer read it: another writer (a thread, or
 * another gateway replica sharing the registry database) published or retired a version of it in between. Nothing
 * was stored. The writer reads the port again and decides anew.
 *
 * <p>Its code is {@link ErrorCode#INVALID_CONTRACT}: the contract was checked against a version that is no longer
 * the live one, so it is refused as a version conflict would be, never as a failure of the gateway.
 */
public final class StalePortStateException extends PorticoException {

    private final String portId;
    private final long expectedLastChange;
    private final long lastChange;

    StalePortStateException(String portId, long expectedLastChange, long lastChange) {
        super(ErrorCode.INVALID_CONTRACT, "port '" + portId + "' changed while this publication was checked: it was"
                + " checked against the port as of registry version " + expectedLastChange + ", and another"
                + " publication or retirement changed it at registry version " + lastChange + "; nothing was stored");
        this.portId = portId;
        this.expectedLastChange = expectedLastChange;
        this.lastChange = lastChange;
    }

    /** The port that changed. */
    public String portId() {
        return portId;
    }

    /** The port's last change as the writer saw it. */
    public long expectedLastChange() {
        return expectedLastChange;
    }

    /** The port's last change as the store found it when it was to write. */
    public long lastChange() {
        return lastChange;
    }
}

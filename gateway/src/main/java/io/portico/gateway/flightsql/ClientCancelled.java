package io.portico.gateway.flightsql;

import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;

/**
 * The Flight SQL client cancelled its stream (or went away): thrown out of the port read to end it, which cancels
 * the call at the port. Not the port's failure, so no breaker counts it.
 */
final class ClientCancelled extends PorticoException {

    ClientCancelled() {
        super(ErrorCode.BAD_REQUEST, "the client cancelled the stream");
    }
}

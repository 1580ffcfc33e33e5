package io.portico.gateway.flightsql;

import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.slf4j.Logger;

/**
 * What a Flight SQL client of the gateway sees of a failure: a {@link CallStatus} whose status follows
 * {@link ErrorCode#flightStatus()} ({@code FORBIDDEN} is {@code UNAUTHORIZED}, gRPC's {@code PERMISSION_DENIED})
 * and whose description is {@code "<ERROR_CODE>: message"}, as the ports answer the gateway. Never a stack trace.
 */
final class FlightStatuses {

    private FlightStatuses() {
    }

    static FlightRuntimeException error(ErrorCode code, String message) {
        return new CallStatus(FlightStatusCode.valueOf(code.flightStatus()), null, code.describe(message), null)
                .toRuntimeException();
    }

    /** The code a failure is reported with: its own, else {@code INTERNAL}. */
    static ErrorCode codeOf(Throwable failure) {
        Throwable cause = unwrapped(failure);
        if (cause instanceof PorticoException coded) {
            return coded.code();
        }
        if (cause instanceof FlightRuntimeException flight) {
            return ErrorCode.fromDescription(flight.status().description()).orElse(ErrorCode.INTERNAL);
        }
        return ErrorCode.INTERNAL;
    }

    /**
     * The client-facing form of any failure: coded failures keep their code and message, Flight errors pass
     * through, anything else is logged with its stack trace and answered {@code INTERNAL} without details.
     */
    static FlightRuntimeException toFlight(Throwable failure, Logger log, String action) {
        Throwable cause = unwrapped(failure);
        if (cause instanceof FlightRuntimeException flight) {
            return flight;
        }
        if (cause instanceof PorticoException coded) {
            log.debug("{} failed: {}", action, coded.getMessage());
            return error(coded.code(), coded.getMessage());
        }
        log.error("{} failed", action, cause);
        return error(ErrorCode.INTERNAL, "the gateway could not " + action + " (" + cause.getClass().getSimpleName()
                + "); details are in the gateway's log");
    }

    /** The failure inside the wrappers of {@code CompletableFuture}. */
    static Throwable unwrapped(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}

package io.portico.flight;

import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.sql.SQLException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.slf4j.Logger;

/**
 * Turns failures into what a Flight client sees: a {@link CallStatus} whose status follows
 * {@link ErrorCode#flightStatus()} and whose description is {@code "<ERROR_CODE>: message"}. Never a stack trace.
 */
final class FlightErrors {

    private FlightErrors() {
    }

    static FlightRuntimeException error(ErrorCode code, String message) {
        FlightStatusCode status = FlightStatusCode.valueOf(code.flightStatus());
        return new CallStatus(status, null, code.describe(message), null).toRuntimeException();
    }

    static FlightRuntimeException refused(String message) {
        return error(ErrorCode.STATEMENT_REFUSED, message);
    }

    /**
     * The client-facing form of any failure. Flight errors pass through, coded failures keep their code, database
     * failures become {@link ErrorCode#PORT_ERROR} with the database's first message line, anything else is logged
     * with its stack trace and answered as {@link ErrorCode#INTERNAL}.
     */
    static FlightRuntimeException toFlight(Throwable failure, Logger log, String action) {
        if (failure instanceof FlightRuntimeException flight) {
            return flight;
        }
        if (failure instanceof PorticoException coded) {
            log.debug("{} failed: {}", action, coded.getMessage());
            return error(coded.code(), coded.getMessage());
        }
        SQLException sql = findSqlException(failure);
        if (sql != null) {
            log.warn("{} failed in the database: {}", action, sql.getMessage());
            return error(ErrorCode.PORT_ERROR, "the database could not " + action + ": " + firstLine(sql.getMessage()));
        }
        log.error("{} failed", action, failure);
        return error(ErrorCode.INTERNAL, "the port could not " + action + " (" + failure.getClass().getSimpleName()
                + "); details are in the port's log");
    }

    private static SQLException findSqlException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}

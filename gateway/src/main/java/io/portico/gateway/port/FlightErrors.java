package io.portico.gateway.port;

import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;

/**
 * The one translation between Flight call statuses and Portico's {@link ErrorCode}s, in both directions.
 *
 * <p>A Portico Flight endpoint answers a failure as {@code CallStatus.<code.flightStatus()>} with the description
 * {@code "<ERROR_CODE>: <message>"} ({@link #toCallStatus}); {@link #codeOf} reads that back. A failed call to an
 * output port becomes, for the gateway's users, one of {@link ErrorCode#PORT_UNAVAILABLE},
 * {@link ErrorCode#PORT_TIMEOUT}, {@link ErrorCode#STATEMENT_REFUSED}, {@link ErrorCode#PORT_SCHEMA_DRIFT} or
 * {@link ErrorCode#PORT_ERROR} ({@link #fromPort}), with the port named in the message by its id: a port's address
 * is never sent to the gateway's users (it goes to the gateway's log).
 */
public final class FlightErrors {

    private static final Logger LOG = LoggerFactory.getLogger(FlightErrors.class);

    private FlightErrors() {
    }

    /** The status a Portico Flight endpoint answers for a failure with this code. */
    public static CallStatus toCallStatus(ErrorCode code, String message) {
        FlightStatusCode status = FlightStatusCode.valueOf(code.flightStatus());
        return new CallStatus(status, null, code.describe(message), null);
    }

    /** The status a Portico Flight endpoint answers for this failure. */
    public static CallStatus toCallStatus(PorticoException failure) {
        return toCallStatus(failure.code(), failure.getMessage());
    }

    /**
     * The error code a status carries: the one its description names ({@code "<ERROR_CODE>: ..."}), else the
     * closest one for its status code.
     */
    public static ErrorCode codeOf(CallStatus status) {
        return ErrorCode.fromDescription(status.description()).orElseGet(() -> switch (status.code()) {
            case INVALID_ARGUMENT -> ErrorCode.BAD_REQUEST;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case UNAUTHENTICATED -> ErrorCode.UNAUTHENTICATED;
            case UNAUTHORIZED -> ErrorCode.FORBIDDEN;
            case UNAVAILABLE -> ErrorCode.PORT_UNAVAILABLE;
            case TIMED_OUT -> ErrorCode.PORT_TIMEOUT;
            default -> ErrorCode.INTERNAL;
        });
    }

    /** The description of a status without its {@code "<ERROR_CODE>: "} prefix. */
    public static String messageOf(CallStatus status) {
        return ErrorCode.messageOf(status.description());
    }

    /**
     * How a failed call to an output port appears to the gateway's users: the port by its id, never its address. What
     * the gateway's own gRPC client says of the transport (a connection refused or broken, a deadline passed, a call
     * cancelled: texts that name the remote address) is reduced to the status; what the port itself said is kept (a
     * Portico port's coded description, another server's own error). The address and the whole status are logged.
     *
     * @param portId   the contract id of the port
     * @param location where the port was called (logged, not shown)
     * @param failure  what the Flight client threw
     */
    public static PortFailure fromPort(String portId, String location, FlightRuntimeException failure) {
        CallStatus status = failure.status();
        ErrorCode code = portCode(status);
        String said = messageOf(status);
        LOG.debug("port '{}' at {} failed: {} {}", portId, location, status.code(), said);
        String statusName = status.code().name().toLowerCase(Locale.ROOT);
        String detail = said.isBlank() || saidByTheTransport(status) ? statusName : said;
        String where = "port '" + portId + "'";
        String message = switch (code) {
            case PORT_UNAVAILABLE -> where + " cannot be reached (" + detail + "). Retry later; if it persists, ask"
                    + " the team that owns the port to check that it is running.";
            case PORT_TIMEOUT -> where + " did not answer in time (" + detail + "). Retry later; for a large"
                    + " result, narrow the query (a 'where', a smaller 'first').";
            case STATEMENT_REFUSED -> where + " refused the statement the gateway sent: " + detail + ". The port"
                    + " and its contract disagree; report this to the team that owns the port.";
            case PORT_SCHEMA_DRIFT -> where + " no longer matches its contract: " + detail + ". Ask the team that"
                    + " owns the port to re-register it.";
            case PORT_ERROR -> refusedTheCredential(status)
                    ? where + " refused the gateway's port credential (UNAUTHENTICATED): the port does not accept"
                            + " the credential of its contract's domain. Ask the team that owns the port to configure"
                            + " the domain's current port credential."
                    : where + " failed: " + detail + ". Retry later; if it persists, report it to the team that"
                            + " owns the port.";
            default -> where + " failed: " + detail + ". Retry later; if it persists, report it to the team that"
                    + " owns the port.";
        };
        return new PortFailure(code, portId, message, failure);
    }

    /**
     * Whether a status's description is the gateway's gRPC client speaking of the transport rather than the port
     * speaking: an uncoded description of a status that a client raises by itself.
     */
    private static boolean saidByTheTransport(CallStatus status) {
        if (ErrorCode.fromDescription(status.description()).isPresent()) {
            return false;
        }
        return switch (status.code()) {
            case UNAVAILABLE, TIMED_OUT, CANCELLED -> true;
            default -> false;
        };
    }

    private static boolean refusedTheCredential(CallStatus status) {
        return status.code() == FlightStatusCode.UNAUTHENTICATED || status.code() == FlightStatusCode.UNAUTHORIZED;
    }

    /** The user-facing code of a port's status (see {@link #fromPort}). */
    static ErrorCode portCode(CallStatus status) {
        ErrorCode described = ErrorCode.fromDescription(status.description()).orElse(null);
        if (described == ErrorCode.STATEMENT_REFUSED || described == ErrorCode.PORT_SCHEMA_DRIFT) {
            return described;
        }
        return switch (status.code()) {
            case UNAVAILABLE -> ErrorCode.PORT_UNAVAILABLE;
            case TIMED_OUT -> ErrorCode.PORT_TIMEOUT;
            case INVALID_ARGUMENT -> ErrorCode.STATEMENT_REFUSED;
            default -> ErrorCode.PORT_ERROR;
        };
    }
}

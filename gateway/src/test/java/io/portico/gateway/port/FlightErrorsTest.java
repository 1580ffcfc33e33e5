package io.portico.gateway.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.util.EnumMap;
import java.util.Map;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightStatusCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FlightErrorsTest {

    /** Every Flight status a port can answer, and what the gateway's users see. */
    private static final Map<FlightStatusCode, ErrorCode> PORT_CODES = new EnumMap<>(Map.ofEntries(
            Map.entry(FlightStatusCode.OK, ErrorCode.PORT_ERROR),
            Map.entry(FlightStatusCode.UNKNOWN, ErrorCode.PORT_ERROR),
            Map.entry(FlightStatusCode.INTERNAL, ErrorCode.PORT_ERROR),
            Map.entry(FlightStatusCode.INVALID_ARGUMENT, ErrorCode.STATEMENT_REFUSED),
            Map.entry(FlightStatusCode.TIMED_OUT, ErrorCode.PORT_TIMEOUT),
            Map.entry(FlightStatusCode.NOT_FOUND, ErrorCode.PORT_ERROR),
            Map.entry(FlightStatusCode.ALREADY_EXISTS, ErrorCode.PORT_ERROR),
            Map.entry(FlightStatusCode.CANCELLED, ErrorCode.PORT_ERROR),
            Map.entry(FlightStatusCode.UNAUTHENTICATED, ErrorCode.PORT_ERROR),
            Map.entry(FlightStatusCode.UNAUTHORIZED, ErrorCode.PORT_ERROR),
            Map.entry(FlightStatusCode.UNIMPLEMENTED, ErrorCode.PORT_ERROR),
            Map.entry(FlightStatusCode.UNAVAILABLE, ErrorCode.PORT_UNAVAILABLE),
            Map.entry(FlightStatusCode.RESOURCE_EXHAUSTED, ErrorCode.PORT_ERROR)));

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyErrorCodeTravelsAsItsFlightStatusAndBack(ErrorCode code) {
        CallStatus status = FlightErrors.toCallStatus(code, "what went wrong and what to do");

        assertThat(status.code()).isEqualTo(FlightStatusCode.valueOf(code.flightStatus()));
        assertThat(status.description()).isEqualTo(code.name() + ": what went wrong and what to do");
        assertThat(FlightErrors.codeOf(status)).isEqualTo(code);
        assertThat(FlightErrors.messageOf(status)).isEqualTo("what went wrong and what to do");
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyErrorCodeHasAnHttpStatusThatMatchesItsFlightStatus(ErrorCode code) {
        int http = code.httpStatus();
        FlightStatusCode flight = FlightStatusCode.valueOf(code.flightStatus());
        assertThat(http).isBetween(400, 599);
        switch (flight) {
            case INVALID_ARGUMENT -> assertThat(http).isIn(400, 422);
            case UNAUTHENTICATED -> assertThat(http).isEqualTo(401);
            case UNAUTHORIZED -> assertThat(http).isEqualTo(403);
            case NOT_FOUND -> assertThat(http).isEqualTo(404);
            case UNAVAILABLE -> assertThat(http).isEqualTo(503);
            case TIMED_OUT -> assertThat(http).isEqualTo(504);
            case INTERNAL -> assertThat(http).isIn(500, 502);
            default -> throw new AssertionError(code + " maps to unexpected Flight status " + flight);
        }
    }

    @ParameterizedTest
    @EnumSource(FlightStatusCode.class)
    void everyFlightStatusOfAPortBecomesAPortError(FlightStatusCode status) {
        PorticoException failure = FlightErrors.fromPort("sales-orders-port", "grpc+tcp://127.0.0.1:1",
                new CallStatus(status, null, "boom", null).toRuntimeException());

        assertThat(failure.code()).isEqualTo(PORT_CODES.get(status));
        assertThat(failure.getMessage()).as("the port by its id, never by its address").contains("sales-orders-port")
                .doesNotContain("grpc+tcp://127.0.0.1:1", "127.0.0.1");
        switch (status) {
            case UNAVAILABLE, TIMED_OUT, CANCELLED -> assertThat(failure.getMessage())
                    .as("the gateway's gRPC client's words of the transport may name the address")
                    .contains(status.name().toLowerCase(java.util.Locale.ROOT)).doesNotContain("boom");
            case UNAUTHENTICATED, UNAUTHORIZED -> assertThat(failure.getMessage())
                    .contains("refused the gateway's port credential");
            default -> assertThat(failure.getMessage()).contains("boom");
        }
    }

    @Test
    void whatThePortItselfSaidIsKeptAndWhatTheTransportSaidIsNot() {
        PorticoException coded = FlightErrors.fromPort("p", "grpc+tcp://10.0.0.7:31337",
                FlightErrors.toCallStatus(ErrorCode.PORT_ERROR, "the database is read-only").toRuntimeException());
        PorticoException deadline = FlightErrors.fromPort("p", "grpc+tcp://10.0.0.7:31337",
                CallStatus.TIMED_OUT.withDescription("deadline exceeded after 1s [remote_addr=/10.0.0.7:31337]")
                        .toRuntimeException());

        assertThat(coded.getMessage()).contains("the database is read-only");
        assertThat(deadline.code()).isEqualTo(ErrorCode.PORT_TIMEOUT);
        assertThat(deadline.getMessage()).contains("did not answer in time (timed_out)").doesNotContain("10.0.0.7");
    }

    @Test
    void statusesWithoutACodeMapByTheirFlightStatus() {
        assertThat(FlightErrors.codeOf(CallStatus.UNAVAILABLE.withDescription("connection refused")))
                .isEqualTo(ErrorCode.PORT_UNAVAILABLE);
        assertThat(FlightErrors.codeOf(CallStatus.TIMED_OUT)).isEqualTo(ErrorCode.PORT_TIMEOUT);
        assertThat(FlightErrors.codeOf(CallStatus.INVALID_ARGUMENT.withDescription("FOO: not a code")))
                .isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(FlightErrors.codeOf(CallStatus.UNKNOWN)).isEqualTo(ErrorCode.INTERNAL);
    }

    @Test
    void aPortThatNamesStatementRefusedKeepsThatCode() {
        PorticoException failure = FlightErrors.fromPort("p", "grpc+tcp://h:1",
                FlightErrors.toCallStatus(ErrorCode.STATEMENT_REFUSED, "DELETE is not a SELECT").toRuntimeException());

        assertThat(failure.code()).isEqualTo(ErrorCode.STATEMENT_REFUSED);
        assertThat(failure.getMessage()).contains("DELETE is not a SELECT").doesNotContain("STATEMENT_REFUSED:");
    }

    @Test
    void aPortThatNamesAGatewayCodeIsStillAPortError() {
        PorticoException failure = FlightErrors.fromPort("p", "grpc+tcp://h:1",
                FlightErrors.toCallStatus(ErrorCode.BAD_USER_INPUT, "no").toRuntimeException());

        assertThat(failure.code()).isEqualTo(ErrorCode.STATEMENT_REFUSED);
    }
}

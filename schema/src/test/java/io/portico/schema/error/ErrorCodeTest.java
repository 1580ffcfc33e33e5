package io.portico.schema.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorCodeTest {

    private static final Set<String> FLIGHT_STATUS_NAMES = Set.of(
            "OK", "UNKNOWN", "INTERNAL", "INVALID_ARGUMENT", "TIMED_OUT", "NOT_FOUND", "ALREADY_EXISTS", "CANCELLED",
            "UNAUTHENTICATED", "UNAUTHORIZED", "UNIMPLEMENTED", "UNAVAILABLE", "RESOURCE_EXHAUSTED");

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void describedMessageCarriesItsCodeAcrossTheWire(ErrorCode code) {
        String description = code.describe("table 'x' is not published: see the contract");

        assertThat(ErrorCode.fromDescription(description)).contains(code);
        assertThat(ErrorCode.messageOf(description)).isEqualTo("table 'x' is not published: see the contract");
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCodeMapsToAnHttpErrorStatusAndAFlightStatus(ErrorCode code) {
        assertThat(code.httpStatus()).isBetween(400, 599);
        assertThat(FLIGHT_STATUS_NAMES).contains(code.flightStatus());
    }

    @Test
    void textWithoutAKnownCodeIsJustAMessage() {
        assertThat(ErrorCode.fromDescription("NOT_A_CODE: something")).isEmpty();
        assertThat(ErrorCode.fromDescription("no separator")).isEmpty();
        assertThat(ErrorCode.fromDescription(null)).isEmpty();
        assertThat(ErrorCode.messageOf("NOT_A_CODE: something")).isEqualTo("NOT_A_CODE: something");
        assertThat(ErrorCode.messageOf(null)).isEmpty();
    }
}

package io.portico.flight.auth;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClientMiddleware;
import org.apache.arrow.flight.auth2.Auth2Constants;

/**
 * Presents a port credential on every call of a Flight client:
 * {@code FlightClient.builder(allocator, location).intercept(new BearerCredentialMiddleware(credential))}. For
 * clients of a port other than the gateway (tests, benchmarks, a domain team reading its own port); the gateway
 * attaches the header to its channels itself.
 */
public final class BearerCredentialMiddleware implements FlightClientMiddleware.Factory {

    private final String authorization;

    public BearerCredentialMiddleware(String credential) {
        this.authorization = Auth2Constants.BEARER_PREFIX + requireNonNull(credential, "credential is null");
    }

    @Override
    public FlightClientMiddleware onCallStarted(CallInfo info) {
        return new FlightClientMiddleware() {
            @Override
            public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {
                outgoingHeaders.insert(Auth2Constants.AUTHORIZATION_HEADER, authorization);
            }

            @Override
            public void onHeadersReceived(CallHeaders incomingHeaders) {
            }

            @Override
            public void onCallCompleted(CallStatus status) {
            }
        };
    }

    @Override
    public String toString() {
        return "BearerCredentialMiddleware[***]";
    }
}

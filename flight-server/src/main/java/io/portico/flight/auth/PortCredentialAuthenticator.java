package io.portico.flight.auth;

import static java.util.Objects.requireNonNull;

import io.portico.schema.error.ErrorCode;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.auth2.Auth2Constants;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;

/**
 * The check every call to an output port passes first (Flight runs it for each RPC, before the producer: handshake,
 * listings, GetFlightInfo, DoGet, DoPut, actions): the call must carry {@code authorization: Bearer <credential>}
 * with one of the port's {@link AcceptedCredentials}. Anything else is refused with {@code UNAUTHENTICATED} and a
 * description that names nothing secret.
 *
 * <p>The check is a header lookup and a constant-time comparison of a few dozen bytes per accepted credential, no
 * allocation: tens of nanoseconds against a call's hundreds of microseconds (benchmarks'
 * {@code BenchmarkPortCredentialCheck}).
 */
public final class PortCredentialAuthenticator implements CallHeaderAuthenticator {

    /** The peer identity of an authenticated call: the gateway of the port's domain. */
    public static final String GATEWAY = "portico-gateway";

    /** The description of every refusal. */
    public static final String REFUSAL = ErrorCode.UNAUTHENTICATED.describe("this output port answers only the"
            + " Portico gateway: present the port credential of its domain as 'authorization: Bearer <credential>'");

    /** gRPC header names are lower case; a lookup in that form works with every {@link CallHeaders}. */
    private static final String AUTHORIZATION = "authorization";
    private static final String BEARER = Auth2Constants.BEARER_PREFIX;
    private static final AuthResult AUTHENTICATED = () -> GATEWAY;

    private final AcceptedCredentials accepted;
    private final LongAdder refused = new LongAdder();

    public PortCredentialAuthenticator(AcceptedCredentials accepted) {
        this.accepted = requireNonNull(accepted, "accepted is null");
    }

    @Override
    public AuthResult authenticate(CallHeaders incomingHeaders) {
        String authorization = incomingHeaders.get(AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && accepted.accepts(authorization, BEARER.length())) {
            return AUTHENTICATED;
        }
        refused.increment();
        throw CallStatus.UNAUTHENTICATED.withDescription(REFUSAL).toRuntimeException();
    }

    /** How many calls were refused since the port started. */
    public long refusedCalls() {
        return refused.sum();
    }
}

package io.portico.gateway.flightsql;

import static java.util.Objects.requireNonNull;

import io.portico.policies.Subject;
import io.portico.schema.error.ErrorCode;
import io.portico.gateway.security.SubjectResolver;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Authenticates every call to the Flight SQL endpoint with the same bearer JWTs as HTTP: the
 * {@code authorization: Bearer <token>} header, verified by the gateway's decoder (trusted issuers, audience,
 * lifetime) and read into a {@link Subject} by the same {@link SubjectResolver}. A call without a valid token is
 * refused with {@code UNAUTHENTICATED} before it reaches the producer.
 *
 * <p>Username and password are accepted only as a token exchange, for clients that speak nothing else (the JDBC
 * driver's {@code user}/{@code password}, DBeaver's form): {@code authorization: Basic} with any username and the
 * JWT as the password is verified as the bearer token would be, and the answer's headers carry
 * {@code authorization: Bearer <token>}, which such clients send on their next calls. There is no password store.
 */
final class FlightSqlAuthentication implements FlightServerMiddleware.Factory<FlightSqlAuthentication.Caller> {

    /** Where the producer finds the caller of a call. */
    static final FlightServerMiddleware.Key<Caller> KEY = FlightServerMiddleware.Key.of("portico-caller");

    private static final Logger LOG = LoggerFactory.getLogger(FlightSqlAuthentication.class);
    private static final String AUTHORIZATION = "authorization";
    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";

    private final JwtDecoder decoder;
    private final SubjectResolver subjects;

    FlightSqlAuthentication(JwtDecoder decoder, SubjectResolver subjects) {
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.subjects = requireNonNull(subjects, "subjects is null");
    }

    @Override
    public Caller onCallStarted(CallInfo info, CallHeaders headers, RequestContext context) {
        String authorization = headers.get(AUTHORIZATION);
        if (authorization == null) {
            throw refused("send 'authorization: Bearer <token>' (a JWT the gateway trusts, as for HTTP), or the token"
                    + " as the password of a username/password login");
        }
        if (startsWithIgnoringCase(authorization, BEARER)) {
            String token = authorization.substring(BEARER.length()).strip();
            return new Caller(verify(token), null);
        }
        if (startsWithIgnoringCase(authorization, BASIC)) {
            String token = basicPassword(authorization.substring(BASIC.length()).strip());
            return new Caller(verify(token), token);
        }
        throw refused("the authorization header is neither 'Bearer <token>' nor 'Basic <credentials>'");
    }

    private Subject verify(String token) {
        if (token.isEmpty()) {
            throw refused("the bearer token is empty");
        }
        try {
            return subjects.resolve(decoder.decode(token));
        } catch (JwtException | IllegalArgumentException e) {
            LOG.debug("Flight SQL token refused: {}", e.getMessage());
            throw refused("the bearer token is not valid: " + e.getMessage());
        } catch (org.springframework.security.core.AuthenticationException e) {
            throw refused(e.getMessage());
        }
    }

    /** The password of {@code Basic} credentials: the token to exchange. */
    private static String basicPassword(String encoded) {
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refused("the Basic credentials are not base64");
        }
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            throw refused("the Basic credentials are not 'username:password'");
        }
        return credentials.substring(colon + 1).strip();
    }

    private static boolean startsWithIgnoringCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static RuntimeException refused(String message) {
        return CallStatus.UNAUTHENTICATED.withDescription(ErrorCode.UNAUTHENTICATED.describe(message))
                .toRuntimeException();
    }

    /**
     * The authenticated caller of one call.
     *
     * @param subject        who calls
     * @param exchangedToken the token a username/password login presented, answered as the bearer; else null
     */
    record Caller(Subject subject, String exchangedToken) implements FlightServerMiddleware {

        @Override
        public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {
            if (exchangedToken != null) {
                outgoingHeaders.insert(AUTHORIZATION, BEARER + exchangedToken);
            }
        }

        @Override
        public void onCallCompleted(CallStatus status) {
        }

        @Override
        public void onCallErrored(Throwable err) {
        }
    }
}

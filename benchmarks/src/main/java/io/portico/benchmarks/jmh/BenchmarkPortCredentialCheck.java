package io.portico.benchmarks.jmh;

import io.portico.flight.auth.AcceptedCredentials;
import io.portico.flight.auth.PortCredentialAuthenticator;
import io.portico.gateway.port.PortCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.ErrorFlightMetadata;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What checking the gateway's credential adds to every call at a port: the {@link PortCredentialAuthenticator}
 * that Flight runs before each RPC, over the headers of one call.
 *
 * <p>Workload: the headers a gateway call carries (authorization plus the gRPC and Flight headers of a DoGet: about
 * six entries), the credential a 43-character derived one ({@link PortCredentials}). {@code accepted}: how many
 * credentials the port accepts, 1 normally, 2 during a rotation (each is compared in full, whichever matches).
 * {@code authenticate} is an accepted call; {@code refuse} a call with another domain's credential (which throws
 * the {@code UNAUTHENTICATED} status, the cost an attacker's call has at the port); {@code headerLookup} only reads
 * the authorization header, the floor under both. Not included: gRPC's own per-call work (tens of microseconds),
 * the query.
 *
 * <p>The score is nanoseconds per call. Run: {@code ./portico bench jmh BenchmarkPortCredentialCheck} (JMH options
 * follow, e.g. {@code -f 1 -wi 1 -i 1} for a quick look).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BenchmarkPortCredentialCheck {

    private static final byte[] KEY = "benchmark-key-of-32-bytes-......".getBytes(StandardCharsets.UTF_8);

    @Param({"1", "2"})
    int accepted;

    private CallHeaderAuthenticator authenticator;
    private CallHeaders gatewayCall;
    private CallHeaders otherDomainCall;

    @Setup
    public void setUp() {
        PortCredentials credentials = new PortCredentials(KEY, 1, Map.of());
        String sales = credentials.credentialOf("sales");
        AcceptedCredentials accepting = accepted == 1 ? AcceptedCredentials.of(sales)
                : AcceptedCredentials.of(credentials.next().credentialOf("sales"), sales);
        authenticator = new PortCredentialAuthenticator(accepting);
        gatewayCall = headers(sales);
        otherDomainCall = headers(credentials.credentialOf("crm"));
    }

    private static CallHeaders headers(String credential) {
        CallHeaders headers = new FlightCallHeaders();
        headers.insert("content-type", "application/grpc");
        headers.insert("te", "trailers");
        headers.insert("user-agent", "grpc-java-netty/1.80.0");
        headers.insert("grpc-accept-encoding", "gzip");
        headers.insert("grpc-timeout", "1999976u");
        headers.insert("authorization", "Bearer " + credential);
        return headers;
    }

    @Benchmark
    public String authenticate() {
        return authenticator.authenticate(gatewayCall).getPeerIdentity();
    }

    @Benchmark
    public ErrorFlightMetadata refuse() {
        try {
            authenticator.authenticate(otherDomainCall);
            throw new IllegalStateException("another domain's credential was accepted");
        } catch (FlightRuntimeException refused) {
            return refused.status().metadata();
        }
    }

    @Benchmark
    public String headerLookup() {
        return gatewayCall.get("authorization");
    }
}

package io.portico.gateway.testing;

import io.portico.flight.FlightPortConfig;
import io.portico.flight.PortDatabase;
import io.portico.flight.auth.AcceptedCredentials;
import io.portico.flight.testkit.TestPort;
import io.portico.gateway.port.PortChannels;
import io.portico.gateway.port.PortCredentials;
import io.portico.schema.contract.OutputPortContract;
import java.sql.SQLException;
import java.util.Map;

/**
 * The port credentials of test gateways: every gateway of the tests derives them from {@link #SECRET}
 * ({@code portico.ports.credentials.secret} in the tests' {@code application.properties}), so a test port started
 * with {@link #acceptedBy(String)} accepts what a test gateway presents to the ports of that domain, and nothing
 * else.
 */
public final class TestPortCredentials {

    /** Base64 of the 32-byte key of the tests' port credentials. */
    public static final String SECRET = "cG9ydGljby10ZXN0LXBvcnQtY3JlZGVudGlhbC1rZXk=";

    private static final PortCredentials GATEWAY = PortCredentials.fromSecret(SECRET, 1, Map.of());

    private TestPortCredentials() {
    }

    /** What a test gateway presents. */
    public static PortCredentials gateway() {
        return GATEWAY;
    }

    /** The credential a test gateway presents to the ports of {@code domain}. */
    public static String credentialOf(String domain) {
        return GATEWAY.credentialOf(domain);
    }

    /** What a test port of {@code domain} accepts: that domain's credential. */
    public static AcceptedCredentials acceptedBy(String domain) {
        return AcceptedCredentials.of(credentialOf(domain));
    }

    /**
     * A test port's configuration: on loopback, accepting the credential a test gateway presents to the ports of
     * the contract's domain.
     */
    public static FlightPortConfig portConfig(OutputPortContract contract, PortDatabase database) {
        return FlightPortConfig.of(contract, database, acceptedBy(contract.domain()));
    }

    /**
     * A test port (flight-server's test kit) accepting what a test gateway presents to the ports of its contract's
     * domain, and nothing else.
     */
    public static TestPort.Builder testPort() {
        return TestPort.builder().acceptingByDomain(TestPortCredentials::acceptedBy);
    }

    /**
     * A test port over an in-memory DuckDB that {@code setup} creates and fills, serving {@code contract} (its
     * {@code flightSqlUrl} may be {@value TestPort#URL}), accepting a test gateway's credential of its domain.
     */
    public static TestPort startPort(String contract, String... setup) throws SQLException {
        return testPort().contract(contract).setup(setup).start();
    }

    /** Channels as a test gateway opens them (no TLS trust configured). */
    public static PortChannels channels() {
        return new PortChannels(GATEWAY, null);
    }
}

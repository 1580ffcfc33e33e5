package io.portico.flight;

import io.portico.flight.auth.AcceptedCredentials;
import io.portico.flight.auth.BearerCredentialMiddleware;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;

/** Port credentials for tests: the one test ports accept, another domain's, and clients that present them. */
final class TestCredentials {

    /** The credential the test ports accept (the gateway's of their domain). */
    static final String PORT = "test-credential-of-the-port-domain-0001";
    /** A well-formed credential of another domain, which the test ports refuse. */
    static final String OTHER_DOMAIN = "test-credential-of-another-domain-0002";

    private TestCredentials() {
    }

    /** What the test ports accept: {@link #PORT}. */
    static AcceptedCredentials accepted() {
        return AcceptedCredentials.of(PORT);
    }

    /** A Flight client of {@code location} presenting {@link #PORT} on every call. */
    static FlightClient client(BufferAllocator allocator, Location location) {
        return client(allocator, location, PORT);
    }

    /** A Flight client of {@code location} presenting {@code credential} on every call. */
    static FlightClient client(BufferAllocator allocator, Location location, String credential) {
        return FlightClient.builder(allocator, location).intercept(new BearerCredentialMiddleware(credential)).build();
    }
}

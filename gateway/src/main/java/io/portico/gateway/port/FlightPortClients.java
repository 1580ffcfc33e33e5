package io.portico.gateway.port;

import static java.util.Objects.requireNonNull;

import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's {@link FlightPortClient}s, one per port URI and domain, created on first use and reused by every
 * request (one gRPC channel per port, multiplexing all its concurrent calls; no connection per request); all closed
 * with the gateway. A client presents the credential of the domain it was asked for, so a contract can only ever
 * reach a port with its own domain's credential.
 */
public final class FlightPortClients implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlightPortClients.class);

    private final BufferAllocator allocator;
    private final PortChannels channels;
    private final Duration schemaTimeout;
    private final PortCallGuard guard;
    private final Map<Key, FlightPortClient> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Clients whose statements may each take {@code callTimeout}, unguarded otherwise. */
    public FlightPortClients(BufferAllocator allocator, PortChannels channels, Duration callTimeout,
            Duration schemaTimeout) {
        this(allocator, channels, schemaTimeout, PortCallGuard.timeoutOnly(callTimeout));
    }

    /** Clients whose statements run under {@code guard} (timeouts, breakers, bulkheads, retries per port). */
    public FlightPortClients(BufferAllocator allocator, PortChannels channels, Duration schemaTimeout,
            PortCallGuard guard) {
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.channels = requireNonNull(channels, "channels is null");
        this.schemaTimeout = requireNonNull(schemaTimeout, "schemaTimeout is null");
        this.guard = requireNonNull(guard, "guard is null");
    }

    /** How the clients open their channels (credentials, TLS trust). */
    public PortChannels channels() {
        return channels;
    }

    /** What guards the statements of every client. */
    public PortCallGuard guard() {
        return guard;
    }

    /**
     * The client of the port at {@code flightSqlUrl} for a contract of {@code domain}: its calls present the
     * domain's port credential.
     *
     * @throws PorticoException {@code INVALID_CONTRACT} when the URL is not a usable Flight location
     */
    public FlightPortClient forPort(String domain, String flightSqlUrl) {
        if (closed) {
            throw new PorticoException(ErrorCode.PORT_UNAVAILABLE, "the gateway is shutting down");
        }
        return clients.computeIfAbsent(new Key(domain, parse(flightSqlUrl)),
                key -> new FlightPortClient(key.location(), key.domain(), channels, allocator, schemaTimeout, guard));
    }

    /**
     * The port at {@code flightSqlUrl} answered (a publication or registration read its schemas, a health check
     * reached it): every client of it drops a failed connection rather than wait out gRPC's reconnect back-off,
     * and the guard closes the port's open circuit breaker ({@link PortCallGuard#portAnswered}), so the very next
     * query is sent to it. A URL that is not a URI is ignored.
     */
    public void portAnswered(String flightSqlUrl) {
        URI location;
        try {
            location = new URI(flightSqlUrl);
        } catch (URISyntaxException | NullPointerException e) {
            return;
        }
        clients.forEach((key, client) -> {
            if (key.location().equals(location) && client.reconnectIfFailed()) {
                LOG.info("the channel to {} for {} had failed; it reconnects on its next call", location, key.domain());
            }
        });
        guard.portAnswered(location);
    }

    private record Key(String domain, URI location) {

        Key {
            requireNonNull(domain, "domain is null");
        }
    }

    public List<FlightPortClient> clients() {
        return List.copyOf(clients.values());
    }

    @Override
    public void close() {
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        for (FlightPortClient client : List.copyOf(clients.values())) {
            try {
                client.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        clients.clear();
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("closing port clients failed");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private static URI parse(String flightSqlUrl) {
        try {
            return new URI(flightSqlUrl);
        } catch (URISyntaxException e) {
            throw new PorticoException(ErrorCode.INVALID_CONTRACT, "the Flight SQL URL '" + flightSqlUrl
                    + "' is not a URI; use grpc+tcp://host:port", e);
        }
    }
}

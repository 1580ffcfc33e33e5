package io.portico.gateway.catalog;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.port.PortChannels;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightGrpcUtils;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlInfo;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lightest Flight SQL call that proves an endpoint serves: {@code GetSqlInfo} for the server name, read to the
 * end, presenting the port credential of the endpoint's domain (a port answers nothing else). One client (one gRPC
 * channel, one child allocator) per endpoint and domain, kept between pings; a failed ping closes it, so the next
 * one connects afresh instead of waiting out gRPC's reconnect back-off.
 */
final class FlightSqlPing implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlightSqlPing.class);

    private final BufferAllocator allocator;
    private final PortChannels channels;
    private final Map<Key, Endpoint> endpoints = new ConcurrentHashMap<>();

    /**
     * @param parent   the process's root allocator; the ping takes a child of it
     * @param channels opens the channels, presenting each endpoint's domain's credential
     */
    FlightSqlPing(BufferAllocator parent, PortChannels channels) {
        this.channels = requireNonNull(channels, "channels is null");
        this.allocator = parent.newChildAllocator("catalog-health", 0, Long.MAX_VALUE);
    }

    /**
     * Pings an endpoint of a domain.
     *
     * @return how long the round trip took
     * @throws FlightRuntimeException when the endpoint did not answer in time or answered with an error
     * @throws RuntimeException when the URL is not a Flight location
     */
    Duration ping(String url, String domain, Duration timeout) {
        Key key = new Key(url, domain);
        Endpoint endpoint = endpoints.computeIfAbsent(key, this::open);
        long start = System.nanoTime();
        try {
            FlightInfo info = endpoint.sql().getSqlInfo(new SqlInfo[] {SqlInfo.FLIGHT_SQL_SERVER_NAME},
                    CallOptions.timeout(timeout.toNanos(), TimeUnit.NANOSECONDS));
            for (FlightEndpoint stream : info.getEndpoints()) {
                long left = Math.max(1, timeout.toNanos() - (System.nanoTime() - start));
                try (FlightStream results = endpoint.sql().getStream(stream.getTicket(),
                        CallOptions.timeout(left, TimeUnit.NANOSECONDS))) {
                    while (results.next()) {
                        // Reading to the end is the point: the endpoint streamed an answer.
                    }
                }
            }
            return Duration.ofNanos(System.nanoTime() - start);
        } catch (RuntimeException e) {
            forget(key);
            throw e;
        } catch (Exception e) {
            forget(key);
            throw new IllegalStateException("reading the answer failed: " + e.getMessage(), e);
        }
    }

    /** Closes the clients of endpoints not in {@code keep} (URL to domain). */
    void retainOnly(Map<String, String> keep) {
        Set<Key> gone = new HashSet<>(endpoints.keySet());
        keep.forEach((url, domain) -> gone.remove(new Key(url, domain)));
        gone.forEach(this::forget);
    }

    @Override
    public void close() {
        Set.copyOf(endpoints.keySet()).forEach(this::forget);
        allocator.close();
    }

    private Endpoint open(Key key) {
        BufferAllocator endpointAllocator = allocator.newChildAllocator("catalog-health " + key.url(), 0,
                Long.MAX_VALUE);
        try {
            FlightClient client = FlightGrpcUtils.createFlightClient(endpointAllocator,
                    channels.open(URI.create(key.url()), key.domain(), endpointAllocator));
            return new Endpoint(endpointAllocator, new FlightSqlClient(client));
        } catch (RuntimeException e) {
            endpointAllocator.close();
            throw e;
        }
    }

    private void forget(Key key) {
        Endpoint endpoint = endpoints.remove(key);
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private record Key(String url, String domain) {
    }

    private record Endpoint(BufferAllocator allocator, FlightSqlClient sql) {

        Endpoint {
            requireNonNull(allocator, "allocator is null");
            requireNonNull(sql, "sql is null");
        }

        void close() {
            try {
                sql.close();
            } catch (Exception e) {
                LOG.debug("closing the health-check client of {} failed: {}", allocator.getName(), e.getMessage());
            } finally {
                allocator.close();
            }
        }
    }
}

package io.portico.gateway.flightsql;

import static java.util.Objects.requireNonNull;

import io.portico.flight.tracing.PortTracing;
import io.portico.flight.tracing.TraceContextMiddleware;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The gateway's Arrow Flight SQL server: started with the application context (after the web server, so the
 * schema is being served), stopped before it. Listens on {@code portico.flight-sql.host}:{@code port}, with TLS when
 * a certificate is configured; every call is authenticated ({@link FlightSqlAuthentication}) before the producer
 * sees it. It owns its allocator (a child of the gateway's), closed when it stops: a leak fails loudly.
 */
public final class FlightSqlEndpoint implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(FlightSqlEndpoint.class);

    private final FlightSqlProperties properties;
    private final BufferAllocator allocator;
    private final GatewayFlightSqlProducer producer;
    private final FlightSqlAuthentication authentication;
    private final PortTracing tracing;
    private FlightServer server;

    FlightSqlEndpoint(FlightSqlProperties properties, BufferAllocator allocator, GatewayFlightSqlProducer producer,
            FlightSqlAuthentication authentication, PortTracing tracing) {
        this.properties = requireNonNull(properties, "properties is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.producer = requireNonNull(producer, "producer is null");
        this.authentication = requireNonNull(authentication, "authentication is null");
        this.tracing = requireNonNull(tracing, "tracing is null");
    }

    @Override
    public synchronized void start() {
        boolean tls = properties.tlsCertificateChain() != null;
        Location location = tls ? Location.forGrpcTls(properties.host(), properties.port())
                : Location.forGrpcInsecure(properties.host(), properties.port());
        FlightServer.Builder builder = FlightServer.builder(allocator, location, producer)
                .middleware(FlightSqlAuthentication.KEY, authentication)
                .backpressureThreshold((int) properties.backpressureThreshold().toBytes());
        if (tracing.enabled()) {
            builder.middleware(TraceContextMiddleware.KEY, tracing.middleware());
        }
        try (InputStream chain = tls ? Files.newInputStream(properties.tlsCertificateChain()) : null;
             InputStream key = tls ? Files.newInputStream(properties.tlsPrivateKey()) : null) {
            if (tls) {
                builder.useTls(chain, key);
            }
            server = builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("the Flight SQL endpoint could not listen on " + properties.host() + ":"
                    + properties.port() + " (portico.flight-sql.host/port): " + e.getMessage(), e);
        }
        LOG.info("Flight SQL endpoint listening at {}://{}:{}", tls ? "grpc+tls" : "grpc+tcp", properties.host(),
                server.getPort());
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            allocator.close();
            return;
        }
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Flight SQL streams still running after 5 s; closing them");
            }
            server.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
        allocator.close();
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The port it listens on (the configured one, or the one picked for port 0); -1 when stopped. */
    public synchronized int port() {
        return server == null ? -1 : server.getPort();
    }

    /** Whether it serves TLS. */
    public boolean tls() {
        return properties.tlsCertificateChain() != null;
    }

    /**
     * Not paused with its context (Spring's test context cache pauses inactive contexts and restarts them): a stop
     * closes the endpoint's allocator, so a restart could not serve, and a restart on port 0 would move it. It stops
     * when its context closes.
     */
    @Override
    public boolean isPauseable() {
        return false;
    }

    /** After the web server (phase {@code Integer.MAX_VALUE - 1024} and below): the schema is served by then. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 512;
    }
}

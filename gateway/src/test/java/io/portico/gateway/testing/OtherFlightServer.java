package io.portico.gateway.testing;

import java.io.IOException;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * A Flight server that is not a Portico port, on loopback: it asks for no credential and implements nothing (every
 * call is {@code UNIMPLEMENTED}), in particular no {@code portico.port-identity} action. Closing it fails on leaked
 * Arrow memory.
 */
public final class OtherFlightServer implements AutoCloseable {

    private final BufferAllocator allocator;
    private final FlightServer server;

    public OtherFlightServer() throws IOException {
        allocator = new RootAllocator();
        server = FlightServer.builder(allocator, Location.forGrpcInsecure("127.0.0.1", 0), new NoOpFlightProducer())
                .build()
                .start();
    }

    public String url() {
        return "grpc+tcp://127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
        allocator.close();
    }
}

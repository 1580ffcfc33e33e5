package io.portico.benchmarks.harness;

import static java.util.Objects.requireNonNull;

import io.portico.flight.auth.BearerCredentialMiddleware;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.ActionType;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A port with a known latency: a Flight proxy on loopback in front of a real Flight SQL port that forwards every
 * call (Flight SQL rides on plain Flight) and waits a set delay before the first batch of each result stream. DoPut
 * (bound parameters) is not forwarded, so benchmark queries use no {@code where}.
 */
final class DelayedPort implements AutoCloseable {

    private final BufferAllocator allocator;
    private final FlightClient upstream;
    private final FlightServer server;
    private volatile Duration delay = Duration.ZERO;

    /** @param credential what the proxy presents to the port (the port's domain's credential) */
    DelayedPort(Location upstreamLocation, String credential, BufferAllocator parent) throws IOException {
        this.allocator = parent.newChildAllocator("delayed-port", 0, Long.MAX_VALUE);
        this.upstream = FlightClient.builder(allocator, upstreamLocation)
                .intercept(new BearerCredentialMiddleware(credential))
                .build();
        this.server = FlightServer.builder(allocator, Location.forGrpcInsecure("127.0.0.1", 0), new Producer())
                .build().start();
    }

    URI location() {
        return URI.create("grpc+tcp://127.0.0.1:" + server.getPort());
    }

    void delay(Duration newDelay) {
        delay = requireNonNull(newDelay, "newDelay is null");
    }

    @Override
    public void close() throws Exception {
        upstream.close();
        server.shutdown();
        if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
            server.close();
        }
        allocator.close();
    }

    private final class Producer extends NoOpFlightProducer {

        @Override
        public FlightInfo getFlightInfo(CallContext context, FlightDescriptor descriptor) {
            return upstream.getInfo(descriptor);
        }

        @Override
        public SchemaResult getSchema(CallContext context, FlightDescriptor descriptor) {
            return upstream.getSchema(descriptor);
        }

        @Override
        public void doAction(CallContext context, Action action, StreamListener<Result> listener) {
            try {
                upstream.doAction(action).forEachRemaining(listener::onNext);
                listener.onCompleted();
            } catch (FlightRuntimeException e) {
                listener.onError(e);
            }
        }

        @Override
        public void listActions(CallContext context, StreamListener<ActionType> listener) {
            upstream.listActions().forEach(listener::onNext);
            listener.onCompleted();
        }

        @Override
        public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
            try {
                Thread.sleep(delay);
                try (FlightStream stream = upstream.getStream(ticket)) {
                    listener.start(stream.getRoot());
                    while (stream.next()) {
                        while (!listener.isReady() && !listener.isCancelled()) {
                            Thread.onSpinWait();
                        }
                        if (listener.isCancelled()) {
                            return;
                        }
                        listener.putNext();
                    }
                    listener.completed();
                }
            } catch (FlightRuntimeException e) {
                listener.error(e);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                listener.error(org.apache.arrow.flight.CallStatus.INTERNAL.withDescription(e.toString())
                        .toRuntimeException());
            }
        }
    }
}

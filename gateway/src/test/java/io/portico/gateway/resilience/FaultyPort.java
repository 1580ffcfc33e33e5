package io.portico.gateway.resilience;

import static java.util.Objects.requireNonNull;

import io.portico.flight.auth.BearerCredentialMiddleware;
import io.portico.flight.testkit.TcpRelay;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.ActionType;
import org.apache.arrow.flight.CallStatus;
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
 * A misbehaving output port for fault tests: a Flight proxy in front of a real Flight SQL port that forwards every
 * call (Flight SQL rides on plain Flight: commands in descriptors and actions, opaque tickets), and misbehaves on the
 * result streams as told: a delay before the first batch, a hang until the client gives up, an error, or a kill
 * after the first batch. Clients connect through a {@link TcpRelay}, so a kill looks like a dead process. DoPut
 * (bound parameters) is not forwarded: tests query it without {@code where}.
 */
final class FaultyPort implements AutoCloseable {

    /** What the port does with a result stream. */
    enum Fault {
        /** Forwards it (after the delay, if any). */
        NONE,
        /** Sends nothing, until the client cancels. */
        HANG,
        /** Fails it with an error of the port's own. */
        ERROR,
        /** Sends the first batch, then the process dies. */
        KILL_MID_STREAM
    }

    private final BufferAllocator allocator;
    private final FlightClient upstream;
    private final FlightServer server;
    private final TcpRelay relay;
    private final AtomicInteger activeStreams = new AtomicInteger();
    private volatile Fault fault = Fault.NONE;
    private volatile Duration delay = Duration.ZERO;

    private FaultyPort(BufferAllocator allocator, Location upstreamLocation, String credential) throws IOException {
        this.allocator = allocator.newChildAllocator("faulty-port", 0, Long.MAX_VALUE);
        this.upstream = FlightClient.builder(this.allocator, upstreamLocation)
                .intercept(new BearerCredentialMiddleware(credential))
                .build();
        this.server = FlightServer.builder(this.allocator, Location.forGrpcInsecure("127.0.0.1", 0), new Producer())
                .build().start();
        this.relay = new TcpRelay(new InetSocketAddress("127.0.0.1", server.getPort()));
    }

    /**
     * A faulty port in front of the port at {@code upstream}, behaving well until told otherwise; it calls the port
     * with {@code credential} (what the gateway presents to it is not checked).
     */
    static FaultyPort inFrontOf(Location upstream, String credential, BufferAllocator allocator) throws IOException {
        return new FaultyPort(requireNonNull(allocator, "allocator is null"), upstream, credential);
    }

    /** Where clients call the port. */
    URI location() {
        return URI.create("grpc+tcp://127.0.0.1:" + relay.port());
    }

    void misbehave(Fault newFault) {
        fault = requireNonNull(newFault, "newFault is null");
    }

    /** Waits this long before the first batch of every stream. */
    void delay(Duration newDelay) {
        delay = requireNonNull(newDelay, "newDelay is null");
    }

    /** Result streams the port is serving now (a hung one counts until the client cancels it). */
    int activeStreams() {
        return activeStreams.get();
    }

    @Override
    public void close() throws Exception {
        relay.close();
        upstream.close();
        server.shutdown();
        if (!server.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
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
            activeStreams.incrementAndGet();
            try {
                serve(ticket, listener, fault);
            } catch (FlightRuntimeException e) {
                listener.error(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                listener.error(CallStatus.CANCELLED.withDescription("interrupted").toRuntimeException());
            } finally {
                activeStreams.decrementAndGet();
            }
        }

        private void serve(Ticket ticket, ServerStreamListener listener, Fault now) throws InterruptedException {
            if (!sleepUnlessCancelled(delay, listener)) {
                return;
            }
            switch (now) {
                case HANG -> sleepUnlessCancelled(Duration.ofMinutes(1), listener);
                case ERROR -> listener.error(CallStatus.INTERNAL
                        .withDescription("the port's disk is on fire").toRuntimeException());
                case NONE, KILL_MID_STREAM -> forward(ticket, listener, now == Fault.KILL_MID_STREAM);
            }
        }

        private void forward(Ticket ticket, ServerStreamListener listener, boolean killAfterFirstBatch)
                throws InterruptedException {
            try (FlightStream stream = upstream.getStream(ticket)) {
                listener.start(stream.getRoot());
                while (stream.next()) {
                    while (!listener.isReady() && !listener.isCancelled()) {
                        Thread.sleep(1);
                    }
                    if (listener.isCancelled()) {
                        return;
                    }
                    listener.putNext();
                    if (killAfterFirstBatch) {
                        Thread.sleep(200);
                        relay.kill();
                        sleepUnlessCancelled(Duration.ofSeconds(10), listener);
                        return;
                    }
                }
                listener.completed();
            } catch (Exception e) {
                if (e instanceof InterruptedException interrupted) {
                    throw interrupted;
                }
                if (!listener.isCancelled()) {
                    listener.error(e instanceof FlightRuntimeException flight ? flight
                            : CallStatus.INTERNAL.withDescription(e.toString()).toRuntimeException());
                }
            }
        }

        /** Sleeps {@code duration} in small steps; false when the client cancelled meanwhile. */
        private boolean sleepUnlessCancelled(Duration duration, ServerStreamListener listener)
                throws InterruptedException {
            long until = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < until) {
                if (listener.isCancelled()) {
                    return false;
                }
                Thread.sleep(Math.min(10, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
            return !listener.isCancelled();
        }
    }
}

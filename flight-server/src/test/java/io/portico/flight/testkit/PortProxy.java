package io.portico.flight.testkit;

import static java.util.Objects.requireNonNull;

import io.portico.flight.auth.BearerCredentialMiddleware;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A port that misbehaves on demand: a Flight proxy on loopback in front of a real Flight SQL port (a
 * {@link TestPort}, a demo port) that forwards every call (Flight SQL rides on plain Flight: commands in descriptors
 * and actions, opaque tickets) and, on the result streams, as told:
 * <ul>
 *   <li>{@link #delay}: waits before the first batch of each stream (a slow port);</li>
 *   <li>{@link #hang}: sends nothing until the client cancels (a port that never answers);</li>
 *   <li>{@link #failNext}: fails the next N streams with a given status (a port's own error);</li>
 *   <li>{@link #cutAfter}: sends N batches of each stream, then dies: every connection is reset and new ones are
 *       refused until {@link #start()};</li>
 *   <li>{@link #stop()} and {@link #start()}: the port's process dies and comes back, at the same address.</li>
 * </ul>
 * Clients reach it through a {@link TcpRelay}, so "dies" looks like a dead process to them, and {@link #accepted()}
 * counts their connections. The proxy calls the port with the credential it is given (what clients present to the
 * proxy is not checked). DoPut (bound parameters) is not forwarded: query it without parameters.
 */
public final class PortProxy implements AutoCloseable {

    /** How long a hung stream waits for its client to cancel. */
    private static final Duration HANG = Duration.ofMinutes(1);
    /** How long a cut stream waits for its client to see the reset and cancel. */
    private static final Duration AFTER_CUT = Duration.ofSeconds(10);
    /** How long a cut waits for its last batch to have left the relay. */
    private static final Duration FLUSH = Duration.ofSeconds(5);

    private final BufferAllocator allocator;
    private final FlightClient upstream;
    private final FlightServer server;
    private final TcpRelay relay;
    private final AtomicInteger activeStreams = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile CallStatus failure = CallStatus.INTERNAL;
    private volatile Duration delay = Duration.ZERO;
    private volatile int cutAfterBatches = -1;

    private PortProxy(BufferAllocator allocator, Location upstreamLocation, String credential) throws IOException {
        this.allocator = allocator;
        this.upstream = FlightClient.builder(allocator, upstreamLocation)
                .intercept(new BearerCredentialMiddleware(credential))
                .build();
        this.server = FlightServer.builder(allocator, Location.forGrpcInsecure("127.0.0.1", 0), new Producer())
                .build().start();
        this.relay = new TcpRelay(new InetSocketAddress("127.0.0.1", server.getPort()));
    }

    /**
     * A proxy in front of the port at {@code upstream}, behaving well until told otherwise, with memory of its own.
     *
     * @param credential what the proxy presents to the port (the credential of the port's domain)
     */
    public static PortProxy inFrontOf(Location upstream, String credential) throws IOException {
        return new PortProxy(new RootAllocator(), upstream, credential);
    }

    /** Like {@link #inFrontOf(Location, String)}, its memory a child of {@code parent}. */
    public static PortProxy inFrontOf(Location upstream, String credential, BufferAllocator parent)
            throws IOException {
        return new PortProxy(parent.newChildAllocator("port-proxy", 0, Long.MAX_VALUE), upstream, credential);
    }

    /** Where clients call the port, e.g. {@code grpc+tcp://127.0.0.1:41234}. */
    public URI location() {
        return URI.create("grpc+tcp://127.0.0.1:" + relay.port());
    }

    public String url() {
        return location().toString();
    }

    /** Waits this long before the first batch of every stream ({@link Duration#ZERO}: not at all). */
    public PortProxy delay(Duration newDelay) {
        delay = requireNonNull(newDelay, "newDelay is null");
        return this;
    }

    /** Sends nothing on every stream from now on, until its client cancels it. */
    public PortProxy hang() {
        return delay(HANG);
    }

    /** Fails the next {@code streams} result streams with {@code status} (its description included). */
    public PortProxy failNext(int streams, CallStatus status) {
        failure = requireNonNull(status, "status is null");
        failuresLeft.set(streams);
        return this;
    }

    /** From now on sends {@code batches} batches of a stream, then dies as {@link #stop()} does. */
    public PortProxy cutAfter(int batches) {
        if (batches < 0) {
            throw new IllegalArgumentException("batches is negative: " + batches);
        }
        cutAfterBatches = batches;
        return this;
    }

    /** Behaves well again: no delay, no failures, no cut (a stopped proxy stays stopped until {@link #start()}). */
    public PortProxy reset() {
        delay = Duration.ZERO;
        failuresLeft.set(0);
        cutAfterBatches = -1;
        return this;
    }

    /** Dies: stops listening and resets every connection. */
    public void stop() {
        relay.kill();
    }

    /** Comes back at the same address after {@link #stop()} or a cut. */
    public void start() throws IOException {
        relay.restart();
    }

    /** Result streams being served now (a hung one counts until its client cancels it). */
    public int activeStreams() {
        return activeStreams.get();
    }

    /** Connections clients opened to the proxy so far. */
    public int accepted() {
        return relay.accepted();
    }

    @Override
    public void close() throws Exception {
        relay.close();
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
            activeStreams.incrementAndGet();
            try {
                serve(ticket, listener);
            } catch (FlightRuntimeException e) {
                listener.error(e);
            } finally {
                activeStreams.decrementAndGet();
            }
        }

        private void serve(Ticket ticket, ServerStreamListener listener) {
            if (!waitUnlessCancelled(delay, listener)) {
                return;
            }
            if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                listener.error(failure.toRuntimeException());
                return;
            }
            forward(ticket, listener, cutAfterBatches);
        }

        private void forward(Ticket ticket, ServerStreamListener listener, int cutAfter) {
            try (FlightStream stream = upstream.getStream(ticket)) {
                if (cutAfter == 0) {
                    cut(listener);
                    return;
                }
                listener.start(stream.getRoot());
                int sent = 0;
                while (stream.next()) {
                    while (!listener.isReady() && !listener.isCancelled()) {
                        LockSupport.parkNanos(100_000);
                    }
                    if (listener.isCancelled()) {
                        return;
                    }
                    long relayedBefore = relay.bytesToClients();
                    long batchBytes = bodyBytes(stream.getRoot());
                    listener.putNext();
                    sent++;
                    if (sent == cutAfter) {
                        Poll.within(FLUSH, () -> relay.bytesToClients() >= relayedBefore + batchBytes);
                        cut(listener);
                        return;
                    }
                }
                listener.completed();
            } catch (Exception e) {
                if (!listener.isCancelled()) {
                    listener.error(e instanceof FlightRuntimeException flight ? flight
                            : CallStatus.INTERNAL.withDescription(e.toString()).toRuntimeException());
                }
            }
        }

        private void cut(ServerStreamListener listener) {
            relay.kill();
            Poll.within(AFTER_CUT, listener::isCancelled);
        }

        /** Waits {@code duration}; false when the client cancelled meanwhile. */
        private boolean waitUnlessCancelled(Duration duration, ServerStreamListener listener) {
            if (duration.isZero()) {
                return !listener.isCancelled();
            }
            Poll.within(duration, listener::isCancelled);
            return !listener.isCancelled();
        }

        private static long bodyBytes(VectorSchemaRoot root) {
            long bytes = 0;
            for (FieldVector vector : root.getFieldVectors()) {
                bytes += vector.getBufferSize();
            }
            return bytes;
        }
    }
}

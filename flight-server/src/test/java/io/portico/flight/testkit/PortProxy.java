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
 *   <li>{@link #cutAfter}: sends N batches of each stream, then dies between two writes: every connection ends
 *       after the bytes sent (the client reads those N batches, then the end of the connection) and new ones are
 *       refused until {@link #start()};</li>
 *   <li>{@link #stop()} and {@link #start()}: the port's process dies (every connection reset) and comes back, at
 *       the same address.</li>
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
    /** Polls without a byte relayed after which the last batch counts as flushed. */
    private static final int QUIET_POLLS = 4;

    private final BufferAllocator allocator;
    private final FlightClient upstream;
    private final FlightServer server;
    private final TcpRelay relay;
    private final AtomicInteger activeStreams = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile CallStatus failure = CallStatus.INTERNAL;
    private volatile Duration delay = Duration.ZERO;
    private volatile int cutAfterBatches = -1;

    private PortProxy(BufferAllocator allocator, Location upstreamLocation, String credential, boolean relayed)
            throws IOException {
        this.allocator = allocator;
        this.upstream = FlightClient.builder(allocator, upstreamLocation)
                .intercept(new BearerCredentialMiddleware(credential))
                .build();
        this.server = FlightServer.builder(allocator, Location.forGrpcInsecure("127.0.0.1", 0), new Producer())
                .build().start();
        this.relay = relayed ? new TcpRelay(new InetSocketAddress("127.0.0.1", server.getPort())) : null;
    }

    /**
     * A proxy in front of the port at {@code upstream}, behaving well until told otherwise, with memory of its own.
     *
     * @param credential what the proxy presents to the port (the credential of the port's domain)
     */
    public static PortProxy inFrontOf(Location upstream, String credential) throws IOException {
        return new PortProxy(new RootAllocator(), upstream, credential, true);
    }

    /** Like {@link #inFrontOf(Location, String)}, its memory a child of {@code parent}. */
    public static PortProxy inFrontOf(Location upstream, String credential, BufferAllocator parent)
            throws IOException {
        return new PortProxy(parent.newChildAllocator("port-proxy", 0, Long.MAX_VALUE), upstream, credential, true);
    }

    /**
     * A proxy that can delay, hang and fail but not die: clients reach its Flight server directly, without the TCP
     * relay, so {@link #cutAfter}, {@link #stop()}, {@link #start()} and {@link #accepted()} throw. For benchmarks,
     * where the relay's extra hop would be measured with the port.
     */
    public static PortProxy withoutRelay(Location upstream, String credential) throws IOException {
        return new PortProxy(new RootAllocator(), upstream, credential, false);
    }

    /** Where clients call the port, e.g. {@code grpc+tcp://127.0.0.1:41234}. */
    public URI location() {
        return URI.create("grpc+tcp://127.0.0.1:" + (relay == null ? server.getPort() : relay.port()));
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

    /**
     * From now on sends {@code batches} batches of a stream, then dies: connections end after the bytes sent and new
     * ones are refused until {@link #start()}.
     */
    public PortProxy cutAfter(int batches) {
        if (batches < 0) {
            throw new IllegalArgumentException("batches is negative: " + batches);
        }
        relay();
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
        relay().kill();
    }

    /** Comes back at the same address after {@link #stop()} or a cut. */
    public void start() throws IOException {
        relay().restart();
    }

    /** Result streams being served now (a hung one counts until its client cancels it). */
    public int activeStreams() {
        return activeStreams.get();
    }

    /** Connections clients opened to the proxy so far. */
    public int accepted() {
        return relay().accepted();
    }

    @Override
    public void close() throws Exception {
        if (relay != null) {
            relay.close();
        }
        upstream.close();
        server.shutdown();
        if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
            server.close();
        }
        allocator.close();
    }

    private TcpRelay relay() {
        if (relay == null) {
            throw new IllegalStateException("this proxy has no relay (withoutRelay): it cannot die");
        }
        return relay;
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
                long relayedAtStart = relay == null ? 0 : relay.bytesToClients();
                long bodyBytesSent = 0;
                listener.start(stream.getRoot());
                int sent = 0;
                while (stream.next()) {
                    while (!listener.isReady() && !listener.isCancelled()) {
                        LockSupport.parkNanos(100_000);
                    }
                    if (listener.isCancelled()) {
                        return;
                    }
                    sent++;
                    if (cutAfter > 0) {
                        bodyBytesSent += bodyBytes(stream.getRoot());
                    }
                    listener.putNext();
                    if (sent == cutAfter) {
                        awaitRelayed(relayedAtStart + bodyBytesSent);
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

        /**
         * Waits until the relay passed at least {@code bytes} on to clients (the batches' bodies; their framing makes
         * them larger) and then nothing more for a few polls: the last batch has left the relay.
         */
        private void awaitRelayed(long bytes) {
            Poll.within(FLUSH, () -> relay.bytesToClients() >= bytes);
            long[] last = {-1};
            int[] quiet = {0};
            Poll.within(FLUSH, () -> {
                long now = relay.bytesToClients();
                quiet[0] = now == last[0] ? quiet[0] + 1 : 0;
                last[0] = now;
                return quiet[0] >= QUIET_POLLS;
            });
        }

        private void cut(ServerStreamListener listener) {
            relay.cut();
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

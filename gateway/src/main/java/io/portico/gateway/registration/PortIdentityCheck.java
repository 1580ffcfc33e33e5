package io.portico.gateway.registration;

import static java.util.Objects.requireNonNull;

import io.grpc.ManagedChannel;
import io.portico.flight.auth.PortIdentity;
import io.portico.gateway.port.PortChannels;
import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightGrpcUtils;
import org.apache.arrow.flight.Result;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Asks an endpoint which domain it serves: one Flight action {@link PortIdentity#ACTION}, presenting the port
 * credential of the domain that claims the endpoint and nothing else, within a deadline, on a channel of its own
 * that accepts small answers only and is closed right after. A Portico port of another domain refuses the
 * credential; a server that is not a Portico port has no such action; either way the answer is a failure, whose
 * reason is for the gateway's log only.
 */
final class PortIdentityCheck {

    /** The most an identity answer may take: a small JSON object. */
    private static final int MAX_ANSWER_BYTES = 16 << 10;

    private final PortChannels channels;
    private final BufferAllocator allocator;
    private final AtomicLong checks = new AtomicLong();

    /**
     * @param channels  opens the channel, with the claiming domain's credential
     * @param allocator the process's root allocator; every check takes a child, closed when it ends
     */
    PortIdentityCheck(PortChannels channels, BufferAllocator allocator) {
        this.channels = requireNonNull(channels, "channels is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    /**
     * What the port at {@code location} states when asked with {@code domain}'s credential.
     *
     * @return the identity it stated, or the reason it stated none (never shown to a user)
     */
    Answer ask(URI location, String domain, Duration timeout) {
        try (BufferAllocator checkAllocator = allocator.newChildAllocator("identity-check #"
                + checks.incrementAndGet(), 0, MAX_ANSWER_BYTES * 4L)) {
            ManagedChannel channel = channels.open(location, domain, checkAllocator, MAX_ANSWER_BYTES);
            try (FlightClient client = FlightGrpcUtils.createFlightClient(checkAllocator, channel)) {
                Iterator<Result> results = client.doAction(new Action(PortIdentity.ACTION),
                        CallOptions.timeout(timeout.toNanos(), TimeUnit.NANOSECONDS));
                if (!results.hasNext()) {
                    return Answer.failed("the endpoint answered the identity action with nothing");
                }
                PortIdentity identity = PortIdentity.fromJson(results.next().getBody());
                results.forEachRemaining(ignored -> { });
                return Answer.stated(identity);
            } finally {
                channel.shutdownNow();
            }
        } catch (Exception e) {
            return Answer.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * What an endpoint answered: the identity it stated, or why it stated none.
     *
     * @param identity the stated identity, or null
     * @param failure  why there is none, or null
     */
    record Answer(PortIdentity identity, String failure) {

        static Answer stated(PortIdentity identity) {
            return new Answer(requireNonNull(identity, "identity is null"), null);
        }

        static Answer failed(String failure) {
            return new Answer(null, requireNonNull(failure, "failure is null"));
        }
    }
}

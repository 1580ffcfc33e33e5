package io.portico.gateway.registry;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Set;

/**
 * When to ask the ports that are down again: {@link #FIRST} (or the configured interval if shorter) after a port
 * goes down, then twice as long after each attempt that leaves the same ports down, up to the configured retry
 * interval ({@code portico.ports.retry-interval}). A port that goes down anew (a publication of an unreachable
 * port, another replica's) starts the backoff again; so does a pass that finds nothing down.
 *
 * <p>Not thread-safe: one retry loop asks it.
 */
final class RetryBackoff {

    /** The first wait after a port is found down. */
    static final Duration FIRST = Duration.ofSeconds(1);

    private final Duration first;
    private final Duration longest;
    private Set<String> downBefore;
    private Duration delay;

    /**
     * @param longest  the longest wait between two attempts: the configured retry interval
     * @param downNow  the ports down when the backoff starts
     */
    RetryBackoff(Duration longest, Set<String> downNow) {
        this.longest = requireNonNull(longest, "longest is null");
        this.first = FIRST.compareTo(longest) < 0 ? FIRST : longest;
        this.downBefore = Set.copyOf(downNow);
        this.delay = first;
    }

    /** The wait before the first attempt. */
    Duration first() {
        return first;
    }

    /**
     * The wait before the next attempt, given the ports still down after the one just made.
     *
     * @param downNow the ports down now, by the key they are listed under
     */
    Duration next(Set<String> downNow) {
        boolean wentDownAnew = !downBefore.containsAll(downNow);
        if (downNow.isEmpty() || wentDownAnew) {
            delay = first;
        } else {
            Duration doubled = delay.multipliedBy(2);
            delay = doubled.compareTo(longest) < 0 ? doubled : longest;
        }
        downBefore = Set.copyOf(downNow);
        return delay;
    }
}

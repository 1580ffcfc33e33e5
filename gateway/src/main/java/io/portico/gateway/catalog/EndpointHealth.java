package io.portico.gateway.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a Flight SQL endpoint answers, as the last check saw it.
 *
 * @param state     {@link State#UP} when it answered
 * @param lastCheck when it was checked; null while {@link State#UNKNOWN}
 * @param latency   the round trip of the check; null unless it answered
 * @param message   what failed and what to do when down, a short summary otherwise
 */
public record EndpointHealth(State state, Instant lastCheck, Duration latency, String message) {

    public EndpointHealth {
        requireNonNull(state, "state is null");
        requireNonNull(message, "message is null");
        if ((state == State.UNKNOWN) != (lastCheck == null)) {
            throw new IllegalArgumentException("an endpoint has a last check exactly when its state is known");
        }
    }

    /** The latency in milliseconds (fractional), or null. */
    public Double latencyMs() {
        return latency == null ? null : latency.toNanos() / 1_000_000.0;
    }

    public enum State {
        /** The endpoint answered. */
        UP("answered the health check"),
        /** The endpoint did not answer, or answered with an error. */
        DOWN("did not answer the health check"),
        /** Not checked yet. */
        UNKNOWN("not checked yet");

        private final String summary;

        State(String summary) {
            this.summary = summary;
        }

        /** The state in words, without any detail of the endpoint: what anonymous catalog readers see. */
        public String summary() {
            return summary;
        }
    }
}

package io.portico.gateway.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * Whether a registered port is part of the schema, as operators see it.
 *
 * @param portId   the contract id
 * @param domain   the port's domain
 * @param location the port's Flight SQL URL
 * @param state    {@link State#UP} when its datasets are in the schema
 * @param message  why the port is down (what failed and what to do), or a summary when up
 * @param since    when the port entered this state
 * @param datasets the datasets the port serves in the schema (empty while down)
 */
public record PortStatus(
        String portId, String domain, String location, State state, String message, Instant since,
        List<String> datasets) {

    public PortStatus {
        requireNonNull(portId, "portId is null");
        requireNonNull(domain, "domain is null");
        requireNonNull(location, "location is null");
        requireNonNull(state, "state is null");
        requireNonNull(message, "message is null");
        requireNonNull(since, "since is null");
        datasets = List.copyOf(datasets);
    }

    public boolean up() {
        return state == State.UP;
    }

    public enum State {
        /** The port answered with its live schemas; its datasets are in the schema. */
        UP,
        /** The port could not be asked for its live schemas; it is retried in the background. */
        DOWN
    }
}

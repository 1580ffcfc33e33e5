package io.portico.gateway.usage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * Reads of one {@link UsageKey} aggregated since the last flush, to be added to the registry database.
 *
 * @param key      what was read, by whom, which day
 * @param reads    how many requests read it
 * @param lastSeen the latest of those requests
 * @param roles    the subject's roles as last seen
 * @param groups   the subject's groups as last seen
 * @param domains  the subject's domains as last seen
 */
public record UsageDelta(UsageKey key, long reads, Instant lastSeen, List<String> roles, List<String> groups,
        List<String> domains) {

    public UsageDelta {
        requireNonNull(key, "key is null");
        requireNonNull(lastSeen, "lastSeen is null");
        roles = List.copyOf(roles);
        groups = List.copyOf(groups);
        domains = List.copyOf(domains);
        if (reads <= 0) {
            throw new IllegalArgumentException("reads must be above 0: " + reads);
        }
    }
}

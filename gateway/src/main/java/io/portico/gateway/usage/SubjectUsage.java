package io.portico.gateway.usage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One subject's reads of one field over a window.
 *
 * @param id       the subject's id; empty for anonymous callers
 * @param roles    its roles as last seen
 * @param groups   its groups as last seen
 * @param domains  its domains as last seen
 * @param reads    requests that read the field in the window, summed over replicas
 * @param lastSeen the latest of them
 */
public record SubjectUsage(String id, List<String> roles, List<String> groups, List<String> domains, long reads,
        Instant lastSeen) {

    public SubjectUsage {
        requireNonNull(id, "id is null");
        roles = List.copyOf(roles);
        groups = List.copyOf(groups);
        domains = List.copyOf(domains);
        requireNonNull(lastSeen, "lastSeen is null");
    }
}

package io.portico.policies.audit;

import static java.util.Objects.requireNonNull;

import io.portico.policies.Subject;
import java.util.List;

/**
 * Who asked: the subject's id, roles, groups and domains, nothing else of its token (attributes such as a region are
 * values the audit trail does not need; the row filters it records name them only as {@code subject.region}). The
 * JSON line of an event names the id and roles; groups and domains are for in-process sinks such as the gateway's
 * usage recording.
 *
 * @param id      the subject's id; empty for an anonymous request
 * @param roles   the subject's roles, sorted
 * @param groups  the subject's groups, sorted
 * @param domains the domains the subject's token names, sorted
 */
public record AuditSubject(String id, List<String> roles, List<String> groups, List<String> domains) {

    public AuditSubject {
        requireNonNull(id, "id is null");
        roles = roles.stream().sorted().toList();
        groups = groups.stream().sorted().toList();
        domains = domains.stream().sorted().toList();
    }

    /** A subject with an id and roles only. */
    public AuditSubject(String id, List<String> roles) {
        this(id, roles, List.of(), List.of());
    }

    public static AuditSubject of(Subject subject) {
        return new AuditSubject(subject.id(), List.copyOf(subject.roles()), List.copyOf(subject.groups()),
                List.copyOf(subject.domains()));
    }
}

package io.portico.policies.audit;

import static java.util.Objects.requireNonNull;

import io.portico.policies.Subject;
import java.util.List;

/**
 * Who asked: the subject's id and roles, nothing else of its token (attributes such as a region are values the
 * audit trail does not need; the row filters it records name them only as {@code subject.region}).
 *
 * @param id    the subject's id; empty for an anonymous request
 * @param roles the subject's roles, sorted
 */
public record AuditSubject(String id, List<String> roles) {

    public AuditSubject {
        requireNonNull(id, "id is null");
        roles = roles.stream().sorted().toList();
    }

    public static AuditSubject of(Subject subject) {
        return new AuditSubject(subject.id(), List.copyOf(subject.roles()));
    }
}

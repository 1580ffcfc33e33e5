package io.portico.gateway.usage;

import io.portico.policies.audit.AuditDataset;
import io.portico.policies.audit.AuditEvent;
import io.portico.policies.audit.AuditField;
import io.portico.policies.audit.AuditOperation;
import io.portico.policies.audit.AuditOutcome;
import io.portico.policies.audit.AuditSubject;
import io.portico.policies.model.Effect;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Audit events as the gateway records them, for the usage tests. */
final class UsageEvents {

    static final String ORDERS = "urn:portico:sales:orders:orders:v1";
    static final String CUSTOMERS = "urn:portico:crm:customers:customers:v1";

    private UsageEvents() {
    }

    static AuditSubject subject(String id, String role, String group, String domain) {
        return new AuditSubject(id, role == null ? List.of() : List.of(role), group == null ? List.of()
                : List.of(group), domain == null ? List.of() : List.of(domain));
    }

    static AuditEvent event(Instant at, AuditSubject subject, AuditOutcome outcome, AuditDataset... datasets) {
        return new AuditEvent(at, UUID.randomUUID().toString(), null, subject, AuditOperation.of(null, "{ x }"),
                "graphql", List.of(datasets), Duration.ofMillis(3), outcome, List.of());
    }

    static AuditEvent event(Instant at, AuditSubject subject, AuditDataset... datasets) {
        return event(at, subject, AuditOutcome.OK, datasets);
    }

    static AuditDataset read(String urn, String... fields) {
        return new AuditDataset(urn, List.of(fields).stream().map(UsageEvents::allowed).toList(), List.of(),
                List.of(), 1);
    }

    static AuditField allowed(String field) {
        return new AuditField(field, Effect.ALLOW, "default", null);
    }

    static AuditField denied(String field) {
        return new AuditField(field, Effect.DENY, "no-birth-dates", null);
    }
}

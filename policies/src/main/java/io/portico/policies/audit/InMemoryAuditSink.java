package io.portico.policies.audit;

import java.util.ArrayList;
import java.util.List;

/** Keeps events in memory, in order: for tests and for showing recent events. Thread-safe. */
public final class InMemoryAuditSink implements AuditSink {

    private final List<AuditEvent> events = new ArrayList<>();
    private boolean closed;

    @Override
    public synchronized void record(AuditEvent event) {
        if (closed) {
            throw new IllegalStateException("the audit sink is closed");
        }
        events.add(event);
    }

    /** A copy of the events recorded so far. */
    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}

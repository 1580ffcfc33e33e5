package io.portico.policies.audit;

import java.io.Closeable;

/**
 * Where audit events go: one {@link #record} per request. Implementations are thread-safe (requests record
 * concurrently) and make an event durable, or at least handed over, before {@link #record} returns. A sink that
 * cannot record throws: losing audit events silently is not an option, the caller decides what a failure means.
 */
public interface AuditSink extends Closeable {

    /** Records one event. @throws IllegalStateException when the sink is closed */
    void record(AuditEvent event);

    /** Releases the sink's resources; events recorded afterwards are refused. */
    @Override
    void close();
}

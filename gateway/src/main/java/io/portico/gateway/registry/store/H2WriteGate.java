package io.portico.gateway.registry.store;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * Runs the writing transactions of this JVM on H2 databases one at a time, from their first statement through
 * their commit, so that H2 writes each of them to its file whole.
 *
 * <p>Why: H2's MVStore saves the database file as a snapshot of its maps (one per table and one per index), taken
 * one map after the other by the session that commits (with {@code WRITE_DELAY 0}, inside its commit). A commit
 * first marks its transaction committed, then rewrites its changes map by map as committed values, then clears its
 * undo log. A snapshot taken by another session in the middle of that can hold the cleared undo log with some maps
 * rewritten and others not: after {@code kill -9} H2 reopens such a file with the transaction half applied, neither
 * completed nor rolled back, and a table can disagree with its own index. RegistryCrashTest found exactly that: a
 * registration's supersede of the old version kept, its new row lost, and the status index still listing the lost
 * row as active; and the registry version lagging the rows. With one writing transaction at a time no snapshot is
 * taken while another transaction commits, so the file always holds whole transactions.
 *
 * <p>Every writer of an H2 registry database in the gateway goes through this gate (a {@code SELECT ... FOR UPDATE}
 * is a write for H2: it stores row locks). Plain reads need not. The gate is per JVM, so it protects an embedded H2
 * file (which one process opens) but not an H2 server shared by several gateways; those use PostgreSQL, whose
 * write-ahead log needs no gate: on other dialects this runs the work directly.
 */
public final class H2WriteGate {

    private static final ReentrantLock WRITERS = new ReentrantLock();

    private H2WriteGate() {
    }

    /**
     * Runs {@code transaction} (which must begin and commit its own database transaction) while no other writing
     * transaction of this JVM runs, when {@code dsl} is over H2; directly otherwise. Reentrant.
     *
     * @return what {@code transaction} returned, after its commit
     */
    public static <T> T write(DSLContext dsl, Supplier<T> transaction) {
        requireNonNull(transaction, "transaction is null");
        if (dsl.dialect().family() != SQLDialect.H2) {
            return transaction.get();
        }
        WRITERS.lock();
        try {
            return transaction.get();
        } finally {
            WRITERS.unlock();
        }
    }

    /** Whether a writer waits at the gate; for tests. */
    static boolean hasWaitingWriters() {
        return WRITERS.hasQueuedThreads();
    }
}

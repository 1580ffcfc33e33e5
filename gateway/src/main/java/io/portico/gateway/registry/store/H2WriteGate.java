package io.portico.gateway.registry.store;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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
 * is a write for H2: it stores row locks). Plain reads need not. There is one gate per embedded H2 database of the
 * JVM (its URL without settings), which only this process opens. A database reached through an H2 server
 * ({@code jdbc:h2:tcp:}, {@code jdbc:h2:ssl:}) is written by the server's process for several clients, where a gate
 * in one client cannot help, and PostgreSQL's write-ahead log needs none: for those this runs the work directly.
 */
public final class H2WriteGate {

    /** The gate of each embedded H2 database, by its URL without settings. */
    private static final ConcurrentMap<String, ReentrantLock> DATABASES = new ConcurrentHashMap<>();

    private H2WriteGate() {
    }

    /**
     * Runs {@code transaction} (which must begin and commit its own database transaction) while no other writing
     * transaction of this JVM runs on the same database, when {@code dsl} is over an embedded H2 database; directly
     * otherwise. Reentrant.
     *
     * @return what {@code transaction} returned, after its commit
     */
    public static <T> T write(DSLContext dsl, Supplier<T> transaction) {
        requireNonNull(transaction, "transaction is null");
        ReentrantLock writers = gateOf(dsl);
        if (writers == null) {
            return transaction.get();
        }
        writers.lock();
        try {
            return transaction.get();
        } finally {
            writers.unlock();
        }
    }

    /** Whether a writer waits at the gate of {@code dsl}'s database; for tests. */
    static boolean hasWaitingWriters(DSLContext dsl) {
        ReentrantLock writers = gateOf(dsl);
        return writers != null && writers.hasQueuedThreads();
    }

    /** The gate of an embedded H2 database; null for other databases. */
    private static ReentrantLock gateOf(DSLContext dsl) {
        if (dsl.dialect().family() != SQLDialect.H2) {
            return null;
        }
        String url = dsl.connectionResult(connection -> connection.getMetaData().getURL());
        String database = url.split(";", 2)[0];
        if (database.startsWith("jdbc:h2:tcp:") || database.startsWith("jdbc:h2:ssl:")) {
            return null;
        }
        return DATABASES.computeIfAbsent(database, name -> new ReentrantLock());
    }
}

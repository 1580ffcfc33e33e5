package io.portico.flight;

import static java.util.Objects.requireNonNull;

import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The port's database sessions: each statement, description or catalog listing borrows a {@link PortSession} of its
 * own and gives it back when done.
 *
 * <p>DuckDB: a session is a {@code DuckDBConnection#duplicate()} of the port's database with its time zone set to
 * UTC once ({@link PortDatabase#connect()}), keeping the statements it prepared ({@link StatementCache}), so a
 * statement text sent again costs neither a new connection nor a new prepare. A session runs one statement at a time
 * and is lent to exactly one caller. It returns to the pool only when healthy: its statement completed, or failed on
 * its own SQL (that statement is dropped). A session whose statement was cancelled, failed on the connection or
 * stopped for any other reason is closed instead. At most {@code poolSize} idle sessions are kept, the most recently
 * used lent first (so the sessions in use stay few and their statements warm); callers beyond them get a session of
 * their own, closed after use, so a slow client never makes another caller wait.
 *
 * <p>Other databases (PostgreSQL, H2 over JDBC) are not pooled: every lease connects anew and closes its connection
 * and statements at the end.
 *
 * <p>{@link #close()} closes every idle session; a session still lent is closed when its caller gives it back.
 */
final class PortSessions implements AutoCloseable {

    private final PortDatabase database;
    private final int poolSize;
    private final int statementCacheSize;
    private final ArrayDeque<PortSession> idle = new ArrayDeque<>();
    private boolean closed; // guarded by idle

    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong sessionsClosed = new AtomicLong();
    private final AtomicLong lent = new AtomicLong();
    private final AtomicLong statementsPrepared = new AtomicLong();
    private final AtomicLong statementsClosed = new AtomicLong();

    private PortSessions(PortDatabase database, int poolSize, int statementCacheSize) {
        this.database = requireNonNull(database, "database is null");
        if (poolSize < 0 || statementCacheSize < 0) {
            throw new IllegalArgumentException("poolSize and statementCacheSize must not be negative");
        }
        this.poolSize = poolSize;
        this.statementCacheSize = statementCacheSize;
    }

    /**
     * The sessions of a port over {@code database}: pooled with {@code poolSize} idle sessions of up to
     * {@code statementCacheSize} statements each for DuckDB, one connection per lease for other databases.
     */
    static PortSessions of(PortDatabase database, int poolSize, int statementCacheSize) {
        return database instanceof PortDatabase.DuckDb
                ? new PortSessions(database, poolSize, statementCacheSize)
                : new PortSessions(database, 0, 0);
    }

    /**
     * A session for one caller, who must {@linkplain PortSession#release release} it.
     *
     * @throws SQLException     when a new connection cannot be made
     * @throws PorticoException {@link ErrorCode#PORT_UNAVAILABLE} once the port is shutting down
     */
    PortSession lend() throws SQLException {
        PortSession session;
        synchronized (idle) {
            if (closed) {
                throw new PorticoException(ErrorCode.PORT_UNAVAILABLE, "the port is shutting down");
            }
            session = idle.pollFirst();
        }
        if (session == null) {
            session = new PortSession(database.connect(), this, statementCacheSize);
            opened.incrementAndGet();
        }
        session.lend();
        lent.incrementAndGet();
        return session;
    }

    /** Called by {@link PortSession#release}: keeps a healthy session while the pool has room, closes it otherwise. */
    void takeBack(PortSession session, boolean healthy) {
        if (healthy) {
            synchronized (idle) {
                if (!closed && idle.size() < poolSize) {
                    idle.addFirst(session);
                    return;
                }
            }
        }
        session.close();
    }

    /** Closes every idle session; sessions still lent are closed when given back. */
    @Override
    public void close() {
        List<PortSession> closing;
        synchronized (idle) {
            closed = true;
            closing = new ArrayList<>(idle);
            idle.clear();
        }
        closing.forEach(PortSession::close);
    }

    void countPrepared() {
        statementsPrepared.incrementAndGet();
    }

    void countStatementClosed() {
        statementsClosed.incrementAndGet();
    }

    void countClosed() {
        sessionsClosed.incrementAndGet();
    }

    /** What the sessions did so far, for tests and diagnostics. */
    Stats stats() {
        int idleNow;
        synchronized (idle) {
            idleNow = idle.size();
        }
        return new Stats(opened.get(), sessionsClosed.get(), idleNow, lent.get(), statementsPrepared.get(),
                statementsClosed.get());
    }

    /**
     * A snapshot of the sessions' counters.
     *
     * @param opened             connections made ({@code duplicate()} for DuckDB)
     * @param closed             sessions closed
     * @param idle               sessions in the pool now
     * @param leases             sessions lent
     * @param statementsPrepared statements prepared
     * @param statementsClosed   statements closed
     */
    record Stats(long opened, long closed, int idle, long leases, long statementsPrepared, long statementsClosed) {

        /** Sessions open now: idle ones and those lent. */
        long open() {
            return opened - closed;
        }
    }
}

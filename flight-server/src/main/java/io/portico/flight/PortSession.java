package io.portico.flight;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One database session of the port: a connection and the statements it prepared ({@link StatementCache}), lent by
 * {@link PortSessions} to one caller at a time, which gives it back with {@link #release}.
 *
 * <p>{@link #prepare} returns the statement the session already prepared for the same text, with its parameters
 * cleared (the caller binds them anew; a statement run without its parameters fails rather than reusing an earlier
 * caller's values). The {@link #canceller} of a lease may run on any thread; it reaches the session's statement only
 * while the session is still lent for that lease, so a late cancel never reaches the next borrower's statement, and
 * a cancelled session is closed, never lent again.
 */
final class PortSession {

    private static final Logger LOG = LoggerFactory.getLogger(PortSession.class);

    private final Connection connection;
    private final PortSessions owner;
    private final StatementCache statements;
    /** Statements prepared for the current lease only (too long to cache, or no cache); closed at release. */
    private final List<PreparedStatement> uncached = new ArrayList<>(1);

    // guarded by this
    private long lease;
    private boolean lent;
    private boolean cancelled;
    private boolean broken;
    private PreparedStatement current;

    PortSession(Connection connection, PortSessions owner, int statementCacheSize) {
        this.connection = requireNonNull(connection, "connection is null");
        this.owner = requireNonNull(owner, "owner is null");
        this.statements = new StatementCache(statementCacheSize, this::closeStatement);
    }

    /** The session's connection, for work that prepares its own statements (the catalog's live schemas). */
    Connection connection() {
        return connection;
    }

    synchronized void lend() {
        if (lent) {
            throw new IllegalStateException("a session is lent to one caller at a time");
        }
        lease++;
        lent = true;
        cancelled = false;
        current = null;
    }

    /**
     * What cancels this lease's statement, for a cancel callback that may run late: once the session is given back
     * (and perhaps lent again), it does nothing.
     */
    synchronized Runnable canceller() {
        long mine = lease;
        return () -> cancel(mine);
    }

    /**
     * The statement for {@code sql}: the one this session prepared before for the same text, parameters cleared, or
     * a new one (kept for next time when the cache takes it). A kept statement the driver closed (DuckDB closes a
     * statement whose execution failed) is replaced.
     */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement != null && statement.isClosed()) {
            statements.remove(sql);
            statement = null;
        }
        if (statement != null) {
            statement.clearParameters();
        } else {
            statement = connection.prepareStatement(sql);
            owner.countPrepared();
            if (statements.accepts(sql)) {
                statements.put(sql, statement);
            } else {
                uncached.add(statement);
            }
        }
        synchronized (this) {
            current = statement;
        }
        return statement;
    }

    /** Closes the statement kept for {@code sql}, if any: it failed, and is prepared afresh next time. */
    void forget(String sql) {
        synchronized (this) {
            current = null;
        }
        statements.remove(sql);
    }

    /**
     * A failure of the session's statement: drops the statement, and when the failure looks like the connection's
     * (SQLSTATE class 08, a fatal or interrupted database, a closed connection), the session too.
     */
    void failed(String sql, SQLException failure) {
        forget(sql);
        if (isConnectionFailure(failure)) {
            markBroken();
        }
    }

    /** The session is not to be lent again: {@link #release} closes it. */
    synchronized void markBroken() {
        broken = true;
    }

    /** Cancels the running statement of the given lease, if still lent; the session is then closed at release. */
    private synchronized void cancel(long target) {
        if (!lent || lease != target) {
            return;
        }
        cancelled = true;
        if (current != null) {
            try {
                current.cancel();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("could not cancel a statement: {}", e.toString());
            }
        }
    }

    /**
     * Gives the session back: to the pool when {@code reusable} (its statement completed, or failed on its own SQL)
     * and it was neither cancelled nor broken; otherwise it is closed.
     */
    void release(boolean reusable) {
        boolean healthy;
        synchronized (this) {
            healthy = reusable && !cancelled && !broken;
            lent = false;
            current = null;
        }
        for (PreparedStatement statement : uncached) {
            closeStatement(statement);
        }
        uncached.clear();
        owner.takeBack(this, healthy && isOpen());
    }

    /** Closes the session's statements and its connection; never throws. */
    void close() {
        statements.clear();
        uncached.forEach(this::closeStatement);
        uncached.clear();
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("could not close a database session: {}", e.toString());
        }
        owner.countClosed();
    }

    int cachedStatements() {
        return statements.size();
    }

    private boolean isOpen() {
        try {
            return !connection.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }

    private void closeStatement(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("could not close a prepared statement: {}", e.toString());
        }
        owner.countStatementClosed();
    }

    /**
     * Whether a failure is the connection's rather than the statement's: SQLSTATE class 08 (connection exception),
     * or DuckDB's word for an invalidated database, a lost connection or an interrupt.
     */
    static boolean isConnectionFailure(SQLException failure) {
        String state = failure.getSQLState();
        if (state != null && state.startsWith("08")) {
            return true;
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage().toLowerCase(Locale.ROOT);
        return message.contains("fatal") || message.contains("invalidated") || message.contains("connection")
                || message.contains("interrupt");
    }
}

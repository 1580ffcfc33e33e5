package io.portico.flight;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The prepared statements of one database session by SQL text, least recently used first; at most {@code capacity}
 * of them, and only texts up to {@value #LONGEST_CACHED_STATEMENT} characters (a statement with a long inlined key
 * list rarely repeats exactly). A statement that leaves the cache (evicted, {@linkplain #remove removed} or
 * {@linkplain #clear cleared}) is handed to the closer.
 *
 * <p>Not thread-safe: it belongs to its session, which is lent to one caller at a time.
 */
final class StatementCache {

    /** Statements longer than this are prepared for one execution and not kept. */
    static final int LONGEST_CACHED_STATEMENT = 16 << 10;

    private final int capacity;
    private final Consumer<PreparedStatement> closer;
    private final LinkedHashMap<String, PreparedStatement> statements = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param capacity how many statements to keep; 0 keeps none
     * @param closer   closes a statement that leaves the cache
     */
    StatementCache(int capacity, Consumer<PreparedStatement> closer) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, got " + capacity);
        }
        this.capacity = capacity;
        this.closer = closer;
    }

    /** The statement prepared for exactly this text, or null; a hit makes it the most recently used. */
    PreparedStatement get(String sql) {
        return statements.get(sql);
    }

    /** Whether a statement for this text would be kept. */
    boolean accepts(String sql) {
        return capacity > 0 && sql.length() <= LONGEST_CACHED_STATEMENT;
    }

    /** Keeps the statement (only if {@link #accepts}), closing the least recently used one beyond the capacity. */
    void put(String sql, PreparedStatement statement) {
        if (!accepts(sql)) {
            throw new IllegalArgumentException("the cache does not keep this statement");
        }
        PreparedStatement previous = statements.put(sql, statement);
        if (previous != null && previous != statement) {
            closer.accept(previous);
        }
        Iterator<Map.Entry<String, PreparedStatement>> eldest = statements.entrySet().iterator();
        while (statements.size() > capacity) {
            PreparedStatement evicted = eldest.next().getValue();
            eldest.remove();
            closer.accept(evicted);
        }
    }

    /** Drops and closes the statement for this text, if any (after it failed, say). */
    void remove(String sql) {
        PreparedStatement removed = statements.remove(sql);
        if (removed != null) {
            closer.accept(removed);
        }
    }

    /** Drops and closes every statement. */
    void clear() {
        List<PreparedStatement> all = new ArrayList<>(statements.values());
        statements.clear();
        all.forEach(closer);
    }

    int size() {
        return statements.size();
    }
}

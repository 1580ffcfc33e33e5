package io.portico.flight;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The last statements a port executed, newest last: the SQL text exactly as received, the bound parameter values,
 * and what was streamed back. Bounded (older entries are dropped) and thread-safe.
 *
 * <p>An entry is recorded when its stream ends, before the client sees the end of the stream, so a client that has
 * read a whole result can immediately find its statement here. Refused statements never run and are not recorded.
 */
public final class StatementLog {

    /** How many entries a port keeps by default. */
    public static final int DEFAULT_CAPACITY = 256;

    private final int capacity;
    private final ArrayDeque<Entry> entries;

    public StatementLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(capacity);
    }

    /** How a statement's stream ended. */
    public enum Outcome {
        /** Every row was sent. */
        COMPLETED,
        /** The client cancelled the stream (or went away) before the end. */
        CANCELLED,
        /** The statement or the stream failed; the client got an error. */
        FAILED
    }

    /**
     * One executed statement.
     *
     * @param sql             the SQL text exactly as the client sent it
     * @param parameters      the bound parameter values in order, as Java objects ({@code Long}, {@code String},
     *                        {@code BigDecimal}, {@code LocalDate}, {@code OffsetDateTime}, ...); may contain nulls
     * @param rowsSent        rows streamed to the client
     * @param batchesSent     record batches streamed to the client
     * @param bytesSent       Arrow buffer bytes of those batches
     * @param peakMemoryBytes the most Arrow memory the stream held at once on the server (batches in flight included)
     * @param outcome         how the stream ended
     * @param startedAt       when execution began
     * @param duration        from execution start to the end of the stream
     */
    public record Entry(
            String sql,
            List<Object> parameters,
            long rowsSent,
            long batchesSent,
            long bytesSent,
            long peakMemoryBytes,
            Outcome outcome,
            Instant startedAt,
            Duration duration) {

        public Entry {
            requireNonNull(sql, "sql is null");
            parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
            requireNonNull(outcome, "outcome is null");
            requireNonNull(startedAt, "startedAt is null");
            requireNonNull(duration, "duration is null");
        }
    }

    public int capacity() {
        return capacity;
    }

    void record(Entry entry) {
        requireNonNull(entry, "entry is null");
        synchronized (entries) {
            if (entries.size() == capacity) {
                entries.removeFirst();
            }
            entries.addLast(entry);
        }
    }

    /** A snapshot of the entries, oldest first. */
    public List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** The most recent entry, if any. */
    public Optional<Entry> last() {
        synchronized (entries) {
            return Optional.ofNullable(entries.peekLast());
        }
    }

    /** The most recent entry that matches, if any. */
    public Optional<Entry> lastMatching(Predicate<? super Entry> predicate) {
        List<Entry> snapshot = entries();
        for (int index = snapshot.size() - 1; index >= 0; index--) {
            if (predicate.test(snapshot.get(index))) {
                return Optional.of(snapshot.get(index));
            }
        }
        return Optional.empty();
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}

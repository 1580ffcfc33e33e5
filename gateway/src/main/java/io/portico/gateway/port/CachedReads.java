package io.portico.gateway.port;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/**
 * What the port reads of one request were served from, as the result cache reports them: for each read it served
 * from a cached port answer (a hit, or the load it made), that answer ({@link Source}); for each read it could not
 * keep (an answer over its size bound), a mark. A whole GraphQL answer may be kept only as long as every port
 * answer it was made of is still the one the result cache serves ({@code io.portico.gateway.answers}).
 *
 * <p>A read reports to the ledger current on its thread: the read path runs each port call of a request through
 * {@link #around} its executor. A read on a thread with no ledger reports nothing; a port whose answers are not
 * cached reports nothing either, which is why a ledger says which ports it heard from ({@link Source#portId}).
 */
public final class CachedReads {

    private static final ThreadLocal<CachedReads> CURRENT = new ThreadLocal<>();

    /** A cached port answer a read was served from. */
    public interface Source {

        /** The id of the port whose answer it is. */
        String portId();

        /** Whether the result cache would serve this very answer now: not expired, invalidated or replaced. */
        boolean stillServed();

        /** How long, at the most, the answer is served from its load on (its time to live). */
        long ttlNanos();
    }

    private final Queue<Source> sources = new ConcurrentLinkedQueue<>();
    private volatile boolean uncached;

    /** Reports to the ledger current on this thread, if any, that a read was served from {@code source}. */
    public static void servedFrom(Source source) {
        requireNonNull(source, "source is null");
        CachedReads current = CURRENT.get();
        if (current != null) {
            current.sources.add(source);
        }
    }

    /** Reports to the ledger current on this thread, if any, that a read was answered by a port answer not kept. */
    public static void notKept() {
        CachedReads current = CURRENT.get();
        if (current != null) {
            current.uncached = true;
        }
    }

    /** {@code executor}, running each task with this ledger current on the task's thread. */
    public Executor around(Executor executor) {
        requireNonNull(executor, "executor is null");
        return task -> executor.execute(() -> {
            CachedReads previous = CURRENT.get();
            CURRENT.set(this);
            try {
                task.run();
            } finally {
                if (previous == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(previous);
                }
            }
        });
    }

    /** The cached port answers the reads were served from, so far. */
    public List<Source> sources() {
        return List.copyOf(sources);
    }

    /** Whether some read was answered by a port answer the result cache did not keep. */
    public boolean anyNotKept() {
        return uncached;
    }
}

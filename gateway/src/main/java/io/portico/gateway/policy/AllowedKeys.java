package io.portico.gateway.policy;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.portico.gateway.plan.PortQuery;
import io.portico.gateway.plan.QueryPlanner;
import io.portico.gateway.port.ColumnarResult;
import io.portico.gateway.port.ColumnMasks;
import io.portico.gateway.port.PortReader;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.vector.types.pojo.Field;
import org.jooq.Condition;

/**
 * Reads the allowed keys of a related dataset from its port, for a row filter that follows a relationship to
 * another port: {@code SELECT DISTINCT key ... WHERE <its row filter> ... LIMIT max + 1}, through the port's client
 * and its guards (timeout, breaker, bulkhead). More than {@code maxKeys} keys refuse the request
 * ({@code QUERY_LIMIT_EXCEEDED}): a filter is never silently truncated.
 *
 * <p>Sets are cached for a short time ({@code cacheTtl}), bounded by the number of keys they hold together, keyed
 * by the port, the statement as sent (the related filter bound to the subject's claims, inlined) and the registry
 * version: the support staff of one region share one read. A related row that becomes visible or hidden
 * is seen once the set expires. Concurrent requests for one set wait for one read; a failed read is not cached.
 * Thread-safe.
 */
public final class AllowedKeys {

    private final QueryPlanner planner;
    private final Executor executor;
    private final int maxKeys;
    private final AsyncCache<Key, Outcome> cache;
    private final AtomicLong reads = new AtomicLong();

    /**
     * @param planner      renders the key reads
     * @param executor     runs them (blocking port calls)
     * @param maxKeys      the most keys accepted for one filter; 0: related datasets of other ports are not read
     * @param cacheTtl     how long a set is reused; zero: not cached
     * @param cacheMaxKeys the most keys the cached sets hold together; 0: not cached
     * @param ticker       the cache's clock
     */
    public AllowedKeys(QueryPlanner planner, Executor executor, int maxKeys, Duration cacheTtl, long cacheMaxKeys,
            Ticker ticker) {
        this.planner = requireNonNull(planner, "planner is null");
        this.executor = requireNonNull(executor, "executor is null");
        if (maxKeys < 0) {
            throw new IllegalArgumentException("maxKeys must not be negative: " + maxKeys);
        }
        this.maxKeys = maxKeys;
        this.cache = cacheTtl.isZero() || cacheMaxKeys == 0 ? null : Caffeine.newBuilder()
                .expireAfterWrite(cacheTtl)
                .maximumWeight(cacheMaxKeys)
                .weigher((Key key, Outcome outcome) -> outcome.weight())
                .ticker(requireNonNull(ticker, "ticker is null"))
                .executor(Runnable::run)
                .buildAsync();
    }

    /** Whether related datasets of other ports are read at all ({@code max-keys} above 0). */
    public boolean crossPort() {
        return maxKeys > 0;
    }

    /** The most keys accepted for one filter. */
    public int maxKeys() {
        return maxKeys;
    }

    /** How many key reads were sent to ports so far (cache misses). */
    public long reads() {
        return reads.get();
    }

    /** Forgets every cached set. */
    public void invalidateAll() {
        if (cache != null) {
            cache.synchronous().invalidateAll();
        }
    }

    /**
     * The distinct keys of the rows of {@code target} that satisfy {@code rowFilter}, each a list of values in key
     * order, none null.
     *
     * @param target          the related dataset
     * @param port            the reader of its port (the read path's seam, as every other port read)
     * @param keys            its key fields
     * @param rowFilter       the rows of it the subject may see, rendered over its columns
     * @param registryVersion the version of the registry the schema in use was built from
     * @param filtered        the dataset whose filter needs the keys, {@code domain.dataset}, for the refusal
     * @return the keys; failed with {@code QUERY_LIMIT_EXCEEDED} when there are more than the maximum, or with the
     *         port's error
     */
    public CompletableFuture<List<List<Object>>> read(DatasetBinding target, PortReader port,
            List<FieldBinding> keys, Condition rowFilter, long registryVersion, String filtered) {
        if (maxKeys == 0) {
            throw new IllegalStateException("related datasets of other ports are not read (max-keys is 0)");
        }
        PortQuery statement = planner.planRelatedKeys(target, keys, rowFilter, maxKeys + 1);
        Key key = new Key(target.portId(), statement.statement(), registryVersion);
        CompletableFuture<Outcome> outcome = cache == null
                ? load(target, port, keys, statement)
                : cache.get(key, (absent, ignored) -> load(target, port, keys, statement));
        return outcome.thenApply(read -> {
            if (read.tooMany()) {
                throw tooMany(target, filtered);
            }
            return read.keys();
        });
    }

    private CompletableFuture<Outcome> load(DatasetBinding target, PortReader port, List<FieldBinding> keys,
            PortQuery statement) {
        List<Field> columns = keys.stream().map(FieldBinding::arrowField).toList();
        return CompletableFuture.supplyAsync(() -> {
            reads.incrementAndGet();
            ColumnarResult rows = port.read(target.portId(), statement, columns, maxKeys + 1, ColumnMasks.NONE);
            if (rows.rowCount() > maxKeys) {
                return Outcome.TOO_MANY;
            }
            List<List<Object>> values = new ArrayList<>(rows.rowCount());
            for (int row = 0; row < rows.rowCount(); row++) {
                List<Object> value = new ArrayList<>(keys.size());
                for (int column = 0; column < keys.size(); column++) {
                    value.add(rows.cursorValue(column, row));
                }
                values.add(List.copyOf(value));
            }
            return new Outcome(List.copyOf(values), false);
        }, executor);
    }

    private PorticoException tooMany(DatasetBinding target, String filtered) {
        String related = target.domain() + "." + target.dataset();
        return new PorticoException(ErrorCode.QUERY_LIMIT_EXCEEDED, "the policy's row filter of " + filtered
                + " admits the rows whose " + related + " row you may see, and " + related + " is served by another"
                + " port: the keys of the " + related + " rows you may see are more than"
                + " portico.policies.related-filter.max-keys (" + maxKeys + "), too many to send to the port of "
                + filtered + ". Nothing was read. Ask the platform team to raise the maximum or to serve both datasets"
                + " from one port (then the filter is one semi-join)");
    }

    /**
     * What a cached set depends on: where it was read, the statement the port is sent (the filter's values inlined
     * in it, as the result cache keys its entries) and the registry. One registry version names one port by its id:
     * a port moved or re-registered is a new version.
     */
    private record Key(String portId, String statement, long registryVersion) {
    }

    /** The keys read, or "more than the maximum". */
    private record Outcome(List<List<Object>> keys, boolean tooMany) {

        static final Outcome TOO_MANY = new Outcome(List.of(), true);

        int weight() {
            return Math.max(1, keys.size());
        }
    }
}

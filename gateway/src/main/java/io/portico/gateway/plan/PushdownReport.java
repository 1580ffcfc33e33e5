package io.portico.gateway.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a plan pushed down to the port, for tests, logs and (later) {@code EXPLAIN}-style diagnostics. Everything
 * a request asked for is either here or was refused: the planner never drops a condition.
 *
 * <p>A planner's report renders its SQL parts ({@link #filter()}, {@link #ordering()}, {@link #groupBy()},
 * {@link #aggregates()}) from the plan's jOOQ expressions only when first asked for, then keeps them: no read needs
 * them, and rendering them for every request cost as much as several statements. Thread-safe.
 */
public final class PushdownReport {

    private final List<String> projection;
    private final int limit;
    private final boolean keyset;
    private final boolean count;
    private final Supplier<SqlParts> sqlRendering;
    private volatile SqlParts sqlParts;

    /**
     * @param projection the columns fetched (physical names), in order
     * @param filter     the pushed {@code where}, as SQL with placeholders
     * @param ordering   the total ordering, e.g. {@code [totalAmount DESC, orderId ASC]}
     * @param limit      the row limit sent (page size + 1, to learn whether a next page exists)
     * @param keyset     whether an {@code after} cursor was turned into a keyset condition
     * @param count      whether a count query is sent for {@code totalCount}
     * @param groupBy    an aggregate's group keys as the port computes them (SQL), e.g.
     *                   {@code [status, date_trunc('month', ...)]}; empty for a page, or an aggregate over all rows
     * @param aggregates an aggregate's values as the port computes them (SQL), e.g. {@code [count(*), sum(...)]};
     *                   empty for a page. An aggregate plan is one statement: the port groups and aggregates, the
     *                   gateway never computes an aggregate from rows
     */
    public PushdownReport(List<String> projection, Optional<String> filter, List<String> ordering, int limit,
            boolean keyset, boolean count, List<String> groupBy, List<String> aggregates) {
        this(projection, limit, keyset, count, null);
        this.sqlParts = new SqlParts(filter, ordering, groupBy, aggregates);
    }

    /** The report of a page: no grouping, no aggregates. */
    public PushdownReport(List<String> projection, Optional<String> filter, List<String> ordering, int limit,
            boolean keyset, boolean count) {
        this(projection, filter, ordering, limit, keyset, count, List.of(), List.of());
    }

    private PushdownReport(List<String> projection, int limit, boolean keyset, boolean count,
            Supplier<SqlParts> sqlRendering) {
        this.projection = List.copyOf(projection);
        this.limit = limit;
        this.keyset = keyset;
        this.count = count;
        this.sqlRendering = sqlRendering;
    }

    /** A planner's report, whose SQL parts {@code sqlRendering} renders when first asked for. */
    static PushdownReport rendered(List<String> projection, int limit, boolean keyset, boolean count,
            Supplier<SqlParts> sqlRendering) {
        return new PushdownReport(projection, limit, keyset, count, requireNonNull(sqlRendering, "sqlRendering"));
    }

    /** The columns fetched (physical names), in order. */
    public List<String> projection() {
        return projection;
    }

    /** The pushed {@code where}, as SQL with placeholders. */
    public Optional<String> filter() {
        return sqlParts().filter();
    }

    /** The total ordering, e.g. {@code [totalAmount DESC, orderId ASC]}. */
    public List<String> ordering() {
        return sqlParts().ordering();
    }

    /** The row limit sent (page size + 1, to learn whether a next page exists). */
    public int limit() {
        return limit;
    }

    /** Whether an {@code after} cursor was turned into a keyset condition. */
    public boolean keyset() {
        return keyset;
    }

    /** Whether a count query is sent for {@code totalCount}. */
    public boolean count() {
        return count;
    }

    /** An aggregate's group keys as the port computes them (SQL); empty for a page, or an aggregate of all rows. */
    public List<String> groupBy() {
        return sqlParts().groupBy();
    }

    /** An aggregate's values as the port computes them (SQL); empty for a page. */
    public List<String> aggregates() {
        return sqlParts().aggregates();
    }

    /** Whether the port aggregates: this is the report of an aggregate plan. */
    public boolean aggregated() {
        return !aggregates().isEmpty();
    }

    private SqlParts sqlParts() {
        SqlParts rendered = sqlParts;
        if (rendered != null) {
            return rendered;
        }
        synchronized (this) {
            if (sqlParts == null) {
                sqlParts = sqlRendering.get();
            }
            return sqlParts;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof PushdownReport that && projection.equals(that.projection)
                && limit == that.limit && keyset == that.keyset && count == that.count
                && sqlParts().equals(that.sqlParts());
    }

    @Override
    public int hashCode() {
        return Objects.hash(projection, limit, keyset, count);
    }

    @Override
    public String toString() {
        SqlParts parts = sqlParts();
        return "PushdownReport[projection=" + projection + ", filter=" + parts.filter() + ", ordering="
                + parts.ordering() + ", limit=" + limit + ", keyset=" + keyset + ", count=" + count + ", groupBy="
                + parts.groupBy() + ", aggregates=" + parts.aggregates() + "]";
    }

    /** The SQL parts of a report (see the public constructor). */
    record SqlParts(Optional<String> filter, List<String> ordering, List<String> groupBy, List<String> aggregates) {

        SqlParts {
            ordering = List.copyOf(ordering);
            groupBy = List.copyOf(groupBy);
            aggregates = List.copyOf(aggregates);
        }
    }
}

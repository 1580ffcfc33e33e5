package io.portico.gateway.plan;

import java.util.List;
import java.util.Optional;

/**
 * What a plan pushed down to the port, for tests, logs and (later) {@code EXPLAIN}-style diagnostics. Everything
 * a request asked for is either here or was refused: the planner never drops a condition.
 *
 * @param projection the columns fetched (physical names), in order
 * @param filter     the pushed {@code where}, as SQL with placeholders
 * @param ordering   the total ordering, e.g. {@code [totalAmount DESC, orderId ASC]}
 * @param limit      the row limit sent (page size + 1, to learn whether a next page exists)
 * @param keyset     whether an {@code after} cursor was turned into a keyset condition
 * @param count      whether a count query is sent for {@code totalCount}
 * @param groupBy    an aggregate's group keys as the port computes them (SQL), e.g.
 *                   {@code [status, date_trunc('month', ...)]}; empty for a page, or an aggregate over all rows
 * @param aggregates an aggregate's values as the port computes them (SQL), e.g. {@code [count(*), sum(...)]}; empty
 *                   for a page. An aggregate plan is one statement: the port groups and aggregates, the gateway
 *                   never computes an aggregate from rows
 */
public record PushdownReport(
        List<String> projection, Optional<String> filter, List<String> ordering, int limit, boolean keyset,
        boolean count, List<String> groupBy, List<String> aggregates) {

    public PushdownReport {
        projection = List.copyOf(projection);
        ordering = List.copyOf(ordering);
        groupBy = List.copyOf(groupBy);
        aggregates = List.copyOf(aggregates);
    }

    /** The report of a page: no grouping, no aggregates. */
    public PushdownReport(List<String> projection, Optional<String> filter, List<String> ordering, int limit,
            boolean keyset, boolean count) {
        this(projection, filter, ordering, limit, keyset, count, List.of(), List.of());
    }

    /** Whether the port aggregates: this is the report of an aggregate plan. */
    public boolean aggregated() {
        return !aggregates.isEmpty();
    }
}

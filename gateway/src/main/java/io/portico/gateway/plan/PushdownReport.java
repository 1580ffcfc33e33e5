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
 */
public record PushdownReport(
        List<String> projection, Optional<String> filter, List<String> ordering, int limit, boolean keyset,
        boolean count) {

    public PushdownReport {
        projection = List.copyOf(projection);
        ordering = List.copyOf(ordering);
    }
}

package io.portico.gateway.read;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.plan.QueryPlan;
import io.portico.gateway.policy.DeniedField;
import io.portico.gateway.port.ColumnarResult;
import java.util.List;
import java.util.Set;

/**
 * One page read from a dataset under a request's policy.
 *
 * @param plan        the plan it was read with (columns, ordering, page size, cursors)
 * @param rows        the rows the port returned: up to one more than the page size, masks applied
 * @param totalCount  the number of matching rows the subject may see, or null when not asked for
 * @param withheld    GraphQL names of the dataset's fields denied to the subject: null in every row
 * @param denied      the selected fields that are denied, with the deciding rules, for the caller to report
 */
public record DatasetPage(QueryPlan plan, ColumnarResult rows, Long totalCount, Set<String> withheld,
        List<DeniedField> denied) {

    public DatasetPage {
        requireNonNull(plan, "plan is null");
        requireNonNull(rows, "rows is null");
        withheld = Set.copyOf(withheld);
        denied = List.copyOf(denied);
    }

    /** The rows shown: the port's rows up to the page size (the extra row only tells that a next page exists). */
    public int size() {
        return Math.min(rows.rowCount(), plan.pageSize());
    }
}

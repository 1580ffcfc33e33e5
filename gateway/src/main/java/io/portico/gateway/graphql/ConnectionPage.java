package io.portico.gateway.graphql;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.plan.QueryPlan;
import io.portico.gateway.port.ColumnarResult;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;

/**
 * One page of a connection field: the rows a port returned for a {@link QueryPlan}, read by the node, edge and
 * page-info fetchers by row index. The plan fetched one row more than the page size; that row only tells
 * whether a next page exists and is never shown.
 */
final class ConnectionPage {

    private final QueryPlan plan;
    private final ColumnarResult rows;
    private final Object[][] columnByField;
    private final int[] cursorColumns;
    private final int visibleRows;
    private final boolean hasPreviousPage;
    private final Long totalCount;

    /**
     * @param plan            the plan the rows were fetched with
     * @param rows            the rows, in {@link QueryPlan#columns()} order
     * @param hasPreviousPage whether the request continued from a cursor
     * @param totalCount      the number of matching rows, or null when not requested
     */
    ConnectionPage(QueryPlan plan, ColumnarResult rows, boolean hasPreviousPage, Long totalCount) {
        this(plan, rows, hasPreviousPage, totalCount, Set.of());
    }

    /**
     * @param withheld GraphQL names of fields a policy denies: their values are null in every row, even when
     *                 their column was fetched because a cursor needs it
     */
    ConnectionPage(QueryPlan plan, ColumnarResult rows, boolean hasPreviousPage, Long totalCount,
            Set<String> withheld) {
        this.plan = requireNonNull(plan, "plan is null");
        this.rows = requireNonNull(rows, "rows is null");
        this.hasPreviousPage = hasPreviousPage;
        this.totalCount = totalCount;
        this.visibleRows = Math.min(rows.rowCount(), plan.pageSize());
        List<FieldBinding> fields = plan.binding().fields();
        this.columnByField = new Object[fields.size()][];
        for (int field = 0; field < fields.size(); field++) {
            String name = fields.get(field).graphQLName();
            int column = plan.columnIndex(name);
            columnByField[field] = column < 0 || withheld.contains(name) ? null : rows.column(column);
        }
        List<FieldBinding> cursorFields = plan.cursorFields();
        this.cursorColumns = new int[cursorFields.size()];
        for (int key = 0; key < cursorColumns.length; key++) {
            cursorColumns[key] = plan.columnIndex(cursorFields.get(key).graphQLName());
        }
    }

    /** The value of the dataset field at {@code fieldIndex} (its position in the binding) in a visible row. */
    Object value(int fieldIndex, int row) {
        Object[] column = columnByField[fieldIndex];
        return column == null ? null : column[row];
    }

    /** The rows of this page, each a {@link RowRef}; serves as both {@code nodes} and {@code edges}. */
    List<RowRef> rows() {
        return new RowList(this);
    }

    /** The dataset the rows belong to. */
    DatasetBinding binding() {
        return plan.binding();
    }

    int size() {
        return visibleRows;
    }

    /** The opaque cursor of a visible row. */
    String cursor(int row) {
        Object[] values = new Object[cursorColumns.length];
        for (int key = 0; key < cursorColumns.length; key++) {
            values[key] = rows.cursorValue(cursorColumns[key], row);
        }
        return plan.cursorFor(Arrays.asList(values));
    }

    boolean hasNextPage() {
        return rows.rowCount() > plan.pageSize();
    }

    boolean hasPreviousPage() {
        return hasPreviousPage;
    }

    String startCursor() {
        return visibleRows == 0 ? null : cursor(0);
    }

    String endCursor() {
        return visibleRows == 0 ? null : cursor(visibleRows - 1);
    }

    Long totalCount() {
        return totalCount;
    }

    /** One visible row of a page: the source object of node fields, and of edge fields. */
    record RowRef(ConnectionPage page, int row) {
    }

    /**
     * The visible rows of a page as the value of a {@code nodes} or {@code edges} field, which
     * {@link ColumnarExecutionStrategy} recognises to complete the list from the page's columns.
     */
    static final class RowList extends AbstractList<RowRef> implements RandomAccess {

        private final ConnectionPage page;

        RowList(ConnectionPage page) {
            this.page = page;
        }

        ConnectionPage page() {
            return page;
        }

        @Override
        public RowRef get(int index) {
            if (index < 0 || index >= page.visibleRows) {
                throw new IndexOutOfBoundsException(index);
            }
            return new RowRef(page, index);
        }

        @Override
        public int size() {
            return page.visibleRows;
        }
    }
}

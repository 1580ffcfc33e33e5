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
 *
 * <p>A page of a relationship field is a view of some rows of a batch result shared by all parents
 * ({@link #subPage}): its row {@code i} is row {@code rowMap[i]} of the result.
 */
final class ConnectionPage {

    private final QueryPlan plan;
    private final ColumnarResult rows;
    private final Object[][] columnByField;
    private final int[] cursorColumns;
    private final int visibleRows;
    private final int[] rowMap;
    private final boolean hasNextPage;
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
        this.rowMap = null;
        this.hasNextPage = rows.rowCount() > plan.pageSize();
        List<FieldBinding> fields = plan.binding().fields();
        this.columnByField = new Object[fields.size()][];
        for (int field = 0; field < fields.size(); field++) {
            String name = fields.get(field).graphQLName();
            int column = plan.columnIndex(name);
            columnByField[field] = column < 0 || column >= rows.columnCount() || withheld.contains(name)
                    ? null : rows.column(column);
        }
        List<FieldBinding> cursorFields = plan.cursorFields();
        this.cursorColumns = new int[cursorFields.size()];
        for (int key = 0; key < cursorColumns.length; key++) {
            cursorColumns[key] = plan.columnIndex(cursorFields.get(key).graphQLName());
        }
    }

    private ConnectionPage(ConnectionPage base, int[] rowMap, int visibleRows, boolean hasNextPage,
            boolean hasPreviousPage, Long totalCount) {
        this.plan = base.plan;
        this.rows = base.rows;
        this.columnByField = base.columnByField;
        this.cursorColumns = base.cursorColumns;
        this.rowMap = rowMap;
        this.visibleRows = visibleRows;
        this.hasNextPage = hasNextPage;
        this.hasPreviousPage = hasPreviousPage;
        this.totalCount = totalCount;
    }

    /**
     * A page of some rows of this page's result, in the order given: a relationship field's page of one parent.
     * The rows past {@code pageSize} only tell that a next page exists.
     *
     * @param resultRows      row indexes in the result, for this page's rows then the row past the page, if any
     * @param pageSize        how many of them are shown
     * @param hasPreviousPage whether the request continued from a cursor
     * @param totalCount      the parent's number of matching rows, or null when not requested
     */
    ConnectionPage subPage(int[] resultRows, int pageSize, boolean hasPreviousPage, Long totalCount) {
        return new ConnectionPage(this, resultRows, Math.min(resultRows.length, pageSize),
                resultRows.length > pageSize, hasPreviousPage, totalCount);
    }

    /** The result row of a row of this page. */
    private int resultRow(int row) {
        return rowMap == null ? row : rowMap[row];
    }

    /** The value of the dataset field at {@code fieldIndex} (its position in the binding) in a visible row. */
    Object value(int fieldIndex, int row) {
        Object[] column = columnByField[fieldIndex];
        return column == null ? null : column[resultRow(row)];
    }

    /**
     * The value of a field a relationship joins on, in a visible row: unmasked, even when a policy masks or denies
     * the field (it was fetched for the join, {@link io.portico.gateway.plan.DatasetRequest#joinFields()}). Never
     * shown to a client; null when the field was not fetched.
     */
    Object joinValue(String graphQLName, int row) {
        int column = plan.columnIndex(graphQLName);
        return column < 0 ? null : rows.cursorValue(column, resultRow(row));
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
            values[key] = rows.cursorValue(cursorColumns[key], resultRow(row));
        }
        return plan.cursorFor(Arrays.asList(values));
    }

    boolean hasNextPage() {
        return hasNextPage;
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

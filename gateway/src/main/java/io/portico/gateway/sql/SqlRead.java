package io.portico.gateway.sql;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.plan.AggregateRequest;
import io.portico.gateway.plan.DatasetRequest;
import io.portico.gateway.plan.JoinRequest;
import java.util.List;
import java.util.OptionalLong;

/**
 * A statement, parsed and checked against the tables, before any policy: what the dataset reader is asked for, and
 * how its answer becomes the statement's result columns: the rows of one table, an aggregate of one table, or the
 * rows of a join of tables of one port.
 */
public sealed interface SqlRead permits SqlRead.Rows, SqlRead.Aggregate, SqlRead.Join {

    /** The table read; a join's first table. */
    SqlTable table();

    /**
     * A {@code SELECT} of columns.
     *
     * @param table   the table read
     * @param request {@code selectedFields} are the GraphQL names of the selected columns in {@code SELECT} order
     *                (without repeats; {@code SELECT *} gives every column); {@code where} and {@code orderBy} come
     *                from {@code WHERE} and {@code ORDER BY}; {@code first}, {@code after} and
     *                {@code totalCountRequested} are unused (0, null, false): paging is {@code offset} and
     *                {@code limit}
     * @param star    whether the select list holds {@code *} (or {@code t.*}): the caller expands it to the columns
     *                the subject may see
     * @param labels  the result columns' names, one per output column in order: the alias, else the column's name
     *                ({@code *} contributes every column's name)
     * @param offset  {@code OFFSET}, 0 without
     * @param limit   {@code LIMIT} or {@code FETCH FIRST}, empty without
     * @param columns the column each output shows, parallel to {@code labels} (a column selected twice appears
     *                twice here and once in {@code selectedFields})
     */
    record Rows(SqlTable table, DatasetRequest request, boolean star, List<String> labels, long offset,
            OptionalLong limit, List<SqlColumn> columns) implements SqlRead {

        public Rows {
            requireNonNull(table, "table is null");
            requireNonNull(request, "request is null");
            labels = List.copyOf(labels);
            requireNonNull(limit, "limit is null");
            columns = List.copyOf(columns);
            if (labels.size() != columns.size()) {
                throw new IllegalArgumentException("one label per column: " + labels + " for " + columns.size());
            }
        }
    }

    /**
     * A {@code SELECT} with aggregates and/or {@code GROUP BY}.
     *
     * @param table   the table read
     * @param request the aggregate read; {@code first} is {@code LIMIT}, or without one the most groups the planner
     *                returns ({@link SqlStatements#maxGroups()}, {@code portico.query.max-page-size}): a caller that
     *                must know whether groups were cut can ask for one more; {@code timeZone} is UTC
     * @param outputs the select list, in order
     */
    record Aggregate(SqlTable table, AggregateRequest request, List<Output> outputs) implements SqlRead {

        public Aggregate {
            requireNonNull(table, "table is null");
            requireNonNull(request, "request is null");
            outputs = List.copyOf(outputs);
        }
    }

    /**
     * A {@code SELECT} of columns of two or more tables served by one port, joined ({@code JOIN} or
     * {@code LEFT JOIN}) on equal columns.
     *
     * @param tables  the tables in {@code FROM} order, parallel to {@code request.sources()}
     * @param request the join read; {@code selected} holds each output's column once
     * @param outputs the result columns, in order ({@code *} and {@code t.*} expanded to every column)
     */
    record Join(List<SqlTable> tables, JoinRequest request, List<JoinOutput> outputs) implements SqlRead {

        public Join {
            tables = List.copyOf(tables);
            requireNonNull(request, "request is null");
            outputs = List.copyOf(outputs);
            if (tables.size() != request.sources().size()) {
                throw new IllegalArgumentException("one table per source: " + tables.size() + " for "
                        + request.sources().size());
            }
        }

        @Override
        public SqlTable table() {
            return tables.getFirst();
        }
    }

    /**
     * One result column of a join.
     *
     * @param label    its name: the alias, else the column's name
     * @param field    the column, as the join request names it
     * @param column   the column, as SQL names it
     * @param fromStar whether it comes from {@code *} or {@code t.*}: the caller leaves it out when the subject may
     *                 not see it, where a column named explicitly is refused
     */
    record JoinOutput(String label, JoinRequest.JoinField field, SqlColumn column, boolean fromStar) {

        public JoinOutput {
            requireNonNull(label, "label is null");
            requireNonNull(field, "field is null");
            requireNonNull(column, "column is null");
        }
    }

    /** One result column of an aggregate. */
    sealed interface Output {

        /** The result column's name: the alias, else the column's name or the function's ({@code count}, ...). */
        String label();
    }

    /** A group key's value; {@code groupKey} is its index in {@code request.groupBy()}. */
    record GroupKeyOutput(String label, int groupKey) implements Output {
    }

    /** The group's row count ({@code count(*)}, or {@code count(col)} of a column that holds no nulls). */
    record CountOutput(String label) implements Output {
    }

    /** An aggregate of a column. */
    record MeasureOutput(String label, AggregateRequest.Measure measure) implements Output {
    }
}

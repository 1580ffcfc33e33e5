package io.portico.gateway.sql;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.plan.AggregateRequest;
import io.portico.gateway.plan.DatasetRequest;
import java.util.List;
import java.util.OptionalLong;

/**
 * A statement, parsed and checked against the tables, before any policy: what the dataset reader is asked for, and
 * how its answer becomes the statement's result columns. Sealed so that a read of several tables (a join within one
 * port) can be added as another kind.
 */
public sealed interface SqlRead permits SqlRead.Rows, SqlRead.Aggregate {

    /** The table read. */
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

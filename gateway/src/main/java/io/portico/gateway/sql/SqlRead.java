package io.portico.gateway.sql;

import io.portico.gateway.plan.AggregateRequest;
import io.portico.gateway.plan.DatasetRequest;
import java.util.List;
import java.util.OptionalLong;

/** A statement, parsed and checked against the tables, before any policy. */
public sealed interface SqlRead permits SqlRead.Rows, SqlRead.Aggregate {
    SqlTable table();

    record Rows(SqlTable table, DatasetRequest request, boolean star, List<String> labels, long offset,
            OptionalLong limit) implements SqlRead {
    }

    record Aggregate(SqlTable table, AggregateRequest request, List<Output> outputs) implements SqlRead {
    }

    sealed interface Output {
        String label();
    }

    record GroupKeyOutput(String label, int groupKey) implements Output {
    }

    record CountOutput(String label) implements Output {
    }

    record MeasureOutput(String label, AggregateRequest.Measure measure) implements Output {
    }
}

package io.portico.gateway.flightsql;

import io.portico.gateway.plan.JoinRequest.JoinField;
import io.portico.gateway.policy.DatasetAccess;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.gateway.read.DatasetReader;
import io.portico.gateway.read.DatasetSource;
import io.portico.gateway.sql.SqlRead;
import io.portico.gateway.sql.SqlTable;
import io.portico.policies.decision.FieldDecision;
import io.portico.policies.mask.VectorMasker;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Flight SQL endpoint's side of a join of tables of one port ({@link SqlRead.Join}): its answer's schema as the
 * caller may see it, and its stream through {@link io.portico.gateway.read.JoinReader}. As for one table, a selected
 * column the caller may not see is refused naming the column and the rule; {@code *} and {@code x.*} leave such
 * columns out; masked columns are announced (and arrive) masked.
 */
final class JoinStatements {

    /**
     * A join planned for one caller.
     *
     * @param sources the joined datasets, in {@code FROM} order
     * @param shown   the columns answered, in answer order
     */
    record Join(List<DatasetSource> sources, List<JoinField> shown) {
    }

    private JoinStatements() {
    }

    /**
     * Checks {@code read} against the caller's policy and describes its answer.
     *
     * @throws PorticoException {@code FORBIDDEN} for a selected column the caller may not see, a hidden column in
     *                          {@code ON}, {@code WHERE} or {@code ORDER BY}, or no visible column at all
     */
    static SqlStatementRunner.Planned plan(ServedTables tables, SqlRead.Join read, RequestPolicy policy,
            DatasetReader reader) {
        List<DatasetSource> sources = new ArrayList<>();
        for (SqlTable table : read.tables()) {
            sources.add(tables.entry(table.schema(), table.name()).orElseThrow(() -> new IllegalStateException(
                    "the statement names a table the served schema does not hold")).dataset().source());
        }
        List<DatasetAccess> accesses = reader.joins().check(sources, policy, read.request());
        List<Field> fields = new ArrayList<>();
        List<JoinField> shown = new ArrayList<>();
        for (SqlRead.JoinOutput output : read.outputs()) {
            FieldDecision decision = accesses.get(output.field().source()).decision(output.field().field());
            if (decision.isDenied() && output.fromStar()) {
                continue;
            }
            if (decision.isDenied()) {
                SqlTable table = read.tables().get(output.field().source());
                throw new PorticoException(ErrorCode.FORBIDDEN, "column " + table.qualifiedName() + "."
                        + output.column().name() + " is denied to you by policy rule '" + decision.rule() + "';"
                        + " select only the columns you may see (SELECT * lists them)");
            }
            Field arrow = output.column().field().arrowField();
            Field typed = decision.isMasked() ? VectorMasker.maskedField(arrow) : arrow;
            fields.add(new Field(output.label(), typed.getFieldType(), typed.getChildren()));
            shown.add(output.field());
        }
        if (shown.isEmpty()) {
            throw new PorticoException(ErrorCode.FORBIDDEN, "the joined tables have no column you may see");
        }
        ServedTables.Table first = tables.entry(read.table().schema(), read.table().name()).orElseThrow();
        return new SqlStatementRunner.Planned(first, read, policy, new Schema(fields), List.of(), reader,
                new Join(sources, shown));
    }

    /** Streams a planned join to {@code forwarder}; blocks until the port's stream is done. */
    static void stream(SqlStatementRunner.Planned planned, SqlRead.Join read, StreamForwarder forwarder,
            Duration streamTimeout) {
        Join join = planned.join();
        planned.reader().joins().scan(join.sources(), planned.policy(), read.request(), join.shown(), streamTimeout,
                forwarder::attempt).join();
    }
}

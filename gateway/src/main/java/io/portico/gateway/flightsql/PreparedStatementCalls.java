package io.portico.gateway.flightsql;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.portico.flight.ArrowParameters;
import io.portico.policies.Subject;
import io.portico.schema.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.FlightProducer.StreamListener;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutPreparedStatementResult;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The prepared-statement calls of the Flight SQL protocol for one caller at a time: prepare (the answer's and the
 * parameters' schemas), bind one row of parameters, look up a statement with every parameter bound, close. A
 * statement belongs to the subject that prepared it ({@link PreparedStatements}).
 */
final class PreparedStatementCalls {

    private final SqlStatementRunner runner;
    private final PreparedStatements prepared;
    private final BufferAllocator allocator;

    PreparedStatementCalls(SqlStatementRunner runner, PreparedStatements prepared, BufferAllocator allocator) {
        this.runner = requireNonNull(runner, "runner is null");
        this.prepared = requireNonNull(prepared, "prepared is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    /** Prepares {@code query} for {@code subject}: the {@code ActionCreatePreparedStatementResult} to answer. */
    Result create(Subject subject, String query) {
        SqlStatementRunner.Described described = runner.describePrepared(subject, query);
        String handle = prepared.open(new PreparedStatements.Prepared(query, subject.id(),
                described.datasetSchema(), described.parameterSchema(), List.of()));
        ActionCreatePreparedStatementResult result = ActionCreatePreparedStatementResult.newBuilder()
                .setPreparedStatementHandle(ByteString.copyFromUtf8(handle))
                .setDatasetSchema(ByteString.copyFrom(described.datasetSchema().serializeAsMessage()))
                .setParameterSchema(ByteString.copyFrom(described.parameterSchema().serializeAsMessage()))
                .build();
        return new Result(Any.pack(result).toByteArray());
    }

    /** Binds the one row of {@code parameters} to the caller's statement and acknowledges it on {@code ack}. */
    void bind(Subject subject, CommandPreparedStatementQuery command, FlightStream parameters,
            StreamListener<PutResult> ack) {
        String handle = command.getPreparedStatementHandle().toStringUtf8();
        int expected = prepared.get(handle, subject.id()).parameterSchema().getFields().size();
        List<List<Object>> rows = new ArrayList<>();
        while (parameters.next()) {
            VectorSchemaRoot root = parameters.getRoot();
            for (int row = 0; row < root.getRowCount(); row++) {
                rows.add(ArrowParameters.row(root, row));
            }
        }
        if (rows.size() != 1 || rows.getFirst().size() != expected) {
            throw FlightStatuses.error(ErrorCode.BAD_USER_INPUT, "bind exactly one row of " + expected
                    + " parameter(s) to the query; got " + rows.size() + " row(s)"
                    + (rows.isEmpty() ? "" : " of " + rows.getFirst().size()));
        }
        prepared.bind(handle, subject.id(), rows.getFirst());
        byte[] bytes = DoPutPreparedStatementResult.newBuilder()
                .setPreparedStatementHandle(command.getPreparedStatementHandle())
                .build().toByteArray();
        try (ArrowBuf metadata = allocator.buffer(bytes.length)) {
            metadata.writeBytes(bytes);
            ack.onNext(PutResult.metadata(metadata));
        }
    }

    /** The caller's statement of {@code command}. */
    PreparedStatements.Prepared statement(CommandPreparedStatementQuery command, Subject subject) {
        return prepared.get(command.getPreparedStatementHandle().toStringUtf8(), subject.id());
    }

    /** The caller's statement of {@code command}, with every parameter bound. */
    PreparedStatements.Prepared bound(CommandPreparedStatementQuery command, Subject subject) {
        PreparedStatements.Prepared statement = statement(command, subject);
        int expected = statement.parameterSchema().getFields().size();
        if (statement.parameters().size() != expected) {
            throw FlightStatuses.error(ErrorCode.BAD_USER_INPUT, "the statement has " + expected
                    + " parameter(s) but " + statement.parameters().size() + " are bound");
        }
        return statement;
    }

    /** Closes the caller's statement of {@code request}. */
    void close(ActionClosePreparedStatementRequest request, Subject subject) {
        prepared.close(request.getPreparedStatementHandle().toStringUtf8(), subject.id());
    }
}

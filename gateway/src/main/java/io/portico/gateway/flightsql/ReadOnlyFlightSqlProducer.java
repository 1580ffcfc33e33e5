package io.portico.gateway.flightsql;

import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.sql.NoOpFlightSqlProducer;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementSubstraitPlan;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementUpdate;

/**
 * A Flight SQL producer that refuses everything that would write or that the gateway does not speak: updates,
 * bulk ingestion, Substrait plans, transactions and savepoints, each {@code UNIMPLEMENTED} with a message saying
 * what the gateway answers instead.
 */
abstract class ReadOnlyFlightSqlProducer extends NoOpFlightSqlProducer {

    private static final String READ_ONLY = "the Portico gateway is read-only: it answers SELECT statements over the"
            + " datasets it serves (docs/flight-sql.md)";

    @Override
    public Runnable acceptPutStatement(CommandStatementUpdate command, CallContext context,
            FlightStream flightStream, StreamListener<PutResult> ackStream) {
        return () -> ackStream.onError(unimplemented());
    }

    @Override
    public Runnable acceptPutPreparedStatementUpdate(CommandPreparedStatementUpdate command, CallContext context,
            FlightStream flightStream, StreamListener<PutResult> ackStream) {
        return () -> ackStream.onError(unimplemented());
    }

    @Override
    public Runnable acceptPutStatementBulkIngest(CommandStatementIngest command, CallContext context,
            FlightStream flightStream, StreamListener<PutResult> ackStream) {
        return () -> ackStream.onError(unimplemented());
    }

    @Override
    public Runnable acceptPutSubstraitPlan(CommandStatementSubstraitPlan command, CallContext context,
            FlightStream flightStream, StreamListener<PutResult> ackStream) {
        return () -> ackStream.onError(unimplemented());
    }

    @Override
    public FlightInfo getFlightInfoSubstraitPlan(CommandStatementSubstraitPlan command, CallContext context,
            FlightDescriptor descriptor) {
        throw CallStatus.UNIMPLEMENTED.withDescription("Substrait plans are not supported; send SQL").toRuntimeException();
    }

    @Override
    public void beginTransaction(FlightSql.ActionBeginTransactionRequest request, CallContext context,
            StreamListener<FlightSql.ActionBeginTransactionResult> listener) {
        listener.onError(unimplemented());
    }

    @Override
    public void beginSavepoint(FlightSql.ActionBeginSavepointRequest request, CallContext context,
            StreamListener<FlightSql.ActionBeginSavepointResult> listener) {
        listener.onError(unimplemented());
    }

    @Override
    public void endTransaction(FlightSql.ActionEndTransactionRequest request, CallContext context,
            StreamListener<Result> listener) {
        listener.onError(unimplemented());
    }

    @Override
    public void endSavepoint(FlightSql.ActionEndSavepointRequest request, CallContext context,
            StreamListener<Result> listener) {
        listener.onError(unimplemented());
    }

    private static RuntimeException unimplemented() {
        return CallStatus.UNIMPLEMENTED.withDescription(READ_ONLY).toRuntimeException();
    }

}

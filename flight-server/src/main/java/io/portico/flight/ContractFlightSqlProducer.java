package io.portico.flight;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.portico.flight.PreparedQueries.Execution;
import io.portico.flight.PreparedQueries.PreparedQuery;
import io.portico.flight.StatementGuard.GuardedStatement;
import io.portico.flight.auth.PortIdentity;
import io.portico.flight.tracing.PortTracing;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.ActionType;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.FlightSqlProducer;
import org.apache.arrow.flight.sql.FlightSqlUtils;
import org.apache.arrow.flight.sql.NoOpFlightSqlProducer;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCatalogs;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTableTypes;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementSubstraitPlan;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutPreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flight SQL surface of an output port: metadata (SqlInfo, catalogs, schemas, tables with their live Arrow
 * schemas, table types, primary keys), statement queries and prepared statements with bound parameters. Every
 * statement passes the {@link StatementGuard} first; updates, bulk ingestion, Substrait plans and transactions are
 * refused. Failures reach the client as {@code CallStatus} descriptions prefixed with an
 * {@link ErrorCode}, never as stack traces. Beside Flight SQL's actions it answers {@link PortIdentity#ACTION}
 * (the contract's domain, id and version). Every call reaches it authenticated
 * ({@link io.portico.flight.auth.PortCredentialAuthenticator}).
 */
public final class ContractFlightSqlProducer extends NoOpFlightSqlProducer {

    private static final Logger LOG = LoggerFactory.getLogger(ContractFlightSqlProducer.class);


    private final PortDatabase database;
    private final PortSessions sessions;
    private final BufferAllocator allocator;
    private final StatementGuard guard;
    private final PortCatalog catalog;
    private final QueryStreamer streamer;
    private final PreparedQueries preparedQueries = new PreparedQueries();
    private final StatementDescriptions descriptions;
    private final SqlInfoBuilder sqlInfo;
    private final AtomicLong metadataStreams = new AtomicLong();
    private final PortIdentity identity;
    private final PortTracing tracing;
    private final String portId;

    ContractFlightSqlProducer(OutputPortContract contract, PortDatabase database, PortSessions sessions,
                              PublishedTables published, BufferAllocator allocator, QueryStreamer streamer,
                              PortTracing tracing) {
        requireNonNull(contract, "contract is null");
        this.tracing = requireNonNull(tracing, "tracing is null");
        this.portId = contract.id();
        this.identity = PortIdentity.of(contract);
        this.database = requireNonNull(database, "database is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.streamer = requireNonNull(streamer, "streamer is null");
        this.guard = new StatementGuard(database.dialect(), published, contract.id());
        this.catalog = new PortCatalog(published, database.dialect(), allocator);
        this.sqlInfo = PortSqlInfo.of(published.rules());
        this.descriptions = new StatementDescriptions(sessions, database.dialect());
    }

    StatementGuard guard() {
        return guard;
    }

    // ---- statements

    @Override
    public FlightInfo getFlightInfoStatement(CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
        Span call = callSpan("port plan", context);
        try (Scope ignored = call.makeCurrent()) {
            GuardedStatement statement = check(command.getQuery());
            StatementDescriptions.Description description = descriptions.of(statement.sql());
            if (!description.parameterSchema().getFields().isEmpty()) {
                throw FlightErrors.error(ErrorCode.BAD_USER_INPUT, "the statement has "
                        + description.parameterSchema().getFields().size() + " parameters; prepare it to bind them");
            }
            TicketStatementQuery ticket = TicketStatementQuery.newBuilder()
                    .setStatementHandle(ByteString.copyFromUtf8(statement.sql()))
                    .build();
            return flightInfo(ticket, descriptor, description.datasetSchema());
        } catch (Throwable e) {
            PortTracing.failed(call, e);
            throw FlightErrors.toFlight(e, LOG, "plan the statement");
        } finally {
            call.end();
        }
    }

    @Override
    public SchemaResult getSchemaStatement(CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
        try {
            GuardedStatement statement = guard.check(command.getQuery());
            return new SchemaResult(descriptions.of(statement.sql()).datasetSchema());
        } catch (Throwable e) {
            throw FlightErrors.toFlight(e, LOG, "describe the statement");
        }
    }

    @Override
    public void getStreamStatement(TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
        Span call = callSpan("port statement", context);
        try (Scope ignored = call.makeCurrent()) {
            GuardedStatement statement;
            try {
                statement = check(ticket.getStatementHandle().toStringUtf8());
            } catch (Throwable e) {
                PortTracing.failed(call, e);
                listener.error(FlightErrors.toFlight(e, LOG, "run the statement"));
                return;
            }
            streamer.stream(statement.sql(), List.of(), listener);
        } finally {
            call.end();
        }
    }

    /** The span of one call, continuing the trace the call arrived with. */
    private Span callSpan(String name, CallContext context) {
        if (!tracing.enabled()) {
            return Span.getInvalid();
        }
        Span span = tracing.serverSpan(name, PortTracing.parentOf(context));
        span.setAttribute("portico.port.id", portId);
        return span;
    }

    /** {@link StatementGuard#check} in a span of its own. */
    private GuardedStatement check(String sql) {
        Span span = tracing.span("statement check");
        try (Scope ignored = span.makeCurrent()) {
            return guard.check(sql);
        } catch (RuntimeException e) {
            PortTracing.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    // ---- prepared statements

    @Override
    public void createPreparedStatement(ActionCreatePreparedStatementRequest request, CallContext context,
                                        StreamListener<Result> listener) {
        try {
            GuardedStatement statement = guard.check(request.getQuery());
            StatementDescriptions.Description description = descriptions.of(statement.sql());
            PreparedQuery query = preparedQueries.register(statement, description.datasetSchema(), description.parameterSchema());
            ActionCreatePreparedStatementResult result = ActionCreatePreparedStatementResult.newBuilder()
                    .setPreparedStatementHandle(ByteString.copyFromUtf8(query.handle()))
                    .setDatasetSchema(ByteString.copyFrom(query.datasetSchema().serializeAsMessage()))
                    .setParameterSchema(ByteString.copyFrom(query.parameterSchema().serializeAsMessage()))
                    .build();
            listener.onNext(new Result(Any.pack(result).toByteArray()));
            listener.onCompleted();
        } catch (Throwable e) {
            listener.onError(FlightErrors.toFlight(e, LOG, "prepare the statement"));
        }
    }

    @Override
    public void closePreparedStatement(ActionClosePreparedStatementRequest request, CallContext context,
                                       StreamListener<Result> listener) {
        preparedQueries.close(request.getPreparedStatementHandle().toStringUtf8());
        listener.onCompleted();
    }

    @Override
    public Runnable acceptPutPreparedStatementQuery(CommandPreparedStatementQuery command, CallContext context,
                                                    FlightStream parameters, StreamListener<PutResult> ackStream) {
        return () -> {
            try {
                String handle = command.getPreparedStatementHandle().toStringUtf8();
                PreparedQuery query = preparedQueries.resolve(handle).query();
                List<List<Object>> rows = new ArrayList<>();
                while (parameters.next()) {
                    VectorSchemaRoot root = parameters.getRoot();
                    for (int row = 0; row < root.getRowCount(); row++) {
                        rows.add(ArrowParameters.row(root, row));
                    }
                }
                List<Object> values = singleRow(rows, query.parameterCount());
                String bindingHandle = preparedQueries.bind(handle, values);
                DoPutPreparedStatementResult result = DoPutPreparedStatementResult.newBuilder()
                        .setPreparedStatementHandle(ByteString.copyFromUtf8(bindingHandle))
                        .build();
                byte[] bytes = result.toByteArray();
                try (ArrowBuf metadata = allocator.buffer(bytes.length)) {
                    metadata.writeBytes(bytes);
                    ackStream.onNext(PutResult.metadata(metadata));
                }
                ackStream.onCompleted();
            } catch (Throwable e) {
                ackStream.onError(FlightErrors.toFlight(e, LOG, "bind the parameters"));
            }
        };
    }

    private static List<Object> singleRow(List<List<Object>> rows, int parameterCount) {
        if (rows.size() != 1) {
            throw FlightErrors.error(ErrorCode.BAD_USER_INPUT, "bind exactly one row of parameters to a query, got " + rows.size());
        }
        List<Object> values = rows.getFirst();
        if (values.size() != parameterCount) {
            throw FlightErrors.error(ErrorCode.BAD_USER_INPUT, "the statement has " + parameterCount
                    + " parameters, got " + values.size());
        }
        return values;
    }

    @Override
    public FlightInfo getFlightInfoPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
                                                     FlightDescriptor descriptor) {
        try {
            Execution execution = resolveExecutable(command);
            return flightInfo(command, descriptor, execution.query().datasetSchema());
        } catch (Throwable e) {
            throw FlightErrors.toFlight(e, LOG, "plan the prepared statement");
        }
    }

    @Override
    public SchemaResult getSchemaPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
                                                   FlightDescriptor descriptor) {
        try {
            return new SchemaResult(preparedQueries.resolve(command.getPreparedStatementHandle().toStringUtf8())
                    .query().datasetSchema());
        } catch (Throwable e) {
            throw FlightErrors.toFlight(e, LOG, "describe the prepared statement");
        }
    }

    @Override
    public void getStreamPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
                                           ServerStreamListener listener) {
        Span call = callSpan("port prepared statement", context);
        try (Scope ignored = call.makeCurrent()) {
            Execution execution;
            try {
                execution = resolveExecutable(command);
            } catch (Throwable e) {
                PortTracing.failed(call, e);
                listener.error(FlightErrors.toFlight(e, LOG, "run the prepared statement"));
                return;
            }
            streamer.stream(execution.query().statement().sql(), execution.parameters(), listener);
        } finally {
            call.end();
        }
    }

    private Execution resolveExecutable(CommandPreparedStatementQuery command) {
        Execution execution = preparedQueries.resolve(command.getPreparedStatementHandle().toStringUtf8());
        int expected = execution.query().parameterCount();
        if (execution.parameters().size() != expected) {
            throw FlightErrors.error(ErrorCode.BAD_USER_INPUT, "the statement has " + expected
                    + " parameters but " + execution.parameters().size() + " are bound");
        }
        return execution;
    }

    private PortSession lendSession() {
        return StatementDescriptions.lend(sessions);
    }

    // ---- refused: the port is read-only

    @Override
    public Runnable acceptPutStatement(CommandStatementUpdate command, CallContext context, FlightStream flightStream,
                                       StreamListener<PutResult> ackStream) {
        return refuseUpdate(command.getQuery(), ackStream);
    }

    @Override
    public Runnable acceptPutPreparedStatementUpdate(CommandPreparedStatementUpdate command, CallContext context,
                                                     FlightStream flightStream, StreamListener<PutResult> ackStream) {
        return () -> ackStream.onError(FlightErrors.refused("the port is read-only; it runs no updates"));
    }

    @Override
    public Runnable acceptPutStatementBulkIngest(CommandStatementIngest command, CallContext context,
                                                 FlightStream flightStream, StreamListener<PutResult> ackStream) {
        return () -> ackStream.onError(FlightErrors.refused("the port is read-only; it ingests no data"));
    }

    @Override
    public Runnable acceptPutSubstraitPlan(CommandStatementSubstraitPlan command, CallContext context,
                                           FlightStream flightStream, StreamListener<PutResult> ackStream) {
        return () -> ackStream.onError(FlightErrors.refused("the port runs SQL only, not Substrait plans"));
    }

    @Override
    public FlightInfo getFlightInfoSubstraitPlan(CommandStatementSubstraitPlan command, CallContext context,
                                                 FlightDescriptor descriptor) {
        throw FlightErrors.refused("the port runs SQL only, not Substrait plans");
    }

    private Runnable refuseUpdate(String sql, StreamListener<PutResult> ackStream) {
        return () -> {
            try {
                guard.check(sql);
                ackStream.onError(FlightErrors.refused("the port is read-only; send queries, not updates"));
            } catch (Throwable e) {
                ackStream.onError(FlightErrors.toFlight(e, LOG, "run the update"));
            }
        };
    }

    @Override
    public void beginTransaction(FlightSql.ActionBeginTransactionRequest request, CallContext context,
                                 StreamListener<FlightSql.ActionBeginTransactionResult> listener) {
        listener.onError(FlightErrors.refused("the port is read-only and has no transactions"));
    }

    @Override
    public void beginSavepoint(FlightSql.ActionBeginSavepointRequest request, CallContext context,
                               StreamListener<FlightSql.ActionBeginSavepointResult> listener) {
        listener.onError(FlightErrors.refused("the port is read-only and has no transactions"));
    }

    @Override
    public void endTransaction(FlightSql.ActionEndTransactionRequest request, CallContext context,
                               StreamListener<Result> listener) {
        listener.onError(FlightErrors.refused("the port is read-only and has no transactions"));
    }

    @Override
    public void endSavepoint(FlightSql.ActionEndSavepointRequest request, CallContext context,
                             StreamListener<Result> listener) {
        listener.onError(FlightErrors.refused("the port is read-only and has no transactions"));
    }

    // ---- metadata

    @Override
    public FlightInfo getFlightInfoSqlInfo(CommandGetSqlInfo command, CallContext context, FlightDescriptor descriptor) {
        return flightInfo(command, descriptor, FlightSqlProducer.Schemas.GET_SQL_INFO_SCHEMA);
    }

    @Override
    public void getStreamSqlInfo(CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
        try {
            sqlInfo.send(PortSqlInfo.answerable(command.getInfoList()), listener);
        } catch (Throwable e) {
            listener.error(FlightErrors.toFlight(e, LOG, "describe the port"));
        }
    }

    @Override
    public FlightInfo getFlightInfoCatalogs(CommandGetCatalogs command, CallContext context, FlightDescriptor descriptor) {
        return flightInfo(command, descriptor, FlightSqlProducer.Schemas.GET_CATALOGS_SCHEMA);
    }

    @Override
    public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
        sendMetadata(listener, FlightSqlProducer.Schemas.GET_CATALOGS_SCHEMA, catalog::fillCatalogs);
    }

    @Override
    public FlightInfo getFlightInfoSchemas(CommandGetDbSchemas command, CallContext context, FlightDescriptor descriptor) {
        return flightInfo(command, descriptor, FlightSqlProducer.Schemas.GET_SCHEMAS_SCHEMA);
    }

    @Override
    public void getStreamSchemas(CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
        sendMetadata(listener, FlightSqlProducer.Schemas.GET_SCHEMAS_SCHEMA, root -> catalog.fillSchemas(command, root));
    }

    @Override
    public FlightInfo getFlightInfoTables(CommandGetTables command, CallContext context, FlightDescriptor descriptor) {
        Schema schema = command.getIncludeSchema()
                ? FlightSqlProducer.Schemas.GET_TABLES_SCHEMA
                : FlightSqlProducer.Schemas.GET_TABLES_SCHEMA_NO_SCHEMA;
        return flightInfo(command, descriptor, schema);
    }

    @Override
    public void getStreamTables(CommandGetTables command, CallContext context, ServerStreamListener listener) {
        Schema schema = command.getIncludeSchema()
                ? FlightSqlProducer.Schemas.GET_TABLES_SCHEMA
                : FlightSqlProducer.Schemas.GET_TABLES_SCHEMA_NO_SCHEMA;
        sendMetadata(listener, schema, root -> {
            if (!command.getIncludeSchema()) {
                catalog.fillTables(command, null, root);
                return;
            }
            PortSession session = lendSession();
            boolean reusable = false;
            try {
                catalog.fillTables(command, session.connection(), root);
                reusable = true;
            } finally {
                session.release(reusable);
            }
        });
    }

    @Override
    public FlightInfo getFlightInfoTableTypes(CommandGetTableTypes command, CallContext context, FlightDescriptor descriptor) {
        return flightInfo(command, descriptor, FlightSqlProducer.Schemas.GET_TABLE_TYPES_SCHEMA);
    }

    @Override
    public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
        sendMetadata(listener, FlightSqlProducer.Schemas.GET_TABLE_TYPES_SCHEMA, catalog::fillTableTypes);
    }

    @Override
    public FlightInfo getFlightInfoPrimaryKeys(CommandGetPrimaryKeys command, CallContext context, FlightDescriptor descriptor) {
        return flightInfo(command, descriptor, FlightSqlProducer.Schemas.GET_PRIMARY_KEYS_SCHEMA);
    }

    @Override
    public void getStreamPrimaryKeys(CommandGetPrimaryKeys command, CallContext context, ServerStreamListener listener) {
        sendMetadata(listener, FlightSqlProducer.Schemas.GET_PRIMARY_KEYS_SCHEMA, root -> catalog.fillPrimaryKeys(command, root));
    }

    @Override
    public void listActions(CallContext context, StreamListener<ActionType> listener) {
        FlightSqlUtils.FLIGHT_SQL_ACTIONS.forEach(listener::onNext);
        listener.onNext(PortIdentity.ACTION_TYPE);
        listener.onCompleted();
    }

    @Override
    public void doAction(CallContext context, Action action, StreamListener<Result> listener) {
        if (PortIdentity.ACTION.equals(action.getType())) {
            listener.onNext(new Result(identity.toJson()));
            listener.onCompleted();
            return;
        }
        try {
            super.doAction(context, action, listener);
        } catch (Throwable e) {
            listener.onError(FlightErrors.toFlight(e, LOG, "run the action " + action.getType()));
        }
    }

    // ---- plumbing

    @FunctionalInterface
    private interface RootFiller {
        void fill(VectorSchemaRoot root) throws Exception;
    }

    /** Sends a small metadata result as one batch (copied by Flight, so its memory is released right away). */
    private void sendMetadata(ServerStreamListener listener, Schema schema, RootFiller filler) {
        String name = "metadata-" + metadataStreams.incrementAndGet();
        try (BufferAllocator metadataAllocator = allocator.newChildAllocator(name, 0, Long.MAX_VALUE);
             VectorSchemaRoot root = VectorSchemaRoot.create(schema, metadataAllocator)) {
            root.allocateNew();
            filler.fill(root);
            listener.start(root);
            listener.putNext();
            listener.completed();
        } catch (Throwable e) {
            listener.error(FlightErrors.toFlight(e, LOG, "list the port's catalog"));
        }
    }

    private static FlightInfo flightInfo(Message command, FlightDescriptor descriptor, Schema schema) {
        Ticket ticket = new Ticket(Any.pack(command).toByteArray());
        return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(ticket)), -1, -1);
    }

    /** Stops running streams and forgets every prepared statement. */
    @Override
    public void close() {
        streamer.stopAll();
        preparedQueries.clear();
    }

    int openPreparedStatements() {
        return preparedQueries.size();
    }
}

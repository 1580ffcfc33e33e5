package io.portico.gateway.flightsql;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.portico.flight.tracing.PortTracing;
import io.portico.policies.Subject;
import io.portico.schema.error.ErrorCode;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.FlightSqlProducer;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCatalogs;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCrossReference;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetExportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetImportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTableTypes;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flight SQL protocol of the gateway's endpoint: statements and prepared statements run by the
 * {@link SqlStatementRunner} (the one read path, under the caller's policy), the catalog as the caller may see it
 * ({@link GatewayCatalog}), and {@link GatewaySqlInfo}. Every call names its caller (authenticated by
 * {@link FlightSqlAuthentication}); a statement is planned again under the policy of whoever fetches its stream,
 * so a ticket is worth nothing to another caller. Read-only ({@link ReadOnlyFlightSqlProducer}).
 */
final class GatewayFlightSqlProducer extends ReadOnlyFlightSqlProducer {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayFlightSqlProducer.class);

    private final SqlStatementRunner runner;
    private final PreparedStatementCalls calls;
    private final BufferAllocator allocator;
    private final SqlInfoBuilder sqlInfo = GatewaySqlInfo.builder();
    private final AtomicLong metadataStreams = new AtomicLong();

    GatewayFlightSqlProducer(SqlStatementRunner runner, PreparedStatements prepared, BufferAllocator allocator) {
        this.runner = requireNonNull(runner, "runner is null");
        this.calls = new PreparedStatementCalls(runner, prepared, allocator);
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    // ---- statements

    @Override
    public FlightInfo getFlightInfoStatement(CommandStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        try {
            Schema schema = runner.describe(caller(context), command.getQuery(), List.of());
            TicketStatementQuery ticket = TicketStatementQuery.newBuilder()
                    .setStatementHandle(ByteString.copyFromUtf8(command.getQuery()))
                    .build();
            return flightInfo(ticket, descriptor, schema);
        } catch (Throwable e) {
            throw FlightStatuses.toFlight(e, LOG, "plan the statement");
        }
    }

    @Override
    public SchemaResult getSchemaStatement(CommandStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        try {
            return new SchemaResult(runner.describe(caller(context), command.getQuery(), List.of()));
        } catch (Throwable e) {
            throw FlightStatuses.toFlight(e, LOG, "describe the statement");
        }
    }

    @Override
    public void getStreamStatement(TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
        Subject subject;
        try {
            subject = caller(context);
        } catch (Throwable e) {
            listener.error(FlightStatuses.toFlight(e, LOG, "run the statement"));
            return;
        }
        runner.stream(subject, ticket.getStatementHandle().toStringUtf8(), List.of(), listener,
                PortTracing.parentOf(context));
    }

    // ---- prepared statements

    @Override
    public void createPreparedStatement(ActionCreatePreparedStatementRequest request, CallContext context,
            StreamListener<Result> listener) {
        try {
            listener.onNext(calls.create(caller(context), request.getQuery()));
            listener.onCompleted();
        } catch (Throwable e) {
            listener.onError(FlightStatuses.toFlight(e, LOG, "prepare the statement"));
        }
    }

    @Override
    public void closePreparedStatement(ActionClosePreparedStatementRequest request, CallContext context,
            StreamListener<Result> listener) {
        try {
            calls.close(request, caller(context));
            listener.onCompleted();
        } catch (Throwable e) {
            listener.onError(FlightStatuses.toFlight(e, LOG, "close the prepared statement"));
        }
    }

    @Override
    public Runnable acceptPutPreparedStatementQuery(CommandPreparedStatementQuery command, CallContext context,
            FlightStream parameters, StreamListener<PutResult> ackStream) {
        return () -> {
            try {
                calls.bind(caller(context), command, parameters, ackStream);
                ackStream.onCompleted();
            } catch (Throwable e) {
                ackStream.onError(FlightStatuses.toFlight(e, LOG, "bind the parameters"));
            }
        };
    }

    @Override
    public FlightInfo getFlightInfoPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        try {
            Subject subject = caller(context);
            PreparedStatements.Prepared statement = calls.bound(command, subject);
            return flightInfo(command, descriptor, runner.describe(subject, statement.sql(), statement.parameters()));
        } catch (Throwable e) {
            throw FlightStatuses.toFlight(e, LOG, "plan the prepared statement");
        }
    }

    @Override
    public SchemaResult getSchemaPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        try {
            return new SchemaResult(calls.statement(command, caller(context)).datasetSchema());
        } catch (Throwable e) {
            throw FlightStatuses.toFlight(e, LOG, "describe the prepared statement");
        }
    }

    @Override
    public void getStreamPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
            ServerStreamListener listener) {
        Subject subject;
        PreparedStatements.Prepared statement;
        try {
            subject = caller(context);
            statement = calls.bound(command, subject);
        } catch (Throwable e) {
            listener.error(FlightStatuses.toFlight(e, LOG, "run the prepared statement"));
            return;
        }
        runner.stream(subject, statement.sql(), statement.parameters(), listener, PortTracing.parentOf(context));
    }

    // ---- metadata

    @Override
    public FlightInfo getFlightInfoSqlInfo(CommandGetSqlInfo command, CallContext context,
            FlightDescriptor descriptor) {
        caller(context);
        return flightInfo(command, descriptor, FlightSqlProducer.Schemas.GET_SQL_INFO_SCHEMA);
    }

    @Override
    public void getStreamSqlInfo(CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
        try {
            caller(context);
            sqlInfo.send(GatewaySqlInfo.answerable(command.getInfoList()), listener);
        } catch (Throwable e) {
            listener.error(FlightStatuses.toFlight(e, LOG, "describe the endpoint"));
        }
    }

    @Override
    public FlightInfo getFlightInfoCatalogs(CommandGetCatalogs command, CallContext context,
            FlightDescriptor descriptor) {
        return metadataInfo(command, context, descriptor, FlightSqlProducer.Schemas.GET_CATALOGS_SCHEMA);
    }

    @Override
    public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
        sendMetadata(context, listener, FlightSqlProducer.Schemas.GET_CATALOGS_SCHEMA,
                (subject, root) -> GatewayCatalog.fillCatalogs(root));
    }

    @Override
    public FlightInfo getFlightInfoSchemas(CommandGetDbSchemas command, CallContext context,
            FlightDescriptor descriptor) {
        return metadataInfo(command, context, descriptor, FlightSqlProducer.Schemas.GET_SCHEMAS_SCHEMA);
    }

    @Override
    public void getStreamSchemas(CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
        sendMetadata(context, listener, FlightSqlProducer.Schemas.GET_SCHEMAS_SCHEMA,
                (subject, root) -> GatewayCatalog.fillSchemas(runner.tables(), command, root));
    }

    @Override
    public FlightInfo getFlightInfoTables(CommandGetTables command, CallContext context,
            FlightDescriptor descriptor) {
        return metadataInfo(command, context, descriptor, tablesSchema(command));
    }

    @Override
    public void getStreamTables(CommandGetTables command, CallContext context, ServerStreamListener listener) {
        sendMetadata(context, listener, tablesSchema(command), (subject, root) -> GatewayCatalog.fillTables(
                runner.tables(), command, runner.policyOf(subject), root));
    }

    private static Schema tablesSchema(CommandGetTables command) {
        return command.getIncludeSchema() ? FlightSqlProducer.Schemas.GET_TABLES_SCHEMA
                : FlightSqlProducer.Schemas.GET_TABLES_SCHEMA_NO_SCHEMA;
    }

    @Override
    public FlightInfo getFlightInfoTableTypes(CommandGetTableTypes command, CallContext context,
            FlightDescriptor descriptor) {
        return metadataInfo(command, context, descriptor, FlightSqlProducer.Schemas.GET_TABLE_TYPES_SCHEMA);
    }

    @Override
    public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
        sendMetadata(context, listener, FlightSqlProducer.Schemas.GET_TABLE_TYPES_SCHEMA,
                (subject, root) -> GatewayCatalog.fillTableTypes(root));
    }

    @Override
    public FlightInfo getFlightInfoPrimaryKeys(CommandGetPrimaryKeys command, CallContext context,
            FlightDescriptor descriptor) {
        return metadataInfo(command, context, descriptor, FlightSqlProducer.Schemas.GET_PRIMARY_KEYS_SCHEMA);
    }

    @Override
    public void getStreamPrimaryKeys(CommandGetPrimaryKeys command, CallContext context,
            ServerStreamListener listener) {
        sendMetadata(context, listener, FlightSqlProducer.Schemas.GET_PRIMARY_KEYS_SCHEMA,
                (subject, root) -> GatewayCatalog.fillPrimaryKeys(runner.tables(), command, root));
    }

    /** Foreign keys are not listed (relationships are GraphQL's): an empty answer, not an error. */
    @Override
    public FlightInfo getFlightInfoExportedKeys(CommandGetExportedKeys command, CallContext context,
            FlightDescriptor descriptor) {
        return metadataInfo(command, context, descriptor, FlightSqlProducer.Schemas.GET_EXPORTED_KEYS_SCHEMA);
    }

    @Override
    public void getStreamExportedKeys(CommandGetExportedKeys command, CallContext context,
            ServerStreamListener listener) {
        sendMetadata(context, listener, FlightSqlProducer.Schemas.GET_EXPORTED_KEYS_SCHEMA,
                (subject, root) -> root.setRowCount(0));
    }

    @Override
    public FlightInfo getFlightInfoImportedKeys(CommandGetImportedKeys command, CallContext context,
            FlightDescriptor descriptor) {
        return metadataInfo(command, context, descriptor, FlightSqlProducer.Schemas.GET_IMPORTED_KEYS_SCHEMA);
    }

    @Override
    public void getStreamImportedKeys(CommandGetImportedKeys command, CallContext context,
            ServerStreamListener listener) {
        sendMetadata(context, listener, FlightSqlProducer.Schemas.GET_IMPORTED_KEYS_SCHEMA,
                (subject, root) -> root.setRowCount(0));
    }

    @Override
    public FlightInfo getFlightInfoCrossReference(CommandGetCrossReference command, CallContext context,
            FlightDescriptor descriptor) {
        return metadataInfo(command, context, descriptor, FlightSqlProducer.Schemas.GET_CROSS_REFERENCE_SCHEMA);
    }

    @Override
    public void getStreamCrossReference(CommandGetCrossReference command, CallContext context,
            ServerStreamListener listener) {
        sendMetadata(context, listener, FlightSqlProducer.Schemas.GET_CROSS_REFERENCE_SCHEMA,
                (subject, root) -> root.setRowCount(0));
    }

    // ---- plumbing

    /** The authenticated subject of the call (the authentication middleware refused any other). */
    private static Subject caller(CallContext context) {
        FlightSqlAuthentication.Caller caller = context.getMiddleware(FlightSqlAuthentication.KEY);
        if (caller == null) {
            throw CallStatus.UNAUTHENTICATED.withDescription(ErrorCode.UNAUTHENTICATED.describe(
                    "the call carries no credentials")).toRuntimeException();
        }
        return caller.subject();
    }

    @FunctionalInterface
    private interface MetadataFiller {
        void fill(Subject subject, VectorSchemaRoot root);
    }

    private FlightInfo metadataInfo(Message command, CallContext context, FlightDescriptor descriptor,
            Schema schema) {
        caller(context);
        return flightInfo(command, descriptor, schema);
    }

    /** Sends a small metadata result as one batch (copied by Flight, so its memory is released right away). */
    private void sendMetadata(CallContext context, ServerStreamListener listener, Schema schema,
            MetadataFiller filler) {
        String name = "metadata-" + metadataStreams.incrementAndGet();
        try (BufferAllocator metadataAllocator = allocator.newChildAllocator(name, 0, Long.MAX_VALUE);
             VectorSchemaRoot root = VectorSchemaRoot.create(schema, metadataAllocator)) {
            Subject subject = caller(context);
            root.allocateNew();
            filler.fill(subject, root);
            listener.start(root);
            listener.putNext();
            listener.completed();
        } catch (Throwable e) {
            listener.error(FlightStatuses.toFlight(e, LOG, "list the catalog"));
        }
    }

    private static FlightInfo flightInfo(Message command, FlightDescriptor descriptor, Schema schema) {
        Ticket ticket = new Ticket(Any.pack(command).toByteArray());
        return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(ticket)), -1, -1);
    }
}

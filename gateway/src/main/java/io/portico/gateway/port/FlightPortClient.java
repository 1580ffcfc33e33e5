package io.portico.gateway.port;

import static java.util.Objects.requireNonNull;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.portico.gateway.plan.PortQuery;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightGrpcUtils;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's Flight SQL client for one output port endpoint of one domain. One per endpoint URI and domain,
 * shared by all requests (see {@link FlightPortClients}): it keeps one gRPC channel open, on which every call
 * presents the domain's port credential ({@link PortChannels}), and gives every call its own lightweight Flight
 * client and a named child allocator, both closed when the call ends, so a leak shows up per call.
 *
 * <p>Every failure is a {@link PorticoException} naming the port by its id, never by its address
 * ({@link FlightErrors#fromPort}; the address goes to the log). Statements run under the client's
 * {@link PortCallGuard} (timeout, circuit breaker, bulkhead, retry); asking for schemas does not.
 */
public final class FlightPortClient implements PortReader, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlightPortClient.class);
    private static final String TABLE_NAME = "table_name";
    private static final String TABLE_SCHEMA = "table_schema";

    static {
        FlightReadPath.useCopyingReads();
    }

    private final URI location;
    private final String domain;
    private final BufferAllocator allocator;
    private final ManagedChannel channel;
    private final Duration schemaTimeout;
    private final PortCallGuard guard;
    private final AtomicLong calls = new AtomicLong();

    /**
     * @param location      the port's Flight SQL URI, e.g. {@code grpc+tcp://sales-port:31337}
     * @param domain        the domain of the contract naming it: every call presents this domain's credential
     * @param channels      opens the channel
     * @param allocator     the process's root allocator; the client takes a child of it
     * @param schemaTimeout the most asking for the live schemas may take
     * @param guard         guards every statement: its timeout, breaker, bulkhead and retries
     * @throws PorticoException {@code INVALID_CONTRACT} when the location is not a usable Flight location
     */
    public FlightPortClient(URI location, String domain, PortChannels channels, BufferAllocator allocator,
            Duration schemaTimeout, PortCallGuard guard) {
        this.location = requireNonNull(location, "location is null");
        this.domain = requireNonNull(domain, "domain is null");
        this.guard = requireNonNull(guard, "guard is null");
        this.schemaTimeout = requireNonNull(schemaTimeout, "schemaTimeout is null");
        this.allocator = allocator.newChildAllocator("port-client " + domain + " " + location, 0, Long.MAX_VALUE);
        try {
            this.channel = channels.open(location, domain, this.allocator);
        } catch (RuntimeException e) {
            this.allocator.close();
            throw e;
        }
    }

    public URI location() {
        return location;
    }

    /** The domain whose credential this client presents. */
    public String domain() {
        return domain;
    }

    /** The allocator all calls of this client allocate under; 0 bytes when no call is running. */
    public BufferAllocator allocator() {
        return allocator;
    }

    /**
     * The live Arrow schema of every table the port lists (Flight SQL {@code GetTables} with schemas).
     *
     * @param portId the port's contract id, for error messages
     * @return the schemas keyed by table name, in the port's order
     * @throws PorticoException {@code PORT_UNAVAILABLE}, {@code PORT_TIMEOUT} or {@code PORT_ERROR}
     */
    public Map<String, Schema> fetchSchemas(String portId) {
        return call(portId, "schemas", PortCallAttempt.within(schemaTimeout), (sql, callAllocator, deadline) ->
                listTables(sql, null, true, deadline));
    }

    /**
     * The live Arrow schemas of the named tables only: one Flight SQL {@code GetTables} call per table, filtered by
     * its exact name (the pattern's {@code %}, {@code _} and {@code \\} escaped), so registering a contract of a
     * port that serves thousands of tables costs what its own tables cost. A table the port lists under a name
     * that differs only in letter case is found too, with one listing of the port's table names (no schemas).
     *
     * @param portId the port's contract id, for error messages
     * @param tables the table names wanted, e.g. the contract's datasets' physical names
     * @return the schemas of the tables found, keyed by the name the port lists them under; a table the port does
     *         not list is absent
     * @throws PorticoException {@code PORT_UNAVAILABLE}, {@code PORT_TIMEOUT} or {@code PORT_ERROR}
     */
    public Map<String, Schema> fetchSchemas(String portId, Collection<String> tables) {
        return call(portId, "schemas", PortCallAttempt.within(schemaTimeout), (sql, callAllocator, deadline) -> {
            Map<String, Schema> schemas = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            for (String table : new LinkedHashSet<>(tables)) {
                Schema schema = listTables(sql, exactPattern(table), true, deadline).get(table);
                if (schema == null) {
                    missing.add(table);
                } else {
                    schemas.put(table, schema);
                }
            }
            if (missing.isEmpty()) {
                return schemas;
            }
            Set<String> listed = listTables(sql, null, false, deadline).keySet();
            for (String table : missing) {
                for (String name : listed) {
                    if (name.equalsIgnoreCase(table) && !schemas.containsKey(name)) {
                        Schema schema = listTables(sql, exactPattern(name), true, deadline).get(name);
                        if (schema != null) {
                            schemas.put(name, schema);
                        }
                    }
                }
            }
            return schemas;
        });
    }

    /**
     * The names of every table the port lists, without their schemas (cheap even for thousands of tables).
     *
     * @throws PorticoException {@code PORT_UNAVAILABLE}, {@code PORT_TIMEOUT} or {@code PORT_ERROR}
     */
    public List<String> listTableNames(String portId) {
        return call(portId, "table names", PortCallAttempt.within(schemaTimeout), (sql, callAllocator, deadline) ->
                List.copyOf(listTables(sql, null, false, deadline).keySet()));
    }

    /** GetTables with a table name pattern (null: every table); values are null when schemas are not included. */
    private static Map<String, Schema> listTables(FlightSqlClient sql, String tablePattern, boolean includeSchema,
            PortCallAttempt deadline) throws Exception {
        FlightInfo info = sql.getTables(null, null, tablePattern, null, includeSchema, deadline.callOption());
        Map<String, Schema> tables = new LinkedHashMap<>();
        for (FlightEndpoint endpoint : info.getEndpoints()) {
            try (FlightStream stream = sql.getStream(endpoint.getTicket(), deadline.callOption())) {
                while (stream.next()) {
                    readTables(stream.getRoot(), includeSchema, tables);
                }
            }
        }
        return tables;
    }

    /** A Flight SQL / JDBC name pattern matching exactly {@code name}. */
    static String exactPattern(String name) {
        StringBuilder pattern = new StringBuilder(name.length() + 4);
        for (char character : name.toCharArray()) {
            if (character == '%' || character == '_' || character == '\\') {
                pattern.append('\\');
            }
            pattern.append(character);
        }
        return pattern.toString();
    }

    /**
     * Runs {@code query} as one plain statement, its values inlined by jOOQ ({@link PortQuery#statement()}), and
     * reads every batch of the result.
     *
     * @param portId          the port's contract id, for error messages
     * @param query           the statement and its bind values
     * @param expectedColumns the columns the statement must return (type and order; names are not compared), or
     *                        null to accept whatever it returns
     * @param expectedRows    a hint for how many rows come back (e.g. the LIMIT), or 0
     * @throws PortFailure {@code PORT_*}, {@code STATEMENT_REFUSED}, or {@code PORT_SCHEMA_DRIFT} when the result
     *                     does not have the expected columns
     */
    public ColumnarResult execute(String portId, PortQuery query, List<Field> expectedColumns, int expectedRows) {
        return execute(portId, query, expectedColumns, expectedRows, ColumnMasks.NONE);
    }

    /**
     * {@link #execute(String, PortQuery, List, int)} with columns masked on each Arrow batch as it arrives, before
     * any value is read out of it.
     *
     * @param masks the masks by column position; {@link ColumnMasks#NONE} for none
     */
    public ColumnarResult execute(String portId, PortQuery query, List<Field> expectedColumns, int expectedRows,
            ColumnMasks masks) {
        return read(portId, query, expectedColumns, expectedRows, masks);
    }

    /**
     * One plain statement under the port's guard, its batches handed to a new consumer per attempt as they arrive.
     */
    @Override
    public <T> T stream(String portId, PortQuery query, List<Field> expectedColumns,
            Supplier<? extends BatchConsumer<T>> consumers) {
        requireNonNull(consumers, "consumers is null");
        return guard.guard(portId, location, attempt -> call(portId, "query", attempt, (sql, callAllocator, deadline) ->
                runStatement(portId, sql, query, deadline, expectedColumns, consumers.get(), callAllocator)));
    }

    /** {@link #stream}, its {@code DoGet} under {@code streamTimeout} instead of what is left of the call timeout. */
    @Override
    public <T> T pull(String portId, PortQuery query, List<Field> expectedColumns, Duration streamTimeout,
            Supplier<? extends BatchConsumer<T>> consumers) {
        requireNonNull(consumers, "consumers is null");
        requireNonNull(streamTimeout, "streamTimeout is null");
        return guard.guard(portId, location, attempt -> call(portId, "pull", attempt, (sql, callAllocator, deadline) ->
                readAll(portId, sql, sql.execute(query.statement(), deadline.callOption()), deadline,
                        CallOptions.timeout(streamTimeout.toNanos(), TimeUnit.NANOSECONDS), expectedColumns,
                        consumers.get(), callAllocator)));
    }

    /**
     * One plain Flight SQL statement ({@code CommandStatementQuery}): {@code GetFlightInfo}, then {@code DoGet} of
     * its endpoint; two round trips, with no prepared statement to create, bind (a {@code DoPut}, whose client
     * busy-waits on the stream being ready) or close.
     */
    private static <T> T runStatement(String portId, FlightSqlClient sql, PortQuery query,
            PortCallAttempt deadline, List<Field> expectedColumns, BatchConsumer<T> consumer,
            BufferAllocator callAllocator) throws Exception {
        return readAll(portId, sql, sql.execute(query.statement(), deadline.callOption()), deadline,
                deadline.callOption(), expectedColumns, consumer, callAllocator);
    }

    /**
     * Drops the channel's failed connection, if it has one: a channel that failed to reach the port waits out
     * gRPC's reconnect back-off (seconds, growing) and fails every call meanwhile, even once the port is back.
     * Idle, the channel connects afresh on its next call; calls running now are not disturbed.
     *
     * @return whether a failed connection was dropped
     */
    boolean reconnectIfFailed() {
        if (channel.getState(false) != ConnectivityState.TRANSIENT_FAILURE) {
            return false;
        }
        channel.enterIdle();
        return true;
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
        allocator.close();
    }

    @Override
    public String toString() {
        return "FlightPortClient[" + domain + " " + location + "]";
    }

    private <T> T call(String portId, String purpose, PortCallAttempt deadline, PortCall<T> work) {
        String name = portId + " " + purpose + " #" + calls.incrementAndGet();
        try (BufferAllocator callAllocator = allocator.newChildAllocator(name, 0, Long.MAX_VALUE);
             FlightSqlClient sql = new FlightSqlClient(
                     FlightGrpcUtils.createFlightClientWithSharedChannel(callAllocator, channel))) {
            return work.run(sql, callAllocator, deadline);
        } catch (FlightRuntimeException e) {
            throw FlightErrors.fromPort(portId, location.toString(), e);
        } catch (PorticoException e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("call {} to {} failed", name, location, e);
            throw new PortFailure(ErrorCode.INTERNAL, portId, "the gateway failed while talking to port '" + portId
                    + "' (" + e.getClass().getSimpleName() + "); see the gateway log", e);
        }
    }

    private static <T> T readAll(String portId, FlightSqlClient sql, FlightInfo info, PortCallAttempt deadline,
            CallOption streamDeadline, List<Field> expectedColumns, BatchConsumer<T> consumer,
            BufferAllocator callAllocator) throws Exception {
        boolean started = false;
        for (FlightEndpoint endpoint : info.getEndpoints()) {
            try (FlightStream stream = sql.getStream(endpoint.getTicket(), streamDeadline)) {
                if (!started) {
                    Schema schema = stream.getSchema();
                    checkColumns(portId, schema, expectedColumns);
                    consumer.start(schema, callAllocator);
                    started = true;
                }
                while (stream.next()) {
                    deadline.received(stream.getRoot());
                    consumer.accept(stream.getRoot());
                }
            }
        }
        return consumer.finish();
    }

    private static void readTables(VectorSchemaRoot batch, boolean withSchemas, Map<String, Schema> tables)
            throws IOException {
        VarCharVector names = (VarCharVector) batch.getVector(TABLE_NAME);
        VarBinaryVector serialized = withSchemas ? (VarBinaryVector) batch.getVector(TABLE_SCHEMA) : null;
        if (names == null || (withSchemas && serialized == null)) {
            throw new IOException("the GetTables result has no " + TABLE_NAME
                    + (withSchemas ? " or " + TABLE_SCHEMA : "") + " column");
        }
        for (int row = 0; row < batch.getRowCount(); row++) {
            if (names.isNull(row) || (withSchemas && serialized.isNull(row))) {
                continue;
            }
            String table = new String(names.get(row), java.nio.charset.StandardCharsets.UTF_8);
            if (tables.containsKey(table)) {
                continue;
            }
            tables.put(table, withSchemas ? MessageSerializer.deserializeSchema(
                    new ReadChannel(Channels.newChannel(new ByteArrayInputStream(serialized.get(row))))) : null);
        }
    }

    private static void checkColumns(String portId, Schema actual, List<Field> expected) {
        if (expected == null) {
            return;
        }
        List<Field> fields = actual.getFields();
        boolean matches = fields.size() == expected.size();
        for (int index = 0; matches && index < fields.size(); index++) {
            matches = fields.get(index).getType().equals(expected.get(index).getType());
        }
        if (!matches) {
            throw new PortFailure(ErrorCode.PORT_SCHEMA_DRIFT, portId, "port '" + portId + "' answered with columns "
                    + describe(fields) + " where its registered schema promised " + describe(expected)
                    + ". Ask the team that owns the port to re-register it.");
        }
    }

    private static String describe(List<Field> fields) {
        return fields.stream().map(field -> field.getName() + " " + field.getType()).toList().toString();
    }

    @FunctionalInterface
    private interface PortCall<T> {
        T run(FlightSqlClient sql, BufferAllocator callAllocator, PortCallAttempt deadline) throws Exception;
    }
}

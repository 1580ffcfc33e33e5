package io.portico.gateway.flightsql;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.portico.gateway.plan.DatasetRequest;
import io.portico.gateway.policy.DatasetAccess;
import io.portico.gateway.policy.DeniedField;
import io.portico.gateway.policy.QueryPolicies;
import io.portico.gateway.policy.RequestPolicy;
import io.portico.gateway.read.DatasetAggregate;
import io.portico.gateway.read.DatasetReader;
import io.portico.gateway.read.DatasetSource;
import io.portico.gateway.read.ServedDatasets;
import io.portico.gateway.sql.SqlColumn;
import io.portico.gateway.sql.SqlRead;
import io.portico.gateway.sql.SqlStatements;
import io.portico.gateway.tracing.GatewayTracing;
import io.portico.gateway.tracing.RequestIds;
import io.portico.policies.Subject;
import io.portico.policies.audit.AuditEvent;
import io.portico.policies.audit.AuditOutcome;
import io.portico.policies.audit.AuditSink;
import io.portico.policies.audit.AuditSubject;
import io.portico.policies.mask.VectorMasker;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the SQL statements of the Flight SQL endpoint through the gateway's one read path: the statement is parsed
 * into the typed request model GraphQL uses ({@link SqlStatements}), decided by the same policies, and read by the
 * same {@link io.portico.gateway.read.DatasetReader} (plan, row filters, masks, limits, port guards, cache); the
 * answer is streamed to the client as the port sends it. What SQL adds to the GraphQL rules:
 *
 * <ul>
 *   <li>a selected column the caller may not see is refused ({@code FORBIDDEN}, gRPC {@code PERMISSION_DENIED})
 *       naming the column and the rule, where GraphQL withholds it; {@code SELECT *} is every column the caller
 *       may see;</li>
 *   <li>filtering, ordering, grouping or aggregating on a denied or masked column is refused, as in GraphQL;</li>
 *   <li>masked columns arrive masked, the row filter is in the pushed-down {@code WHERE}.</li>
 * </ul>
 *
 * <p>Each statement run (and each statement refused) is one audit event on path {@code flight-sql}, its operation
 * the hash of the statement's signature ({@link StatementSignature}).
 */
final class SqlStatementRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SqlStatementRunner.class);
    static final String AUDIT_PATH = "flight-sql";
    private static final Set<ErrorCode> REFUSALS = Set.of(ErrorCode.BAD_USER_INPUT, ErrorCode.FORBIDDEN,
            ErrorCode.PUSHDOWN_UNSUPPORTED, ErrorCode.STATEMENT_REFUSED, ErrorCode.NOT_FOUND);

    private final ServedDatasets served;
    private final QueryPolicies policies;
    private final AuditSink audit;
    private final GatewayTracing tracing;
    private final BufferAllocator allocator;
    private final Duration streamTimeout;
    private final Clock clock;
    private final int maxGroups;
    private final AtomicReference<ServedTables> tables = new AtomicReference<>();

    /**
     * @param maxGroups the most groups an aggregate answers ({@code portico.query.max-page-size}, the planner's
     *                  bound)
     */
    SqlStatementRunner(ServedDatasets served, QueryPolicies policies, AuditSink audit, BufferAllocator allocator,
            Duration streamTimeout, Clock clock, int maxGroups, GatewayTracing tracing) {
        this.maxGroups = maxGroups;
        this.tracing = requireNonNull(tracing, "tracing is null");
        this.served = requireNonNull(served, "served is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.streamTimeout = requireNonNull(streamTimeout, "streamTimeout is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * A statement planned for one caller: the table it reads, the request, the caller's policy, and the schema of
     * the answer as the caller may see it.
     *
     * @param shown  the GraphQL names of the columns answered (a rows read), in answer order (a column selected
     *               twice is answered twice)
     * @param reader the reader of the schema the statement was planned against
     * @param join   a join's datasets and answered columns; null for a read of one table
     */
    record Planned(ServedTables.Table table, SqlRead read, RequestPolicy policy, Schema schema, List<String> shown,
            DatasetReader reader, JoinStatements.Join join) {
    }

    /** The tables of the schema served now. */
    ServedTables tables() {
        ServedDatasets.View view = served.current();
        if (view == null) {
            throw new PorticoException(ErrorCode.PORT_UNAVAILABLE, "the gateway has not composed its schema yet;"
                    + " try again in a moment");
        }
        ServedTables known = tables.get();
        if (known != null && known.view() == view) {
            return known;
        }
        ServedTables fresh = new ServedTables(view);
        tables.set(fresh);
        return fresh;
    }

    /** The policy of one request of {@code subject}: for catalog calls, which show tables as the caller may see them. */
    RequestPolicy policyOf(Subject subject) {
        return policies.begin(subject);
    }

    /**
     * Plans {@code sql} for {@code subject}: parsed, bound to the served tables, and checked against the caller's
     * policy before any port is called.
     *
     * @throws PorticoException {@code STATEMENT_REFUSED}, {@code BAD_USER_INPUT}, {@code PUSHDOWN_UNSUPPORTED} or
     *                          {@code FORBIDDEN}, saying why
     */
    Planned plan(Subject subject, String sql, List<Object> parameters) {
        ServedTables current = tables();
        SqlRead read = new SqlStatements(current, maxGroups).read(sql, parameters);
        ServedTables.Table table = current.entry(read.table().schema(), read.table().name()).orElseThrow(
                () -> new IllegalStateException("the statement names a table the served schema does not hold"));
        RequestPolicy policy = policies.begin(subject);
        return switch (read) {
            case SqlRead.Rows rows -> planRows(table, rows, policy, policy.access(table.dataset().source().target()),
                    current.view().reader());
            case SqlRead.Aggregate aggregate -> {
                policy.access(table.dataset().source().target()).checkAggregate(aggregate.request());
                yield new Planned(table, read, policy, AggregateColumns.schema(aggregate), List.of(),
                        current.view().reader(), null);
            }
            case SqlRead.Join join -> JoinStatements.plan(current, join, policy, current.view().reader());
        };
    }

    private static Planned planRows(ServedTables.Table table, SqlRead.Rows rows, RequestPolicy policy,
            DatasetAccess access, DatasetReader reader) {
        if (!rows.star()) {
            List<DeniedField> denied = access.deniedFields(rows.request().selectedFields());
            if (!denied.isEmpty()) {
                DeniedField first = denied.getFirst();
                throw new PorticoException(ErrorCode.FORBIDDEN, "column " + sqlName(table, first.field())
                        + " is denied to you by policy rule '" + first.rule() + "'"
                        + (denied.size() > 1 ? " (and " + (denied.size() - 1) + " more selected column(s))" : "")
                        + "; select only the columns you may see (SELECT * lists them)");
            }
        }
        access.checkArguments(rows.request());
        List<String> shown = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        for (int index = 0; index < rows.columns().size(); index++) {
            FieldBinding field = rows.columns().get(index).field();
            String name = field.graphQLName();
            if (access.decision(name).isDenied()) {
                continue; // only through *: an explicit denied column was refused above
            }
            Field arrow = access.decision(name).isMasked() ? VectorMasker.maskedField(field.arrowField())
                    : field.arrowField();
            fields.add(new Field(rows.labels().get(index), arrow.getFieldType(), arrow.getChildren()));
            shown.add(name);
        }
        if (shown.isEmpty()) {
            throw new PorticoException(ErrorCode.FORBIDDEN, table.sql().schema() + "." + table.sql().name()
                    + " has no column you may see");
        }
        return new Planned(table, rows, policy, new Schema(fields), shown, reader, null);
    }

    private static String sqlName(ServedTables.Table table, String graphQLName) {
        String column = table.dataset().source().target().contractField(graphQLName).orElse(graphQLName);
        return table.sql().schema() + "." + table.sql().name() + "." + column;
    }

    /**
     * The schema of the answer of {@code sql} for {@code subject}; a refusal is audited as the statement would be.
     */
    Schema describe(Subject subject, String sql, List<Object> parameters) {
        Instant started = clock.instant();
        long startedNanos = System.nanoTime();
        try {
            return plan(subject, sql, parameters).schema();
        } catch (RuntimeException e) {
            record(started, startedNanos, subject, sql, null, e);
            throw e;
        }
    }

    /**
     * A prepared statement for {@code subject}: the types of its parameters and the schema of its answer (which no
     * parameter value changes: it is planned with a placeholder value of each parameter's column type).
     */
    record Described(Schema datasetSchema, Schema parameterSchema) {
    }

    Described describePrepared(Subject subject, String sql) {
        List<SqlColumn> parameters;
        Instant started = clock.instant();
        long startedNanos = System.nanoTime();
        try {
            parameters = new SqlStatements(tables(), maxGroups).parameters(sql);
        } catch (RuntimeException e) {
            record(started, startedNanos, subject, sql, null, e);
            throw e;
        }
        List<Field> fields = new ArrayList<>();
        List<Object> placeholders = new ArrayList<>();
        for (int index = 0; index < parameters.size(); index++) {
            Field column = parameters.get(index).field().arrowField();
            fields.add(new Field("p" + (index + 1), FieldType.nullable(column.getType()), column.getChildren()));
            placeholders.add(PlaceholderValues.of(parameters.get(index).field()));
        }
        return new Described(describe(subject, sql, placeholders), new Schema(fields));
    }

    /**
     * Runs {@code sql} for {@code subject} and streams its answer to {@code listener}, which it completes or fails;
     * blocks until the stream is done. One audit event.
     */
    void stream(Subject subject, String sql, List<Object> parameters, ServerStreamListener listener, Context parent) {
        Span span = tracing.start("flight-sql statement", parent);
        try (Scope ignored = span.makeCurrent()) {
            stream(subject, sql, parameters, listener, span);
        } finally {
            span.end();
        }
    }

    private void stream(Subject subject, String sql, List<Object> parameters, ServerStreamListener listener,
            Span span) {
        Instant started = clock.instant();
        long startedNanos = System.nanoTime();
        Planned planned = null;
        RuntimeException failure = null;
        try {
            planned = planned(subject, sql, parameters);
            StreamForwarder forwarder = new StreamForwarder(listener, planned.schema(), allocator, streamTimeout);
            try {
                switch (planned.read()) {
                    case SqlRead.Rows rows -> streamRows(planned, rows, forwarder);
                    case SqlRead.Aggregate aggregate -> streamAggregate(planned, aggregate, forwarder);
                    case SqlRead.Join join -> {
                        JoinStatements.stream(planned, join, forwarder, streamTimeout);
                        forwarder.startIfNeeded();
                    }
                }
            } finally {
                forwarder.release();
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        record(started, startedNanos, subject, sql, planned == null ? null : planned.policy(), failure);
        if (failure != null) {
            GatewayTracing.failed(span, failure);
        }
        if (failure == null) {
            listener.completed();
        } else if (!(FlightStatuses.unwrapped(failure) instanceof ClientCancelled)) {
            listener.error(FlightStatuses.toFlight(failure, LOG, "run the statement"));
        }
    }

    /** {@link #plan} in a span of its own: parsing, the policy decisions and planning of the statement. */
    private Planned planned(Subject subject, String sql, List<Object> parameters) {
        Span span = tracing.start("plan");
        try (Scope ignored = span.makeCurrent()) {
            return plan(subject, sql, parameters);
        } catch (RuntimeException e) {
            GatewayTracing.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private void streamRows(Planned planned, SqlRead.Rows rows, StreamForwarder forwarder) {
        DatasetSource source = planned.table().dataset().source();
        DatasetRequest request = rows.request().withSelectedFields(planned.shown());
        planned.reader().scan(source, planned.policy(), request, planned.shown(), rows.offset(), rows.limit(),
                streamTimeout, forwarder::attempt).join();
        forwarder.startIfNeeded();
    }

    private void streamAggregate(Planned planned, SqlRead.Aggregate read, StreamForwarder forwarder) {
        if (read.request().first() == 0) {
            forwarder.startIfNeeded(); // LIMIT 0: no group, not even the one of an ungrouped aggregate
            return;
        }
        DatasetAggregate aggregate = planned.reader().aggregate(planned.table().dataset().source(),
                planned.policy(), read.request()).join();
        try (VectorSchemaRoot groups = VectorSchemaRoot.create(planned.schema(), allocator)) {
            AggregateColumns.write(read, aggregate, groups);
            forwarder.sendOwn(groups);
        }
    }

    private void record(Instant started, long startedNanos, Subject subject, String sql, RequestPolicy policy,
            RuntimeException failure) {
        try {
            List<String> codes = failure == null ? List.of() : List.of(FlightStatuses.codeOf(failure).name());
            List<io.portico.policies.audit.AuditDataset> read = policy == null ? List.of() : policy.datasetsRead();
            AuditOutcome outcome = failure == null ? AuditOutcome.OK
                    : REFUSALS.contains(FlightStatuses.codeOf(failure)) && read.isEmpty() ? AuditOutcome.REFUSED
                    : AuditOutcome.ERROR;
            audit.record(new AuditEvent(started, RequestIds.next(), RequestIds.currentTraceId(), AuditSubject.of(subject),
                    StatementSignature.of(sql), AUDIT_PATH, read, Duration.ofNanos(System.nanoTime() - startedNanos),
                    outcome, codes));
        } catch (RuntimeException e) {
            LOG.error("could not record the audit event of a Flight SQL statement", e);
        }
    }
}

package io.portico.gateway.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.portico.policies.audit.AuditEvent;
import io.portico.policies.audit.AuditSink;

/**
 * The meters of the requests the gateway answered, one update per audit event (every GraphQL request and every
 * Flight SQL statement records exactly one), at {@code /actuator/prometheus}:
 * <ul>
 *   <li>{@code portico_requests_total} (tags {@code path}: {@code graphql} or {@code flight-sql}; {@code outcome}:
 *       {@code ok}, {@code partial}, {@code refused} or {@code error}; {@code code}: the first error code sent to
 *       the caller, {@code none} without error): the requests by how they ended;</li>
 *   <li>{@code portico_graphql_operations_seconds} (histogram, tags {@code operation}: the operation name, capped
 *       by {@code portico.metrics.max-operation-names}; {@code outcome}): how long GraphQL operations took;</li>
 *   <li>{@code portico_flightsql_statements_seconds} (histogram, tag {@code outcome}): how long the statements of
 *       the gateway's Flight SQL endpoint took, from the statement to its last batch.</li>
 * </ul>
 * The error ratio is {@code sum(rate(portico_requests_total{outcome="error"}[5m])) /
 * sum(rate(portico_requests_total[5m]))}.
 */
public final class RequestMeters {

    static final String REQUESTS = "portico.requests";
    static final String OPERATIONS = "portico.graphql.operations";
    static final String STATEMENTS = "portico.flightsql.statements";
    static final String GRAPHQL = "graphql";
    static final String FLIGHT_SQL = "flight-sql";
    static final String NONE = "none";

    private final MeterRegistry registry;
    private final OperationNames operationNames;

    public RequestMeters(MeterRegistry registry, MetricsProperties properties) {
        this.registry = requireNonNull(registry, "registry is null");
        this.operationNames = new OperationNames(properties.maxOperationNames());
    }

    /** {@code sink}, each event it records measured here first. */
    public AuditSink decorate(AuditSink sink) {
        requireNonNull(sink, "sink is null");
        return new AuditSink() {
            @Override
            public void record(AuditEvent event) {
                measure(event);
                sink.record(event);
            }

            @Override
            public void close() {
                sink.close();
            }
        };
    }

    /** Counts and times one answered request. */
    void measure(AuditEvent event) {
        String outcome = event.outcome().name().toLowerCase(java.util.Locale.ROOT);
        String code = event.errorCodes().isEmpty() ? NONE : event.errorCodes().getFirst();
        Counter.builder(REQUESTS).description("requests answered, by front door, outcome and first error code")
                .tag("path", event.path()).tag("outcome", outcome).tag("code", code)
                .register(registry).increment();
        if (GRAPHQL.equals(event.path())) {
            Timer.builder(OPERATIONS).description("GraphQL operations, by operation name (capped) and outcome")
                    .tag("operation", operationNames.tagOf(event.operation().name())).tag("outcome", outcome)
                    .register(registry).record(event.duration());
        } else if (FLIGHT_SQL.equals(event.path())) {
            Timer.builder(STATEMENTS).description("statements of the gateway's Flight SQL endpoint, by outcome")
                    .tag("outcome", outcome).register(registry).record(event.duration());
        }
    }
}

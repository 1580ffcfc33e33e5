package io.portico.policies.audit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One request, as the audit trail records it: who asked what, what each policy decided and how it ended. It holds
 * no data value and no subject attribute value: fields are named, row filters are templates
 * ({@code region = subject.region}), the operation is a name and a hash.
 *
 * @param timestamp  when the request arrived
 * @param requestId  the request's id (the one its logs and errors carry), made by the gateway, one per request
 * @param traceId    the trace the request's spans belong to when tracing is on, else {@code null}; a client may
 *                   choose it (by continuing its own trace), so unlike {@code requestId} it need not be unique
 * @param subject    who asked
 * @param operation  the operation's name and document hash
 * @param path       how it came: {@code graphql}, {@code flight-sql}...
 * @param datasets   every dataset read, with decisions and row counts
 * @param duration   how long the request took
 * @param outcome    how it ended
 * @param errorCodes the error codes sent to the caller (e.g. {@code FORBIDDEN}), in order; empty when none
 */
public record AuditEvent(
        Instant timestamp,
        String requestId,
        String traceId,
        AuditSubject subject,
        AuditOperation operation,
        String path,
        List<AuditDataset> datasets,
        Duration duration,
        AuditOutcome outcome,
        List<String> errorCodes) {

    public AuditEvent {
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(path, "path is null");
        datasets = List.copyOf(datasets);
        requireNonNull(duration, "duration is null");
        requireNonNull(outcome, "outcome is null");
        errorCodes = List.copyOf(errorCodes);
    }

    /** The event as one line of JSON (the {@link JsonLinesAuditSink} format, see docs/policies.md). */
    public String toJson() {
        return AuditEventJson.write(this);
    }
}

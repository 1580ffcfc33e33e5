package io.portico.gateway.registration;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.usage.ChangeConsumers;
import io.portico.gateway.usage.ChangeConsumers.ChangeUsage;
import io.portico.schema.compat.ChangeReport;
import io.portico.schema.compat.ChangeSeverity;
import io.portico.schema.compat.ContractChange;
import java.util.List;

/**
 * A {@link ChangeReport} as the registration API shows it.
 *
 * @param summary         e.g. {@code 1 breaking, 2 safe changes}
 * @param highestSeverity the worst severity, null when nothing changes
 * @param changes         every change, most severe first
 */
public record RegistrationChanges(String summary, ChangeSeverity highestSeverity, List<Change> changes) {

    public RegistrationChanges {
        requireNonNull(summary, "summary is null");
        changes = List.copyOf(changes);
    }

    static RegistrationChanges of(ChangeReport report, String domain, ChangeConsumers consumers) {
        return new RegistrationChanges(report.summary(), report.highestSeverity().orElse(null),
                report.changes().stream().map(change -> Change.of(change, consumers.of(domain, change)
                        .orElse(null))).toList());
    }

    /**
     * One change: {@link ContractChange} without its Java-only parts, and for a breaking or dangerous one who read
     * what it changes lately ({@code usage}; null for a safe change or without usage recording).
     */
    public record Change(ChangeSeverity severity, String kind, String path, String message, String revert,
            ChangeUsage usage) {

        static Change of(ContractChange change, ChangeUsage usage) {
            return new Change(change.severity(), change.kind().name(), change.path(), change.message(),
                    change.revert(), usage);
        }
    }
}

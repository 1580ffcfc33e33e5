package io.portico.gateway.registration;

import static java.util.Objects.requireNonNull;

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

    static RegistrationChanges of(ChangeReport report) {
        return new RegistrationChanges(report.summary(), report.highestSeverity().orElse(null),
                report.changes().stream().map(Change::of).toList());
    }

    /** One change: {@link ContractChange} without its Java-only parts. */
    public record Change(ChangeSeverity severity, String kind, String path, String message, String revert) {

        static Change of(ContractChange change) {
            return new Change(change.severity(), change.kind().name(), change.path(), change.message(),
                    change.revert());
        }
    }
}

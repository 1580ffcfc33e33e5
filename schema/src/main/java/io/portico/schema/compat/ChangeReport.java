package io.portico.schema.compat;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every difference between a live output port and a candidate, most severe first, then by path and message: the
 * same two snapshots always yield the same report in the same order.
 *
 * @param changes the differences; empty when the candidate changes nothing
 */
public record ChangeReport(List<ContractChange> changes) {

    private static final Comparator<ContractChange> ORDER = Comparator.comparing(ContractChange::severity)
            .thenComparing(ContractChange::path)
            .thenComparing(ContractChange::message)
            .thenComparing(ContractChange::kind);

    public ChangeReport {
        changes = changes.stream().sorted(ORDER).toList();
    }

    /** True when the candidate changes nothing. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The worst severity in the report; empty when there is no change. */
    public Optional<ChangeSeverity> highestSeverity() {
        return changes.stream().map(ContractChange::severity).min(Comparator.naturalOrder());
    }

    public boolean hasBreakingChanges() {
        return !breaking().isEmpty();
    }

    public List<ContractChange> breaking() {
        return withSeverity(ChangeSeverity.BREAKING);
    }

    public List<ContractChange> dangerous() {
        return withSeverity(ChangeSeverity.DANGEROUS);
    }

    public List<ContractChange> safe() {
        return withSeverity(ChangeSeverity.SAFE);
    }

    public List<ContractChange> withSeverity(ChangeSeverity severity) {
        return changes.stream().filter(change -> change.severity() == severity).toList();
    }

    public List<ContractChange> ofKind(ChangeKind kind) {
        return changes.stream().filter(change -> change.kind() == kind).toList();
    }

    /** E.g. {@code 2 breaking, 1 dangerous, 3 safe changes} or {@code no changes}. */
    public String summary() {
        if (changes.isEmpty()) {
            return "no changes";
        }
        Map<ChangeSeverity, Long> counts = changes.stream().collect(Collectors.groupingBy(
                ContractChange::severity, () -> new EnumMap<>(ChangeSeverity.class), Collectors.counting()));
        String text = counts.entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return text + (changes.size() == 1 ? " change" : " changes");
    }
}

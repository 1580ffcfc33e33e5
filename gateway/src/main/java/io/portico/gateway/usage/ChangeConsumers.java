package io.portico.gateway.usage;

import static java.util.Objects.requireNonNull;

import io.portico.schema.compat.ChangeSeverity;
import io.portico.schema.compat.ContractChange;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The change check's use of usage: for a breaking or dangerous change to a dataset or field of a contract, the
 * subjects that read it in the last {@code portico.usage.change-check-days}, and a note that calls out a breaking
 * change nobody is known to depend on.
 */
public final class ChangeConsumers {

    /** No usage known: every change is reported without consumers (a gateway without usage recording). */
    public static final ChangeConsumers NONE = new ChangeConsumers(null, 0);

    /** A change's path: {@code $.schema[orders]} or {@code $.schema[orders].properties[total_amount]...}. */
    private static final Pattern PATH = Pattern.compile("^\\$\\.schema\\[([^\\]]+)\\](?:\\.properties\\[([^\\]]+)\\])?");

    private final UsageService usage;
    private final int days;

    public ChangeConsumers(UsageService usage, int days) {
        this.usage = usage;
        this.days = days;
    }

    /** What usage says of one change of a contract of {@code domain}; empty for a safe change or no usage. */
    public Optional<ChangeUsage> of(String domain, ContractChange change) {
        requireNonNull(domain, "domain is null");
        if (usage == null || change.severity() == ChangeSeverity.SAFE) {
            return Optional.empty();
        }
        Matcher path = PATH.matcher(change.path());
        if (!path.find()) {
            return Optional.empty();
        }
        String dataset = path.group(1);
        String field = path.group(2);
        List<SubjectUsage> consumers = usage.consumers(domain, dataset, field, days);
        String what = field == null ? "dataset '" + dataset + "'" : "field '" + dataset + "." + field + "'";
        String note;
        if (!consumers.isEmpty()) {
            note = consumers.size() + (consumers.size() == 1 ? " consumer" : " consumers") + " read " + what
                    + " in the last " + days + " days: " + String.join(", ", consumers.stream()
                            .map(consumer -> consumer.id().isEmpty() ? "(anonymous)" : consumer.id()).toList());
        } else if (change.severity() == ChangeSeverity.BREAKING) {
            note = "breaking, but nobody read " + what + " in the last " + days + " days";
        } else {
            note = "nobody read " + what + " in the last " + days + " days";
        }
        return Optional.of(new ChangeUsage(days, consumers, note));
    }

    /**
     * What usage says of one change.
     *
     * @param days      the window looked at
     * @param consumers who read the changed dataset or field in it, most reads first
     * @param note      e.g. {@code 2 consumers read field 'orders.total_amount' in the last 30 days: ada, sam} or
     *                  {@code breaking, but nobody read field 'orders.note' in the last 30 days}
     */
    public record ChangeUsage(int days, List<SubjectUsage> consumers, String note) {

        public ChangeUsage {
            consumers = List.copyOf(consumers);
            requireNonNull(note, "note is null");
        }
    }
}

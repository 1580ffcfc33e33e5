package io.portico.gateway.usage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Folds stored rows (per day) into per-field, per-subject usage over their window. */
final class UsageReports {

    private static final Comparator<SubjectUsage> MOST_READS_FIRST =
            Comparator.comparingLong(SubjectUsage::reads).reversed().thenComparing(SubjectUsage::id);

    private UsageReports() {
    }

    /** The rows by dataset and field (in the rows' order), each field's subjects most reads first. */
    static List<FieldUsage> fold(List<StoredUsage> rows) {
        Map<String, Map<String, SubjectUsage>> byField = new LinkedHashMap<>();
        Map<String, StoredUsage> firstRowOfField = new LinkedHashMap<>();
        for (StoredUsage row : rows) {
            String fieldKey = row.datasetUrn() + "\n" + row.field();
            firstRowOfField.putIfAbsent(fieldKey, row);
            byField.computeIfAbsent(fieldKey, key -> new LinkedHashMap<>())
                    .merge(row.subjectId(), subjectOf(row), UsageReports::combine);
        }
        List<FieldUsage> fields = new ArrayList<>(byField.size());
        byField.forEach((fieldKey, subjects) -> {
            StoredUsage first = firstRowOfField.get(fieldKey);
            List<SubjectUsage> sorted = subjects.values().stream().sorted(MOST_READS_FIRST).toList();
            long reads = sorted.stream().mapToLong(SubjectUsage::reads).sum();
            fields.add(new FieldUsage(first.datasetUrn(), first.field(), reads, sorted));
        });
        return fields;
    }

    private static SubjectUsage subjectOf(StoredUsage row) {
        return new SubjectUsage(row.subjectId(), row.roles(), row.groups(), row.domains(), row.reads(),
                row.lastSeen());
    }

    /** Reads summed; roles, groups and domains of the later sighting. */
    private static SubjectUsage combine(SubjectUsage one, SubjectUsage other) {
        SubjectUsage later = other.lastSeen().isAfter(one.lastSeen()) ? other : one;
        return new SubjectUsage(later.id(), later.roles(), later.groups(), later.domains(),
                one.reads() + other.reads(), later.lastSeen());
    }
}

package io.portico.policies.audit;

import static java.util.Objects.requireNonNull;

import io.portico.policies.decision.DatasetDecisions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One dataset a request read: the decision on each field it read, the fields it read only to join on them (the
 * keys of relationship fields), the row filters applied and how many rows went back. No values.
 *
 * @param urn          the dataset's URN
 * @param fields       the fields read for the caller, in the order given
 * @param joinFields   the fields read only to join on them (never shown), in the order given
 * @param rowFilters   the row filters applied, as templates
 * @param rowsReturned rows returned to the caller from this dataset
 */
public record AuditDataset(String urn, List<AuditField> fields, List<AuditField> joinFields,
        List<AuditRowFilter> rowFilters, long rowsReturned) {

    public AuditDataset {
        requireNonNull(urn, "urn is null");
        fields = List.copyOf(fields);
        joinFields = List.copyOf(joinFields);
        rowFilters = List.copyOf(rowFilters);
        if (rowsReturned < 0) {
            throw new IllegalArgumentException("rowsReturned must not be negative: " + rowsReturned);
        }
    }

    /** The entry for a dataset whose {@code fieldsRead} (contract names) were decided by {@code decisions}. */
    public static AuditDataset of(DatasetDecisions decisions, Collection<String> fieldsRead, long rowsReturned) {
        return of(decisions, fieldsRead, List.of(), rowsReturned);
    }

    /**
     * The entry for a dataset whose {@code fieldsRead} and {@code joinFieldsRead} (contract names; a field in both
     * is listed as read) were decided by {@code decisions}.
     */
    public static AuditDataset of(DatasetDecisions decisions, Collection<String> fieldsRead,
            Collection<String> joinFieldsRead, long rowsReturned) {
        List<AuditField> fields = decided(decisions, fieldsRead);
        List<String> joinOnly = joinFieldsRead.stream().filter(field -> !fieldsRead.contains(field)).toList();
        List<AuditRowFilter> rowFilters = decisions.rowFilters().stream().map(AuditRowFilter::of).toList();
        return new AuditDataset(decisions.urn(), fields, decided(decisions, joinOnly), rowFilters, rowsReturned);
    }

    private static List<AuditField> decided(DatasetDecisions decisions, Collection<String> names) {
        List<AuditField> fields = new ArrayList<>(names.size());
        for (String field : names) {
            fields.add(AuditField.of(field, decisions.field(field)));
        }
        return fields;
    }
}

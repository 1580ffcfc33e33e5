package io.portico.policies.audit;

import static java.util.Objects.requireNonNull;

import io.portico.policies.decision.DatasetDecisions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One dataset a request read: the decision on each field it read, the row filters applied and how many rows went
 * back. No values.
 *
 * @param urn          the dataset's URN
 * @param fields       the fields read, in the order given
 * @param rowFilters   the row filters applied, as templates
 * @param rowsReturned rows returned to the caller from this dataset
 */
public record AuditDataset(String urn, List<AuditField> fields, List<AuditRowFilter> rowFilters, long rowsReturned) {

    public AuditDataset {
        requireNonNull(urn, "urn is null");
        fields = List.copyOf(fields);
        rowFilters = List.copyOf(rowFilters);
        if (rowsReturned < 0) {
            throw new IllegalArgumentException("rowsReturned must not be negative: " + rowsReturned);
        }
    }

    /** The entry for a dataset whose {@code fieldsRead} (contract names) were decided by {@code decisions}. */
    public static AuditDataset of(DatasetDecisions decisions, Collection<String> fieldsRead, long rowsReturned) {
        List<AuditField> fields = new ArrayList<>(fieldsRead.size());
        for (String field : fieldsRead) {
            fields.add(AuditField.of(field, decisions.field(field)));
        }
        List<AuditRowFilter> rowFilters = decisions.rowFilters().stream().map(AuditRowFilter::of).toList();
        return new AuditDataset(decisions.urn(), fields, rowFilters, rowsReturned);
    }
}

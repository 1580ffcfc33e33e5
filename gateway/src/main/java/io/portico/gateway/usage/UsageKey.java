package io.portico.gateway.usage;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * What usage is counted by: one field (contract name) of one dataset read by one subject on one UTC day.
 *
 * @param day        the UTC day of the reads
 * @param datasetUrn the dataset's URN
 * @param field      the field's contract name
 * @param subjectId  the subject's id; empty for anonymous callers
 */
public record UsageKey(LocalDate day, String datasetUrn, String field, String subjectId) {

    public UsageKey {
        requireNonNull(day, "day is null");
        requireNonNull(datasetUrn, "datasetUrn is null");
        requireNonNull(field, "field is null");
        requireNonNull(subjectId, "subjectId is null");
    }
}

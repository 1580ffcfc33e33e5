package io.portico.gateway.usage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One stored row of usage: a subject's reads of one field of one dataset on one UTC day, summed over replicas.
 *
 * @param datasetUrn the dataset's URN
 * @param field      the field's contract name
 * @param subjectId  the subject's id; empty for anonymous callers
 * @param day        the UTC day
 * @param reads      requests that read the field that day
 * @param lastSeen   the latest of them
 * @param roles      the subject's roles as last seen
 * @param groups     the subject's groups as last seen
 * @param domains    the subject's domains as last seen
 */
public record StoredUsage(String datasetUrn, String field, String subjectId, LocalDate day, long reads,
        Instant lastSeen, List<String> roles, List<String> groups, List<String> domains) {

    public StoredUsage {
        requireNonNull(datasetUrn, "datasetUrn is null");
        requireNonNull(field, "field is null");
        requireNonNull(subjectId, "subjectId is null");
        requireNonNull(day, "day is null");
        requireNonNull(lastSeen, "lastSeen is null");
        roles = List.copyOf(roles);
        groups = List.copyOf(groups);
        domains = List.copyOf(domains);
    }
}

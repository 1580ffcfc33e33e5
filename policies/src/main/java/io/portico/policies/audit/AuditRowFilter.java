package io.portico.policies.audit;

import static java.util.Objects.requireNonNull;

import io.portico.policies.decision.AppliedRowFilter;

/**
 * A row filter applied to a dataset, as its template: {@code region = subject.region}, never the subject's value.
 *
 * @param rule     the row-filter rule's name
 * @param template the predicate as the rule wrote it
 */
public record AuditRowFilter(String rule, String template) {

    public AuditRowFilter {
        requireNonNull(rule, "rule is null");
        requireNonNull(template, "template is null");
    }

    public static AuditRowFilter of(AppliedRowFilter applied) {
        return new AuditRowFilter(applied.rule(), applied.template());
    }
}

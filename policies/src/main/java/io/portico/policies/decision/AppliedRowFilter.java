package io.portico.policies.decision;

import static java.util.Objects.requireNonNull;

import io.portico.policies.filter.RowPredicate;

/**
 * One row-filter rule applied to a dataset for one subject.
 *
 * @param rule      the rule's name
 * @param predicate the rule's predicate bound to the subject: literals only, ready to render as SQL
 * @param template  the rule's predicate as written, with subject references and no subject values: what audit
 *                  events record
 */
public record AppliedRowFilter(String rule, RowPredicate predicate, String template) {

    public AppliedRowFilter {
        requireNonNull(rule, "rule is null");
        requireNonNull(predicate, "predicate is null");
        requireNonNull(template, "template is null");
    }
}

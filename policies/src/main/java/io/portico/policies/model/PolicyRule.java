package io.portico.policies.model;

import static java.util.Objects.requireNonNull;

import io.portico.policies.Subject;
import io.portico.policies.filter.Operand;
import io.portico.policies.filter.RowPredicate;
import java.util.List;

/**
 * One rule of a policy set: who ({@link #subjects()}, {@link #purposes()}), what ({@link #resources()}) and either a
 * field effect ({@link #effect()}) or a dataset row filter ({@link #rowFilter()}), never both.
 *
 * @param name        unique in its policy set; decisions name the rule that made them by it
 * @param description free text, may be null
 * @param subjects    the subjects the rule applies to
 * @param purposes    when not empty, the rule applies only to subjects whose {@value #PURPOSE_ATTRIBUTE} attribute
 *                    is one of these values
 * @param resources   the datasets and fields the rule applies to
 * @param effect      what the rule does to the fields it selects; null for a row-filter rule
 * @param rowFilter   the predicate (a template) rows of the selected datasets must satisfy; null for a field rule
 * @param source      the file the rule was read from, for messages; empty when built in code
 */
public record PolicyRule(
        String name,
        String description,
        SubjectSelector subjects,
        List<String> purposes,
        ResourceSelector resources,
        FieldEffect effect,
        RowPredicate rowFilter,
        String source) {

    /** The subject attribute a rule's {@code purpose} is matched against. */
    public static final String PURPOSE_ATTRIBUTE = "purpose";

    public PolicyRule {
        requireNonNull(name, "name is null");
        requireNonNull(subjects, "subjects is null");
        purposes = List.copyOf(purposes);
        requireNonNull(resources, "resources is null");
        requireNonNull(source, "source is null");
        if ((effect == null) == (rowFilter == null)) {
            throw new IllegalArgumentException("rule " + name + " needs exactly one of an effect and a row filter");
        }
        if (rowFilter != null && resources.selectsFields()) {
            throw new IllegalArgumentException("row-filter rule " + name
                    + " applies to datasets: it cannot select fields, classifications or tags");
        }
    }

    /** A field rule. */
    public static PolicyRule fieldRule(String name, SubjectSelector subjects, ResourceSelector resources,
            FieldEffect effect) {
        return new PolicyRule(name, null, subjects, List.of(), resources, requireNonNull(effect, "effect is null"),
                null, "");
    }

    /** A row-filter rule. */
    public static PolicyRule rowFilterRule(String name, SubjectSelector subjects, ResourceSelector resources,
            RowPredicate rowFilter) {
        return new PolicyRule(name, null, subjects, List.of(), resources, null,
                requireNonNull(rowFilter, "rowFilter is null"), "");
    }

    /** Whether this is a dataset row-filter rule rather than a field rule. */
    public boolean isRowFilter() {
        return rowFilter != null;
    }

    /** Whether the rule applies to the subject: its subject selector and, when given, its purposes match. */
    public boolean appliesTo(Subject subject) {
        if (!subjects.matches(subject)) {
            return false;
        }
        if (purposes.isEmpty()) {
            return true;
        }
        String purpose = subject.attribute(PURPOSE_ATTRIBUTE);
        return purpose != null && purposes.contains(purpose);
    }

    /**
     * Whether the rule reads the subject's id (claim {@code sub}, or {@code subject.id} in its row filter), so that
     * two subjects of equal roles, groups, domains and attributes may be decided differently.
     */
    public boolean selectsOnSubjectId() {
        return subjects.selectsOnSubjectId()
                || (rowFilter != null && rowFilter.subjectAttributes().contains(Operand.SubjectReference.ID));
    }
}

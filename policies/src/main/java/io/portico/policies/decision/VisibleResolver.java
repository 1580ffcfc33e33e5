package io.portico.policies.decision;

import io.portico.policies.Subject;
import io.portico.policies.decision.RelatedDatasets.Dataset;
import io.portico.policies.decision.RelatedDatasets.Followed;
import io.portico.policies.decision.RelatedDatasets.NotFollowed;
import io.portico.policies.filter.RowPredicate;
import io.portico.policies.model.PolicyRule;
import io.portico.schema.contract.DatasetContract;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the {@link RowPredicate.Visible visible(...)} tests of one subject's row filters, once every dataset's
 * own filters are decided ({@link PolicyEvaluator}): each test becomes a {@link RowPredicate.RelatedIn} over the
 * related dataset's row filter for the same subject, itself resolved, or a constant:
 *
 * <ul>
 *   <li>{@code true} when the related dataset's filter is {@code true} (no filter: every related row is visible,
 *       so no join is needed), {@code false} when it is {@code false};</li>
 *   <li>no row, whatever {@code not} surrounds the test ({@link RowPredicate#resolveVisible}), when it cannot be
 *       resolved: the contract declares no such relationship (or several, and the test names no key), the related
 *       dataset is not registered, a key field is missing at either end, the chain of related filters runs into a
 *       cycle or follows more than {@link #MAX_DEPTH} relationships. Each is a {@link DecisionProblem} of the
 *       dataset and rule concerned.</li>
 * </ul>
 *
 * <p>Binding never widens, through relationships too: under an odd number of {@code not} the related dataset's
 * filter is bound so that an unknown subject attribute admits every related row (the related set can only be
 * larger than certain), so the negated test admits no row it should not.
 */
final class VisibleResolver {

    /** The most relationships a chain of related row filters may follow (shipments -> orders -> customers is 2). */
    static final int MAX_DEPTH = 8;

    private final RelatedDatasets registry;
    private final Subject subject;
    private final Map<String, List<PolicyRule>> rowFilterRules;
    private final Set<String> failed;
    private final Set<DecisionProblem> problems = new LinkedHashSet<>();

    /**
     * @param registry       the snapshot's datasets
     * @param subject        whose row filters these are
     * @param rowFilterRules per dataset URN, the row-filter rules that apply to the subject and the dataset
     * @param failed         the URNs whose row filter already failed (it names a field the dataset does not have):
     *                       it admits no row whatever its tests resolve to
     */
    VisibleResolver(RelatedDatasets registry, Subject subject, Map<String, List<PolicyRule>> rowFilterRules,
            Set<String> failed) {
        this.registry = registry;
        this.subject = subject;
        this.rowFilterRules = rowFilterRules;
        this.failed = failed;
    }

    /** The decisions of a dataset with its row filters resolved; the same decisions when none follows a relationship. */
    DatasetDecisions resolve(DatasetDecisions decisions) {
        if (decisions.rowFilters().stream().allMatch(applied -> applied.predicate().visibleTests().isEmpty())) {
            return decisions;
        }
        String urn = decisions.urn();
        boolean failedAlready = failed.contains(urn);
        List<AppliedRowFilter> resolved = new ArrayList<>();
        for (AppliedRowFilter applied : decisions.rowFilters()) {
            // A filter that failed admits no row anyway: its tests are not followed (nor reported) then.
            RowPredicate predicate = applied.predicate().resolveVisible((test, positive) -> failedAlready
                    ? Optional.empty() : follow(urn, applied.rule(), test, positive, List.of(urn)), true);
            resolved.add(new AppliedRowFilter(applied.rule(), predicate, applied.template()));
        }
        RowPredicate combined = failedAlready ? RowPredicate.FALSE
                : RowPredicate.And.of(resolved.stream().map(AppliedRowFilter::predicate).toList());
        return new DatasetDecisions(urn, decisions.known(), decisions.fields(), decisions.fallback(), resolved,
                combined);
    }

    /** Every problem met, once each, in the order met. */
    List<DecisionProblem> problems() {
        return List.copyOf(problems);
    }

    /**
     * The rows of {@code urn} the subject may see, bound and resolved at a polarity: positive, no more rows than
     * certain; negative (the test that reads it is negated), no fewer.
     */
    private RowPredicate rowFilter(String urn, boolean positive, List<String> chain) {
        if (failed.contains(urn)) {
            return positive ? RowPredicate.FALSE : RowPredicate.TRUE;
        }
        List<RowPredicate> filters = new ArrayList<>();
        for (PolicyRule rule : rowFilterRules.getOrDefault(urn, List.of())) {
            filters.add(rule.rowFilter().bind(subject, positive).resolveVisible(
                    (test, testPositive) -> follow(urn, rule.name(), test, testPositive, chain), positive));
        }
        return RowPredicate.And.of(filters);
    }

    private Optional<RowPredicate> follow(String urn, String rule, RowPredicate.Visible test, boolean positive,
            List<String> chain) {
        Dataset owner = registry.dataset(urn).orElseThrow();
        RelatedDatasets.Follow found = registry.follow(owner, test);
        if (found instanceof NotFollowed notFollowed) {
            problem(urn, rule, notFollowed.problem());
            return Optional.empty();
        }
        Followed followed = (Followed) found;
        if (followed.target().isEmpty()) {
            problem(urn, rule, "its related dataset " + followed.targetLabel() + " is not registered");
            return Optional.empty();
        }
        Dataset target = followed.target().get();
        Optional<String> missing = missingField(owner, followed.relationship().fromFields())
                .or(() -> missingField(target, followed.relationship().toFields()));
        if (missing.isPresent()) {
            problem(urn, rule, "the relationship to " + followed.targetLabel() + " joins on " + missing.get());
            return Optional.empty();
        }
        if (chain.contains(target.urn())) {
            problem(urn, rule, "its related row filters run in a cycle: " + labels(chain) + " -> " + target.label());
            return Optional.empty();
        }
        if (chain.size() > MAX_DEPTH) {
            problem(urn, rule, "its related row filters follow more than " + MAX_DEPTH + " relationships: "
                    + labels(chain) + " -> " + target.label());
            return Optional.empty();
        }
        List<String> longer = new ArrayList<>(chain);
        longer.add(target.urn());
        RowPredicate targetFilter = rowFilter(target.urn(), positive, longer);
        if (targetFilter instanceof RowPredicate.Constant) {
            return Optional.of(targetFilter);
        }
        return Optional.of(new RowPredicate.RelatedIn(followed.relationship().fromFields(), followed.targetLabel(),
                target.urn(), followed.relationship().toFields(), targetFilter));
    }

    /** "field 'x', which crm.customers does not have", for the first key field the dataset lacks. */
    private static Optional<String> missingField(Dataset dataset, List<String> fields) {
        DatasetContract contract = dataset.contract();
        return fields.stream().filter(field -> contract.field(field).isEmpty()).findFirst()
                .map(field -> "field '" + field + "', which " + dataset.label() + " does not have");
    }

    private String labels(List<String> chain) {
        return String.join(" -> ", chain.stream()
                .map(urn -> registry.dataset(urn).map(Dataset::label).orElse(urn)).toList());
    }

    private void problem(String urn, String rule, String problem) {
        problems.add(new DecisionProblem(urn, rule, "visible(...) cannot be resolved: " + problem
                + "; it admits no row"));
    }
}

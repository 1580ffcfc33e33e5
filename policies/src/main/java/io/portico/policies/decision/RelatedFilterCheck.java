package io.portico.policies.decision;

import io.portico.policies.decision.RelatedDatasets.Dataset;
import io.portico.policies.decision.RelatedDatasets.Followed;
import io.portico.policies.decision.RelatedDatasets.NotFollowed;
import io.portico.policies.filter.RowPredicate;
import io.portico.policies.model.PolicyRule;
import io.portico.policies.model.PolicySet;
import io.portico.policies.model.ResourceSelector;
import io.portico.policies.parse.PolicyProblem;
import io.portico.schema.compose.RegistrySnapshot;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a policy set's relationship-scoped row filters ({@code visible(...)}) against a registry when the set is
 * loaded, so that a set that cannot work is refused before it is in force. For every row-filter rule with a
 * {@code visible(...)} test and every registered dataset the rule selects:
 *
 * <ul>
 *   <li>the dataset's contract must declare the relationship the test follows (exactly one to the named dataset,
 *       or the one on the named key fields);</li>
 *   <li>when related datasets may not be read across ports ({@code crossPortAllowed} false, i.e.
 *       {@code portico.policies.related-filter.max-keys} is 0), the related dataset, when registered, must be
 *       served by the same endpoint ({@link PortEndpoint}), where the filter is one semi-join.</li>
 * </ul>
 *
 * <p>What the registry does not hold yet (a dataset the rule selects, the related dataset) is not checked: a port
 * may register later. What changes in the registry later is handled when deciding: a test that no longer resolves
 * admits no row and is reported ({@link Decisions#problems()}).
 */
public final class RelatedFilterCheck {

    private RelatedFilterCheck() {
    }

    /**
     * The problems of {@code policies}' relationship-scoped row filters over {@code snapshot}, each at its rule's
     * {@code rowFilter} ({@code $.rules[<index in its file>].rowFilter}); empty when there are none.
     */
    public static List<PolicyProblem> check(PolicySet policies, RegistrySnapshot snapshot, boolean crossPortAllowed) {
        Set<PolicyProblem> problems = new LinkedHashSet<>();
        RelatedDatasets registry = null;
        Map<String, Integer> indexInFile = new HashMap<>();
        for (PolicyRule rule : policies.rules()) {
            int index = indexInFile.merge(rule.source(), 1, Integer::sum) - 1;
            if (!rule.isRowFilter() || rule.rowFilter().visibleTests().isEmpty()) {
                continue;
            }
            if (registry == null) {
                registry = new RelatedDatasets(snapshot);
            }
            String path = "$.rules[" + index + "].rowFilter";
            for (Dataset dataset : registry.datasets()) {
                if (!selects(rule, dataset)) {
                    continue;
                }
                for (RowPredicate.Visible test : rule.rowFilter().visibleTests()) {
                    problem(registry, dataset, test, crossPortAllowed).ifPresent(problem -> problems.add(
                            new PolicyProblem(rule.source(), path, problem, expected(crossPortAllowed))));
                }
            }
        }
        return List.copyOf(problems);
    }

    private static boolean selects(PolicyRule rule, Dataset dataset) {
        return rule.resources().matchesDataset(ResourceSelector.normalize(dataset.port().contract().domain()),
                ResourceSelector.normalize(dataset.port().contract().dataProduct()),
                ResourceSelector.normalize(dataset.contract().name()));
    }

    private static Optional<String> problem(RelatedDatasets registry, Dataset dataset, RowPredicate.Visible test,
            boolean crossPortAllowed) {
        RelatedDatasets.Follow found = registry.follow(dataset, test);
        if (found instanceof NotFollowed notFollowed) {
            return Optional.of(test.text() + " on " + dataset.label() + ": " + notFollowed.problem());
        }
        Followed followed = (Followed) found;
        if (crossPortAllowed || followed.target().isEmpty()) {
            return Optional.empty();
        }
        Dataset target = followed.target().get();
        Optional<PortEndpoint> owner = PortEndpoint.of(dataset.port().contract());
        if (owner.isPresent() && owner.equals(PortEndpoint.of(target.port().contract()))) {
            return Optional.empty();
        }
        return Optional.of(test.text() + " on " + dataset.label() + ": " + target.label() + " is served by port '"
                + target.port().portKey() + "', not by " + dataset.label() + "'s port '" + dataset.port().portKey()
                + "', and reading related keys across ports is off (portico.policies.related-filter.max-keys is 0)");
    }

    private static String expected(boolean crossPortAllowed) {
        return crossPortAllowed
                ? "a relationship the dataset's contract declares (name its key fields when it declares several:"
                        + " visible(customer_id -> crm.customers)), or resources that select only datasets declaring one"
                : "a relationship the dataset's contract declares to a dataset of the same port, or a positive"
                        + " portico.policies.related-filter.max-keys";
    }
}

package io.portico.policies.decision;

import static java.util.Objects.requireNonNull;

import io.portico.policies.Subject;
import io.portico.policies.filter.RowPredicate;
import io.portico.policies.model.FieldEffect;
import io.portico.policies.model.PolicyDefaults;
import io.portico.policies.model.PolicyRule;
import io.portico.policies.model.PolicySet;
import io.portico.policies.model.ResourceSelector;
import io.portico.policies.model.Specificity;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.Urns;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.FieldContract;
import io.portico.schema.contract.OutputPortContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, for one subject, what every field of every dataset of a registry snapshot may show and which rows: a pure
 * function of its three inputs, with no state and no I/O.
 *
 * <p>For each field:
 * <ol>
 *   <li>the rules that apply are the field rules whose subjects (and purpose, when given) match the subject and
 *       whose resources match the field (domain, product, dataset, field name, classification, tags);</li>
 *   <li>among them, the most specific resource selector wins: fields &gt; classification or tags &gt; dataset &gt;
 *       product &gt; domain &gt; none ({@link Specificity});</li>
 *   <li>at equal specificity, the strongest effect wins: deny &gt; mask &gt; allow; between two masks, the first
 *       rule in file order;</li>
 *   <li>when no rule applies, the default of the field's classification ({@code defaults.classified}), else
 *       {@code defaults.unmatched}.</li>
 * </ol>
 * For each dataset, every row-filter rule that applies is bound to the subject and all are combined with
 * {@code and}. A row filter naming a field the dataset does not have makes the dataset's row filter
 * {@link RowPredicate#FALSE} and is reported in {@link Decisions#problems()}: never all rows. Then the
 * {@code visible(...)} tests of row filters are resolved against the snapshot's relationships and the related
 * datasets' row filters for the same subject ({@link VisibleResolver}); one that cannot be resolved admits no row
 * and is reported too.
 */
public final class PolicyEvaluator {

    private PolicyEvaluator() {
    }

    /** Every decision for {@code subject} over {@code snapshot} under {@code policies}. */
    public static Decisions decide(Subject subject, RegistrySnapshot snapshot, PolicySet policies) {
        requireNonNull(subject, "subject is null");
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(policies, "policies is null");
        List<Candidate> fieldRules = new ArrayList<>();
        List<BoundRowFilter> rowFilterRules = new ArrayList<>();
        for (PolicyRule rule : policies.rules()) {
            if (!rule.appliesTo(subject)) {
                continue;
            }
            if (rule.isRowFilter()) {
                rowFilterRules.add(new BoundRowFilter(rule, new AppliedRowFilter(rule.name(),
                        rule.rowFilter().bind(subject), rule.rowFilter().text())));
            } else {
                fieldRules.add(new Candidate(rule, FieldDecision.of(rule.effect(), rule.name()),
                        rule.resources().specificity()));
            }
        }
        Defaults defaults = new Defaults(policies.defaults());
        Map<String, DatasetDecisions> datasets = new LinkedHashMap<>();
        RowFilterScope rowFilters = new RowFilterScope();
        List<DecisionProblem> problems = new ArrayList<>();
        for (PortSnapshot port : snapshot.ports()) {
            OutputPortContract contract = port.contract();
            for (DatasetContract dataset : contract.datasets()) {
                String urn = Urns.dataset(contract, dataset.name());
                if (datasets.containsKey(urn)) {
                    continue;
                }
                datasets.put(urn, decideDataset(urn, contract, dataset, fieldRules, rowFilterRules, defaults,
                        rowFilters, problems));
            }
        }
        if (rowFilters.followsRelationships) {
            resolveVisibleTests(subject, snapshot, datasets, rowFilters, problems);
        }
        return new Decisions(snapshot.version(), policies.version(), datasets, defaults.unmatched, problems);
    }

    /** Replaces every dataset's {@code visible(...)} tests by what they resolve to ({@link VisibleResolver}). */
    private static void resolveVisibleTests(Subject subject, RegistrySnapshot snapshot,
            Map<String, DatasetDecisions> datasets, RowFilterScope rowFilters, List<DecisionProblem> problems) {
        VisibleResolver resolver = new VisibleResolver(new RelatedDatasets(snapshot), subject, rowFilters.rules,
                rowFilters.failed);
        datasets.replaceAll((urn, decisions) -> resolver.resolve(decisions));
        problems.addAll(resolver.problems());
    }

    private static DatasetDecisions decideDataset(String urn, OutputPortContract contract, DatasetContract dataset,
            List<Candidate> fieldRules, List<BoundRowFilter> rowFilterRules, Defaults defaults,
            RowFilterScope scope, List<DecisionProblem> problems) {
        String domain = ResourceSelector.normalize(contract.domain());
        String product = ResourceSelector.normalize(contract.dataProduct());
        String datasetName = ResourceSelector.normalize(dataset.name());
        List<Candidate> datasetRules = new ArrayList<>();
        for (Candidate candidate : fieldRules) {
            if (candidate.rule.resources().matchesDataset(domain, product, datasetName)) {
                datasetRules.add(candidate);
            }
        }
        Map<String, FieldDecision> fields = new LinkedHashMap<>();
        for (FieldContract field : dataset.fields()) {
            fields.putIfAbsent(field.name(), decideField(field, datasetRules, defaults));
        }
        List<AppliedRowFilter> applied = new ArrayList<>();
        boolean failed = false;
        for (BoundRowFilter rowFilter : rowFilterRules) {
            if (!rowFilter.rule.resources().matchesDataset(domain, product, datasetName)) {
                continue;
            }
            applied.add(rowFilter.applied);
            scope.add(urn, rowFilter.rule);
            for (String field : rowFilter.rule.rowFilter().fields()) {
                if (!fields.containsKey(field)) {
                    failed = true;
                    problems.add(new DecisionProblem(urn, rowFilter.rule.name(), "the row filter reads field '"
                            + field + "', which the dataset does not have; the dataset returns no rows"));
                }
            }
        }
        if (failed) {
            scope.failed.add(urn);
        }
        RowPredicate combined = failed ? RowPredicate.FALSE
                : RowPredicate.And.of(applied.stream().map(AppliedRowFilter::predicate).toList());
        return new DatasetDecisions(urn, true, fields, defaults.unmatched, applied, combined);
    }

    private static FieldDecision decideField(FieldContract field, List<Candidate> datasetRules, Defaults defaults) {
        String name = ResourceSelector.normalize(field.name());
        String classification = ResourceSelector.normalize(field.classification());
        Set<String> tags = normalizedTags(field.tags());
        Candidate best = null;
        for (Candidate candidate : datasetRules) {
            if (candidate.rule.resources().matchesField(name, classification, tags) && candidate.beats(best)) {
                best = candidate;
            }
        }
        if (best != null) {
            return best.decision;
        }
        return defaults.forClassification(classification);
    }

    private static Set<String> normalizedTags(List<String> tags) {
        if (tags.isEmpty()) {
            return Set.of();
        }
        Set<String> normalized = new HashSet<>(tags.size() * 2);
        for (String tag : tags) {
            normalized.add(ResourceSelector.normalize(tag));
        }
        return normalized;
    }

    /** A field rule that applies to the subject, with its decision made once. */
    private record Candidate(PolicyRule rule, FieldDecision decision, Specificity specificity) {

        /** Whether this rule wins over {@code other}, the best so far (earlier in file order); null beats nothing. */
        boolean beats(Candidate other) {
            if (other == null) {
                return true;
            }
            int bySpecificity = specificity.compareTo(other.specificity);
            if (bySpecificity != 0) {
                return bySpecificity > 0;
            }
            return decision.effect().strength() > other.decision.effect().strength();
        }
    }

    /** A row-filter rule that applies to the subject, bound once. */
    private record BoundRowFilter(PolicyRule rule, AppliedRowFilter applied) {
    }

    /** Per dataset, the row-filter rules that apply and whether its filter failed; what resolving visible(...) reads. */
    private static final class RowFilterScope {

        private final Map<String, List<PolicyRule>> rules = new HashMap<>();
        private final Set<String> failed = new HashSet<>();
        private boolean followsRelationships;

        void add(String urn, PolicyRule rule) {
            rules.computeIfAbsent(urn, key -> new ArrayList<>()).add(rule);
            followsRelationships |= !rule.rowFilter().visibleTests().isEmpty();
        }
    }

    /** The policy set's defaults with their decisions made once. */
    private static final class Defaults {

        private final FieldDecision unmatched;
        private final Map<String, FieldDecision> classified = new HashMap<>();

        Defaults(PolicyDefaults defaults) {
            this.unmatched = FieldDecision.of(defaults.unmatched(), PolicyDefaults.UNMATCHED_RULE);
            for (Map.Entry<String, FieldEffect> entry : defaults.classified().entrySet()) {
                classified.put(entry.getKey(), FieldDecision.of(entry.getValue(),
                        PolicyDefaults.CLASSIFIED_RULE_PREFIX + entry.getKey()));
            }
        }

        FieldDecision forClassification(String normalizedClassification) {
            if (normalizedClassification == null) {
                return unmatched;
            }
            return classified.getOrDefault(normalizedClassification, unmatched);
        }
    }
}

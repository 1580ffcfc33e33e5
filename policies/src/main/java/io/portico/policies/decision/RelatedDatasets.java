package io.portico.policies.decision;

import io.portico.policies.filter.RowPredicate;
import io.portico.policies.model.ResourceSelector;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.SchemaNames;
import io.portico.schema.compose.Urns;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.RelationshipContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The datasets of a registry snapshot as relationship-scoped row filters see them: every dataset by URN, the
 * relationship a {@link RowPredicate.Visible visible(...)} test follows, and the dataset at its other end.
 *
 * <p>The other end of a relationship is found as schema composition finds it: among the current (newest) majors,
 * by the relationship's {@code targetDomain} and dataset name, the first in the snapshot's order.
 */
final class RelatedDatasets {

    /** A dataset of the snapshot, with its port. */
    record Dataset(String urn, PortSnapshot port, DatasetContract contract) {

        /** {@code domain.dataset}, as the contracts name them. */
        String label() {
            return port.contract().domain() + "." + contract.name();
        }
    }

    /** What following a {@code visible(...)} test from a dataset found. */
    sealed interface Follow permits Followed, NotFollowed {
    }

    /** The relationship a test follows and the dataset at its other end (absent when not registered). */
    record Followed(RelationshipContract relationship, Optional<Dataset> target) implements Follow {

        String targetLabel() {
            return relationship.targetDomain() + "." + relationship.toDataset();
        }
    }

    /** The dataset's contract declares no relationship the test can follow, or several: why. */
    record NotFollowed(String problem) implements Follow {
    }

    private final Map<String, Dataset> byUrn = new LinkedHashMap<>();
    private final Map<String, Dataset> currentByName = new LinkedHashMap<>();

    RelatedDatasets(RegistrySnapshot snapshot) {
        Map<String, Integer> currentMajors = new LinkedHashMap<>();
        for (PortSnapshot port : snapshot.ports()) {
            currentMajors.merge(port.contract().id(), port.majorVersion(), Math::max);
        }
        for (PortSnapshot port : snapshot.ports()) {
            OutputPortContract contract = port.contract();
            boolean current = currentMajors.get(contract.id()) == port.majorVersion();
            for (DatasetContract dataset : contract.datasets()) {
                Dataset entry = new Dataset(Urns.dataset(contract, dataset.name()), port, dataset);
                byUrn.putIfAbsent(entry.urn(), entry);
                if (current) {
                    currentByName.putIfAbsent(nameKey(contract.domain(), dataset.name()), entry);
                }
            }
        }
    }

    /** Every dataset of the snapshot, in its order, one per URN. */
    List<Dataset> datasets() {
        return List.copyOf(byUrn.values());
    }

    Optional<Dataset> dataset(String urn) {
        return Optional.ofNullable(byUrn.get(urn));
    }

    /**
     * The relationship of {@code owner} that {@code test} follows: the one its contract declares to the test's
     * dataset, or, when the test names key fields, the one on those fields.
     *
     * @return the relationship, or why none (or more than one) fits
     */
    Follow follow(Dataset owner, RowPredicate.Visible test) {
        List<RelationshipContract> toTarget = new ArrayList<>();
        for (RelationshipContract relationship : owner.contract().relationships()) {
            if (same(relationship.targetDomain(), test.domain()) && same(relationship.toDataset(), test.dataset())) {
                toTarget.add(relationship);
            }
        }
        if (toTarget.isEmpty()) {
            return new NotFollowed(owner.label() + " declares no relationship to " + test.target()
                    + " in its contract");
        }
        List<RelationshipContract> chosen = test.keyFields().isEmpty() ? toTarget
                : toTarget.stream().filter(relationship -> relationship.fromFields().equals(test.keyFields())).toList();
        if (chosen.isEmpty()) {
            return new NotFollowed(owner.label() + " declares no relationship to " + test.target()
                    + " on " + keyText(test.keyFields()) + "; it declares " + keys(toTarget));
        }
        if (chosen.size() > 1) {
            return new NotFollowed(owner.label() + " declares " + chosen.size() + " relationships to "
                    + test.target() + " (" + keys(chosen) + "); name the one meant by its key, e.g. visible("
                    + String.join(", ", chosen.getFirst().fromFields()) + " -> " + test.target() + ")");
        }
        RelationshipContract relationship = chosen.getFirst();
        return new Followed(relationship, Optional.ofNullable(currentByName.get(
                nameKey(relationship.targetDomain(), relationship.toDataset()))));
    }

    private static boolean same(String contractName, String policyName) {
        return ResourceSelector.normalize(contractName).equals(ResourceSelector.normalize(policyName));
    }

    private static String nameKey(String domain, String dataset) {
        return SchemaNames.fieldName(domain) + "/" + dataset;
    }

    private static String keys(List<RelationshipContract> relationships) {
        return relationships.stream().map(relationship -> keyText(relationship.fromFields()))
                .collect(Collectors.joining(", "));
    }

    private static String keyText(List<String> fields) {
        return "key (" + String.join(", ", fields) + ")";
    }
}

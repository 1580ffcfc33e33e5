package io.portico.gateway.policy;

import static java.util.Objects.requireNonNull;

import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.SchemaNames;
import io.portico.schema.compose.Urns;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.FieldContract;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What policies know a served dataset by: its URN and its fields' contract names, for the GraphQL names of a
 * {@link DatasetBinding}. Built once per schema build, when the dataset's fetcher is wired.
 *
 * @param datasetUrn     e.g. {@code urn:portico:crm:customers:customers:v1}
 * @param label          {@code domain.dataset} as the GraphQL schema names it, for messages
 * @param snapshot       the registry snapshot the schema was composed from (decisions are made against it)
 * @param contractFields per GraphQL field name of the node type, the field's contract name
 */
public record DatasetPolicyTarget(
        String datasetUrn, String label, RegistrySnapshot snapshot, Map<String, String> contractFields) {

    public DatasetPolicyTarget {
        requireNonNull(datasetUrn, "datasetUrn is null");
        requireNonNull(label, "label is null");
        requireNonNull(snapshot, "snapshot is null");
        contractFields = Map.copyOf(contractFields);
    }

    /**
     * The target of a bound dataset of {@code port}, found by the binding's GraphQL names.
     *
     * @param snapshot the registry snapshot the schema was composed from
     * @param port     the port of {@code snapshot} that serves the binding (its {@link PortSnapshot#portKey()} is
     *                 the binding's port id)
     * @throws IllegalStateException when the port has no dataset of the binding's name
     */
    public static DatasetPolicyTarget of(RegistrySnapshot snapshot, PortSnapshot port, DatasetBinding binding) {
        DatasetContract dataset = port.contract().datasets().stream()
                .filter(candidate -> servedAs(candidate, port, binding.dataset()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("port '" + binding.portId() + "' has no dataset"
                        + " named '" + binding.dataset() + "' in GraphQL"));
        Map<String, String> fields = new HashMap<>();
        for (FieldContract field : dataset.fields()) {
            fields.putIfAbsent(SchemaNames.fieldName(field.name()), field.name());
        }
        return new DatasetPolicyTarget(Urns.dataset(port.contract(), dataset.name()),
                binding.domain() + "." + binding.dataset(), snapshot, fields);
    }

    /** Whether the dataset is the GraphQL field {@code name}: its own name, or with {@code V<major>} for an older major. */
    private static boolean servedAs(DatasetContract dataset, PortSnapshot port, String name) {
        return SchemaNames.fieldName(dataset.name()).equals(name)
                || SchemaNames.olderMajorDatasetField(dataset.name(), port.majorVersion()).equals(name);
    }

    /** The contract name of a node field, by its GraphQL name. */
    public Optional<String> contractField(String graphQLName) {
        return Optional.ofNullable(contractFields.get(graphQLName));
    }
}

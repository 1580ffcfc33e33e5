package io.portico.schema.compat;

import io.portico.schema.compose.ComposedSchema;
import io.portico.schema.compose.CompositionProblem;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.compose.RegistrySnapshot;
import io.portico.schema.compose.SchemaComposer;
import io.portico.schema.compose.SchemaNames;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.FieldContract;
import io.portico.schema.contract.OutputPortContract;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One port as GraphQL clients see it: composed alone with {@link SchemaComposer}, so names, types and what is left
 * out are exactly those of the generated SDL. Datasets and fields are keyed by their GraphQL names (the first
 * contract entry wins, as in composition).
 */
final class ExposedPort {

    private final OutputPortContract contract;
    private final String domainField;
    private final ComposedSchema composed;
    private final Map<String, DatasetContract> datasets = new LinkedHashMap<>();
    private final Map<String, Integer> datasetIndexes = new LinkedHashMap<>();

    private ExposedPort(PortSnapshot port) {
        this.contract = port.contract();
        this.domainField = SchemaNames.fieldName(contract.domain());
        this.composed = SchemaComposer.compose(new RegistrySnapshot(0, List.of(port)));
        for (int index = 0; index < contract.datasets().size(); index++) {
            DatasetContract dataset = contract.datasets().get(index);
            String name = SchemaNames.fieldName(dataset.name());
            if (datasets.putIfAbsent(name, dataset) == null) {
                datasetIndexes.put(name, index);
            }
        }
    }

    static ExposedPort of(PortSnapshot port) {
        return new ExposedPort(port);
    }

    OutputPortContract contract() {
        return contract;
    }

    /** The contract's datasets by GraphQL field name, in contract order. */
    Map<String, DatasetContract> datasets() {
        return Collections.unmodifiableMap(datasets);
    }

    /** The fields of a dataset by GraphQL field name, in contract order. */
    static Map<String, FieldContract> fields(DatasetContract dataset) {
        Map<String, FieldContract> fields = new LinkedHashMap<>();
        dataset.fields().forEach(field -> fields.putIfAbsent(SchemaNames.fieldName(field.name()), field));
        return fields;
    }

    Optional<DatasetBinding> binding(String datasetField) {
        return composed.dataset(domainField, datasetField);
    }

    Optional<FieldBinding> binding(String datasetField, String fieldName) {
        return binding(datasetField).flatMap(dataset -> dataset.field(fieldName));
    }

    /** {@code Query.sales}: the root field of the port's domain. */
    String domainCoordinate() {
        return "Query." + domainField;
    }

    /** {@code SalesDomain.orders}: the connection field of a dataset. */
    String datasetCoordinate(String datasetField) {
        return SchemaNames.domainType(domainField) + "." + datasetField;
    }

    /** {@code SalesOrders}: the node type of a dataset. */
    String nodeType(String datasetField) {
        return SchemaNames.nodeType(domainField, datasetField);
    }

    /** Why composition left a dataset out, or a generic reason. */
    String whyLeftOut(String datasetField) {
        return problem("$.domain", "port left out")
                .or(() -> problem("$.schema[" + datasetIndexes.get(datasetField) + "]", "dataset left out"))
                .orElse("composition left it out");
    }

    /** Why composition left a field out, or why its dataset was left out. */
    String whyLeftOut(String datasetField, FieldContract field) {
        if (binding(datasetField).isEmpty()) {
            return "its dataset is not exposed: " + whyLeftOut(datasetField);
        }
        DatasetContract dataset = datasets.get(datasetField);
        int fieldIndex = dataset.fields().indexOf(field);
        return problem("$.schema[" + datasetIndexes.get(datasetField) + "].properties[" + fieldIndex + "]", "")
                .orElse("another field maps to the same GraphQL name");
    }

    private Optional<String> problem(String path, String messagePart) {
        return composed.problems().stream()
                .filter(problem -> problem.path().equals(path) || problem.path().equals(path + ".name"))
                .filter(problem -> problem.message().contains(messagePart))
                .map(CompositionProblem::message)
                .findFirst();
    }
}

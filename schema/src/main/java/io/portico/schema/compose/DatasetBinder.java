package io.portico.schema.compose;

import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.FieldContract;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.types.ArrowTypeMapping;
import io.portico.schema.types.TypeMapping;
import io.portico.schema.types.UnsupportedArrowTypeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The first phase of composition: binds each port's datasets and fields to GraphQL names and types, leaving out
 * (and reporting) what cannot be exposed. Datasets come back by domain, each domain's in dataset order.
 */
final class DatasetBinder {

    private DatasetBinder() {
    }

    static Map<String, List<BoundDataset>> bindDatasets(
            RegistrySnapshot snapshot, List<CompositionProblem> problems) {
        Map<String, List<BoundDataset>> byDomain = new TreeMap<>();
        Map<String, String> ownerOfTypeName = new LinkedHashMap<>();
        Map<String, PortSnapshot> currentMajors = currentMajors(snapshot);
        for (PortSnapshot port : snapshot.ports()) {
            OutputPortContract contract = port.contract();
            if (!SchemaNames.isValidName(SchemaNames.fieldName(contract.domain()))) {
                problems.add(new CompositionProblem(contract.id(), "$.domain",
                        "domain '" + contract.domain() + "' does not yield a valid GraphQL name; port left out"));
                continue;
            }
            String dialect = contract.flightServer().flatMap(server -> server.sqlDialect()).orElse("DUCKDB");
            for (int index = 0; index < contract.datasets().size(); index++) {
                DatasetContract dataset = contract.datasets().get(index);
                String path = "$.schema[" + index + "]";
                Optional<BoundDataset> bound = bindDataset(
                        port, currentMajors.get(contract.id()), dataset, dialect, path, problems);
                if (bound.isEmpty()) {
                    continue;
                }
                String nodeType = SchemaNames.nodeType(bound.get().binding());
                String previousOwner = ownerOfTypeName.putIfAbsent(nodeType, port.portKey());
                if (previousOwner != null) {
                    problems.add(new CompositionProblem(contract.id(), path,
                            "dataset '" + dataset.name() + "' maps to GraphQL type " + nodeType
                                    + ", already taken by port " + previousOwner + "; dataset left out"));
                    continue;
                }
                byDomain.computeIfAbsent(SchemaNames.fieldName(contract.domain()), domain -> new ArrayList<>())
                        .add(bound.get());
            }
        }
        byDomain.values().forEach(datasets -> datasets.sort(
                (left, right) -> left.binding().dataset().compareTo(right.binding().dataset())));
        return byDomain;
    }

    /** The newest served major of each port id: it keeps the plain names, older majors get a version suffix. */
    private static Map<String, PortSnapshot> currentMajors(RegistrySnapshot snapshot) {
        Map<String, PortSnapshot> current = new LinkedHashMap<>();
        for (PortSnapshot port : snapshot.ports()) {
            current.merge(port.contract().id(), port,
                    (kept, candidate) -> candidate.majorVersion() > kept.majorVersion() ? candidate : kept);
        }
        return current;
    }

    private static Optional<BoundDataset> bindDataset(
            PortSnapshot port, PortSnapshot currentMajor, DatasetContract dataset, String dialect, String path,
            List<CompositionProblem> problems) {
        String portId = port.contract().id();
        boolean olderMajor = currentMajor != port && currentMajor.majorVersion() > port.majorVersion();
        String datasetField = olderMajor ? SchemaNames.olderMajorDatasetField(dataset.name(), port.majorVersion())
                : SchemaNames.fieldName(dataset.name());
        if (!SchemaNames.isValidName(datasetField)) {
            problems.add(new CompositionProblem(portId, path + ".name",
                    "dataset name '" + dataset.name() + "' does not yield a valid GraphQL name; dataset left out"));
            return Optional.empty();
        }
        Schema liveSchema = port.liveSchemas().get(dataset.name());
        if (liveSchema == null) {
            problems.add(new CompositionProblem(portId, path,
                    "the port did not report table '" + dataset.physicalName() + "'; dataset left out"));
            return Optional.empty();
        }
        List<BoundField> fields = new ArrayList<>();
        Set<String> fieldNames = new HashSet<>();
        for (int index = 0; index < dataset.fields().size(); index++) {
            FieldContract field = dataset.fields().get(index);
            bindField(portId, field, liveSchema, path + ".properties[" + index + "]", problems)
                    .filter(bound -> fieldNames.add(bound.binding().graphQLName())
                            || reportDuplicate(portId, path, bound, problems))
                    .ifPresent(fields::add);
        }
        if (fields.isEmpty()) {
            problems.add(new CompositionProblem(portId, path,
                    "dataset '" + dataset.name() + "' has no field that can be exposed; dataset left out"));
            return Optional.empty();
        }
        List<String> keyFields = dataset.primaryKey().stream()
                .map(key -> SchemaNames.fieldName(key.name()))
                .filter(fieldNames::contains)
                .toList();
        if (keyFields.size() != dataset.primaryKey().size()) {
            problems.add(new CompositionProblem(portId, path,
                    "a primary-key field is not exposed; cursors of '" + dataset.name() + "' fall back to no key"));
            keyFields = List.of();
        }
        DatasetBinding binding = new DatasetBinding(
                port.portKey(),
                SchemaNames.fieldName(port.contract().domain()),
                datasetField,
                dataset.physicalName(),
                dialect,
                fields.stream().map(BoundField::binding).toList(),
                keyFields);
        String deprecation = olderMajor
                ? "Major version " + port.majorVersion() + " (" + port.contract().version() + ") of port " + portId
                        + ", served until its owners retire it. Use " + SchemaNames.fieldName(dataset.name())
                        + " (version " + currentMajor.contract().version() + ")."
                : null;
        return Optional.of(new BoundDataset(binding, dataset.description(), fields, deprecation, dataset, path));
    }

    private static Optional<BoundField> bindField(
            String portId, FieldContract field, Schema liveSchema, String path, List<CompositionProblem> problems) {
        String graphQLName = SchemaNames.fieldName(field.name());
        if (!SchemaNames.isValidName(graphQLName) || SchemaNames.WHERE_COMBINATORS.contains(graphQLName)) {
            problems.add(new CompositionProblem(portId, path + ".name",
                    "field name '" + field.name() + "' does not yield a usable GraphQL name"
                            + " (reserved: and, or, not); field left out"));
            return Optional.empty();
        }
        Optional<Field> column = liveSchema.getFields().stream()
                .filter(candidate -> candidate.getName().equalsIgnoreCase(field.physicalName()))
                .findFirst();
        if (column.isEmpty()) {
            problems.add(new CompositionProblem(portId, path,
                    "the port's table has no column '" + field.physicalName() + "'; field left out"));
            return Optional.empty();
        }
        try {
            TypeMapping mapping = ArrowTypeMapping.forField(column.get());
            FieldBinding binding = new FieldBinding(graphQLName, column.get().getName(), column.get(),
                    field.description());
            return Optional.of(new BoundField(binding, mapping, field.required()));
        } catch (UnsupportedArrowTypeException e) {
            problems.add(new CompositionProblem(portId, path, e.getMessage() + "; field left out"));
            return Optional.empty();
        }
    }

    private static boolean reportDuplicate(
            String portId, String path, BoundField duplicate, List<CompositionProblem> problems) {
        problems.add(new CompositionProblem(portId, path,
                "two fields map to GraphQL name '" + duplicate.binding().graphQLName() + "'; the second is left out"));
        return false;
    }
}

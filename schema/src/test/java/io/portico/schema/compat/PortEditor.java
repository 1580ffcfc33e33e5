package io.portico.schema.compat;

import io.portico.schema.compose.PortSnapshot;
import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.FieldContract;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.RelationshipContract;
import io.portico.schema.contract.ServerContract;
import io.portico.schema.contract.SlaProperty;
import io.portico.schema.contract.TeamContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Edits a port the way a domain team changes its contract and its table: a mutable copy of a {@link PortSnapshot}
 * (contract and live Arrow schemas) that {@link #build()}s a new snapshot. Test code only.
 */
final class PortEditor {

    String id;
    String version;
    String status;
    String domain;
    String dataProduct;
    String name;
    String description;
    List<String> tags;
    List<ServerContract> servers;
    TeamContract team;
    List<SlaProperty> slaProperties;
    private final List<DatasetEditor> datasets = new ArrayList<>();
    private final Map<String, List<Field>> columns = new LinkedHashMap<>();

    private PortEditor(PortSnapshot port) {
        OutputPortContract contract = port.contract();
        id = contract.id();
        version = contract.version();
        status = contract.status();
        domain = contract.domain();
        dataProduct = contract.dataProduct();
        name = contract.name();
        description = contract.description();
        tags = new ArrayList<>(contract.tags());
        servers = new ArrayList<>(contract.servers());
        team = contract.team();
        slaProperties = new ArrayList<>(contract.slaProperties());
        contract.datasets().forEach(dataset -> datasets.add(new DatasetEditor(dataset)));
        port.liveSchemas().forEach((dataset, schema) -> columns.put(dataset, new ArrayList<>(schema.getFields())));
    }

    static PortEditor of(PortSnapshot port) {
        return new PortEditor(port);
    }

    PortEditor port(Consumer<PortEditor> edit) {
        edit.accept(this);
        return this;
    }

    PortEditor dataset(String dataset, Consumer<DatasetEditor> edit) {
        edit.accept(datasetEditor(dataset));
        return this;
    }

    PortEditor field(String dataset, String field, Consumer<FieldEditor> edit) {
        edit.accept(datasetEditor(dataset).fieldEditor(field));
        return this;
    }

    PortEditor addDataset(String dataset, String datasetDescription, List<DemoPorts.FieldSpec> fields, Schema schema) {
        datasets.add(new DatasetEditor(new DatasetContract(dataset, dataset, datasetDescription, List.of(),
                fields.stream().map(DemoPorts.FieldSpec::contract).toList(), List.of())));
        columns.put(dataset, new ArrayList<>(schema.getFields()));
        return this;
    }

    PortEditor removeDataset(String dataset) {
        datasets.remove(datasetEditor(dataset));
        columns.remove(dataset);
        return this;
    }

    /** Adds a contract field and its column at the port. */
    PortEditor addField(String dataset, FieldContract field, Field column) {
        datasetEditor(dataset).fields.add(new FieldEditor(field));
        columns.get(dataset).add(column);
        return this;
    }

    /** Removes a contract field and its column at the port. */
    PortEditor removeField(String dataset, String field) {
        DatasetEditor editor = datasetEditor(dataset);
        editor.fields.remove(editor.fieldEditor(field));
        return dropColumn(dataset, field);
    }

    /** The port's column changes type, keeping its name and nullability. */
    PortEditor columnType(String dataset, String column, ArrowType type) {
        Field old = columnOf(dataset, column);
        return replaceColumn(dataset, column, new Field(old.getName(),
                new FieldType(old.isNullable(), type, null), old.getChildren()));
    }

    PortEditor replaceColumn(String dataset, String column, Field replacement) {
        List<Field> fields = columns.get(dataset);
        fields.set(fields.indexOf(columnOf(dataset, column)), replacement);
        return this;
    }

    /** The port stops reporting a column (the contract is unchanged). */
    PortEditor dropColumn(String dataset, String column) {
        columns.get(dataset).remove(columnOf(dataset, column));
        return this;
    }

    /** The port stops reporting a table (the contract is unchanged). */
    PortEditor dropTable(String dataset) {
        columns.remove(dataset);
        return this;
    }

    PortSnapshot build() {
        OutputPortContract contract = new OutputPortContract(id, version, status, domain, dataProduct, name,
                description, tags, datasets.stream().map(DatasetEditor::build).toList(), servers, team, slaProperties);
        Map<String, Schema> schemas = new LinkedHashMap<>();
        columns.forEach((dataset, fields) -> schemas.put(dataset, new Schema(fields)));
        return new PortSnapshot(contract, schemas);
    }

    private DatasetEditor datasetEditor(String dataset) {
        return datasets.stream().filter(editor -> editor.name.equals(dataset)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no dataset " + dataset));
    }

    private Field columnOf(String dataset, String column) {
        return columns.get(dataset).stream().filter(field -> field.getName().equals(column)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column " + dataset + "." + column));
    }

    /** One dataset of the contract being edited. */
    static final class DatasetEditor {
        String name;
        String physicalName;
        String description;
        List<String> tags;
        final List<FieldEditor> fields = new ArrayList<>();
        List<RelationshipContract> relationships;

        DatasetEditor(DatasetContract dataset) {
            name = dataset.name();
            physicalName = dataset.physicalName();
            description = dataset.description();
            tags = new ArrayList<>(dataset.tags());
            dataset.fields().forEach(field -> fields.add(new FieldEditor(field)));
            relationships = new ArrayList<>(dataset.relationships());
        }

        FieldEditor fieldEditor(String field) {
            return fields.stream().filter(editor -> editor.name.equals(field)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no field " + field));
        }

        DatasetContract build() {
            return new DatasetContract(name, physicalName, description, tags,
                    fields.stream().map(FieldEditor::build).toList(), relationships);
        }
    }

    /** One field of the contract being edited. */
    static final class FieldEditor {
        String name;
        String physicalName;
        String logicalType;
        String physicalType;
        boolean required;
        boolean primaryKey;
        int primaryKeyPosition;
        String classification;
        List<String> tags;
        String description;

        FieldEditor(FieldContract field) {
            name = field.name();
            physicalName = field.physicalName();
            logicalType = field.logicalType();
            physicalType = field.physicalType();
            required = field.required();
            primaryKey = field.primaryKey();
            primaryKeyPosition = field.primaryKeyPosition();
            classification = field.classification();
            tags = new ArrayList<>(field.tags());
            description = field.description();
        }

        FieldContract build() {
            return new FieldContract(name, physicalName, logicalType, physicalType, required, primaryKey,
                    primaryKeyPosition, classification, tags, description);
        }
    }
}

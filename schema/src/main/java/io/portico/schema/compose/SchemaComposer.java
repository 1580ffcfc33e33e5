package io.portico.schema.compose;

import io.portico.schema.contract.DatasetContract;
import io.portico.schema.contract.FieldContract;
import io.portico.schema.contract.OutputPortContract;
import io.portico.schema.contract.RelationshipContract;
import io.portico.schema.compose.RelationshipBinding.Cardinality;
import io.portico.schema.types.ArrowTypeMapping;
import io.portico.schema.types.FilterKind;
import io.portico.schema.types.GraphQLTypeRef;
import io.portico.schema.types.PorticoScalars;
import io.portico.schema.types.TypeMapping;
import io.portico.schema.types.UnsupportedArrowTypeException;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Composes the unified GraphQL schema of a registry snapshot: one root field per domain, one connection field
 * per dataset with {@code where}, {@code orderBy}, {@code first}/{@code after}, {@code nodes}, {@code edges},
 * {@code pageInfo} and {@code totalCount}.
 *
 * <p>Every field of a dataset's node type is nullable, whatever the contract says, so that a field-level policy can
 * answer a withheld field as {@code null} plus an error without nulling its row and, through the non-null
 * {@code nodes} list, the whole page (GitHub's and Shopify's APIs do the same). A {@code required} field says its
 * promise in its description ({@link #REQUIRED_FIELD_NOTE}); the port's Arrow schema and the change rules keep it too.
 * Everything else keeps its nullability: list elements and struct fields inside a field's type, connections, edges,
 * page info, and the {@code where}/{@code orderBy} inputs.
 *
 * <p>Foreign keys declared in contracts ({@link RelationshipContract}, within a domain or across domains) become
 * relationship fields in both directions when both ends are in the schema ({@link RelationshipBinding}): a
 * nullable object field on the node type holding the key ({@code SalesOrders.customer}) and a nullable connection
 * field on the referenced node type ({@code CrmCustomers.orders}). Naming: the key field's name without its
 * trailing {@code Id} ({@code customer_id} -> {@code customer}), else the target dataset's name; the reverse field
 * is named after the dataset holding the key ({@code orders}), prefixed with its domain when that collides
 * ({@code salesOrders}). Only current majors get relationship fields: an older major served beside its successor
 * has none. A foreign key into a classified field that is not its target's primary key gets no field in either
 * direction ({@link RelationshipKeyRule}), whichever end was registered first. A relationship whose other end is not registered yields no field and no problem: it appears when the
 * other end is registered and disappears when it is retired.
 *
 * <p>A pure function of the snapshot: the same snapshot always yields byte-identical SDL. A field, dataset or
 * port that cannot be exposed (its live schema lacks a declared column, an Arrow type has no GraphQL mapping, a
 * name is not valid GraphQL or collides) is left out and reported as a {@link CompositionProblem}; the rest of
 * the mesh stays in the schema.
 */
public final class SchemaComposer {

    /** The page size of a connection field when the query does not give {@code first}. */
    public static final int DEFAULT_PAGE_SIZE = 100;

    /** The paragraph a {@code required} field's GraphQL description ends with: the contract's promise. */
    public static final String REQUIRED_FIELD_NOTE =
            "Always present in the data; null only where a policy withholds it.";

    private SchemaComposer() {
    }

    /** The schema of {@code snapshot} under the {@linkplain RelationshipKeyRule#DEFAULT default} key rule. */
    public static ComposedSchema compose(RegistrySnapshot snapshot) {
        return compose(snapshot, RelationshipKeyRule.DEFAULT);
    }

    /**
     * The schema of {@code snapshot}; a foreign key {@code keyRule} refuses (into a classified field that is not its
     * target's primary key) is left out, in both directions, as a {@link CompositionProblem.Kind#CLASSIFIED_KEY}
     * problem.
     */
    public static ComposedSchema compose(RegistrySnapshot snapshot, RelationshipKeyRule keyRule) {
        List<CompositionProblem> problems = new ArrayList<>();
        Map<String, List<BoundDataset>> datasetsByDomain = bindDatasets(snapshot, problems);
        List<RelationshipBinding> relationships = bindRelationships(datasetsByDomain, keyRule, problems);
        SdlWriter sdl = new SdlRenderer(datasetsByDomain, relationships).render(snapshot.version());
        List<DatasetBinding> bindings = datasetsByDomain.values().stream()
                .flatMap(List::stream)
                .map(BoundDataset::binding)
                .toList();
        return new ComposedSchema(snapshot.version(), sdl.toString(), sdl.definitions(), bindings, relationships,
                problems);
    }

    /**
     * A dataset ready to render: its binding plus what the SDL needs from the contract and the type table.
     *
     * @param contract the dataset's contract (its relationships)
     * @param path     the dataset's JSON path in its contract, for problems
     */
    record BoundDataset(DatasetBinding binding, String description, List<BoundField> fields, String deprecationReason,
            DatasetContract contract, String path) {
    }

    /** One exposed field: its binding, its GraphQL type and filter kind, and whether the contract requires it. */
    record BoundField(FieldBinding binding, TypeMapping mapping, boolean required) {
    }

    private static Map<String, List<BoundDataset>> bindDatasets(
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

    /**
     * The relationship fields of the bound datasets, both directions of every foreign key whose ends are both
     * current majors in the schema: first every many-to-one field (sources in domain and dataset order, keys in
     * contract order), then every reverse field, so names are assigned in one fixed order.
     */
    private static List<RelationshipBinding> bindRelationships(Map<String, List<BoundDataset>> datasetsByDomain,
            RelationshipKeyRule keyRule, List<CompositionProblem> problems) {
        Map<String, BoundDataset> currentByContractName = new LinkedHashMap<>();
        Map<String, Set<String>> usedNames = new LinkedHashMap<>();
        for (List<BoundDataset> datasets : datasetsByDomain.values()) {
            for (BoundDataset dataset : datasets) {
                Set<String> names = new HashSet<>();
                dataset.fields().forEach(field -> names.add(field.binding().graphQLName()));
                usedNames.put(SchemaNames.nodeType(dataset.binding()), names);
                if (dataset.deprecationReason() == null) {
                    currentByContractName.put(
                            dataset.binding().domain() + "/" + dataset.contract().name(), dataset);
                }
            }
        }
        List<RelationshipBinding> relationships = new ArrayList<>();
        List<RelationshipBinding> forward = new ArrayList<>();
        for (BoundDataset source : currentByContractName.values()) {
            for (RelationshipContract relationship : source.contract().relationships()) {
                BoundDataset target = currentByContractName.get(
                        SchemaNames.fieldName(relationship.targetDomain()) + "/" + relationship.toDataset());
                if (target == null) {
                    continue;
                }
                bindForward(source, target, relationship, keyRule, usedNames, problems).ifPresent(binding -> {
                    forward.add(binding);
                    relationships.add(binding);
                });
            }
        }
        for (RelationshipBinding binding : forward) {
            BoundDataset source = currentByContractName.values().stream()
                    .filter(dataset -> SchemaNames.nodeType(dataset.binding()).equals(binding.ownerType()))
                    .findFirst().orElseThrow();
            bindReverse(source, binding, usedNames, problems).ifPresent(relationships::add);
        }
        relationships.sort(Comparator.comparing(RelationshipBinding::ownerType)
                .thenComparing(RelationshipBinding::fieldName));
        return relationships;
    }

    private static Optional<RelationshipBinding> bindForward(BoundDataset source, BoundDataset target,
            RelationshipContract relationship, RelationshipKeyRule keyRule, Map<String, Set<String>> usedNames,
            List<CompositionProblem> problems) {
        String portId = source.binding().portId();
        String path = source.path() + ".relationships";
        String label = source.contract().name() + "." + String.join(",", relationship.fromFields()) + " -> "
                + relationship.targetDomain() + "." + relationship.toDataset() + "."
                + String.join(",", relationship.toFields());
        if (!"many-to-one".equals(relationship.cardinality()) && !"one-to-one".equals(relationship.cardinality())) {
            problems.add(new CompositionProblem(portId, path, "relationship " + label + " has cardinality '"
                    + relationship.cardinality() + "'; only many-to-one and one-to-one become fields; left out"));
            return Optional.empty();
        }
        List<String> ownerFields = boundFields(source, relationship.fromFields());
        List<String> targetFields = boundFields(target, relationship.toFields());
        if (ownerFields == null || targetFields == null) {
            problems.add(new CompositionProblem(portId, path, "relationship " + label
                    + " names a field that is not in the schema; relationship left out"));
            return Optional.empty();
        }
        Optional<String> classified = keyRule.refusal(relationship, target.contract());
        if (classified.isPresent()) {
            problems.add(new CompositionProblem(portId, path, "relationship " + label + " is left out: "
                    + classified.get(), CompositionProblem.Kind.CLASSIFIED_KEY));
            return Optional.empty();
        }
        for (int index = 0; index < ownerFields.size(); index++) {
            if (!comparable(source.binding().field(ownerFields.get(index)).orElseThrow(),
                    target.binding().field(targetFields.get(index)).orElseThrow())) {
                problems.add(new CompositionProblem(portId, path, "relationship " + label
                        + " joins fields of different types; relationship left out"));
                return Optional.empty();
            }
        }
        String ownerType = SchemaNames.nodeType(source.binding());
        Set<String> taken = usedNames.get(ownerType);
        String keyName = ownerFields.size() == 1 ? withoutIdSuffix(ownerFields.getFirst()) : null;
        String fieldName = keyName != null && SchemaNames.isValidName(keyName) && !taken.contains(keyName)
                ? keyName
                : target.binding().dataset();
        if (taken.contains(fieldName)) {
            problems.add(new CompositionProblem(portId, path, "relationship " + label + " would be field '"
                    + fieldName + "' of " + ownerType + ", which is taken; relationship left out"));
            return Optional.empty();
        }
        taken.add(fieldName);
        String targetLabel = target.binding().domain() + "." + target.binding().dataset();
        String description = (relationship.description() == null
                ? "The " + targetLabel + " row this row refers to." : relationship.description().strip())
                + "\n\nNull when no " + targetLabel + " row matches "
                + keyText(ownerFields) + ", or when a policy's row filter hides it from you.";
        return Optional.of(new RelationshipBinding(fieldName, Cardinality.MANY_TO_ONE,
                source.binding().domain(), source.binding().dataset(), ownerFields,
                target.binding().domain(), target.binding().dataset(), targetFields, description));
    }

    /** The reverse of a forward binding: on the target, the source rows that refer to it. */
    private static Optional<RelationshipBinding> bindReverse(BoundDataset source, RelationshipBinding forward,
            Map<String, Set<String>> usedNames, List<CompositionProblem> problems) {
        boolean oneToOne = source.contract().relationships().stream()
                .anyMatch(relationship -> "one-to-one".equals(relationship.cardinality())
                        && boundFields(source, relationship.fromFields()) != null
                        && boundFields(source, relationship.fromFields()).equals(forward.ownerFields()));
        Set<String> taken = usedNames.get(forward.targetType());
        String plain = forward.ownerDataset();
        String prefixed = forward.ownerDomain() + SchemaNames.typeName(forward.ownerDataset());
        String fieldName = !taken.contains(plain) ? plain : prefixed;
        if (taken.contains(fieldName)) {
            problems.add(new CompositionProblem(source.binding().portId(), source.path() + ".relationships",
                    "the reverse of relationship " + forward.ownerType() + "." + forward.fieldName() + " would be field '"
                            + fieldName + "' of " + forward.targetType() + ", which is taken; only its forward"
                            + " field is in the schema"));
            return Optional.empty();
        }
        taken.add(fieldName);
        String sourceLabel = forward.ownerDomain() + "." + forward.ownerDataset();
        String description = (oneToOne ? "The " + sourceLabel + " row" : "The " + sourceLabel + " rows")
                + " whose " + keyText(forward.ownerFields()) + " equal" + (forward.ownerFields().size() == 1 ? "s" : "")
                + " this row's " + keyText(forward.targetFields()) + " (relationship " + forward.ownerType() + "."
                + forward.fieldName() + ", read backwards)."
                + "\n\nA policy's row filter on " + sourceLabel + " applies: rows it hides are not counted or shown.";
        return Optional.of(new RelationshipBinding(fieldName,
                oneToOne ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY,
                forward.targetDomain(), forward.targetDataset(), forward.targetFields(),
                forward.ownerDomain(), forward.ownerDataset(), forward.ownerFields(), description));
    }

    /** The GraphQL names of the contract fields {@code names} of a bound dataset, or null when one is not bound. */
    private static List<String> boundFields(BoundDataset dataset, List<String> names) {
        List<String> bound = new ArrayList<>();
        for (String name : names) {
            Optional<FieldContract> field = dataset.contract().field(name);
            if (field.isEmpty()) {
                return null;
            }
            String graphQLName = SchemaNames.fieldName(field.get().name());
            if (dataset.binding().field(graphQLName).isEmpty()) {
                return null;
            }
            bound.add(graphQLName);
        }
        return bound;
    }

    /** Whether values of two key fields can be compared: the same Arrow type family (any integer width). */
    private static boolean comparable(FieldBinding owner, FieldBinding target) {
        return owner.arrowField().getType().getTypeID() == target.arrowField().getType().getTypeID();
    }

    /** {@code customerId} -> {@code customer}; null when the name has no {@code Id} suffix to drop. */
    private static String withoutIdSuffix(String graphQLName) {
        if (graphQLName.length() > 2 && graphQLName.endsWith("Id")) {
            return graphQLName.substring(0, graphQLName.length() - 2);
        }
        if (graphQLName.length() > 3 && graphQLName.endsWith("_id")) {
            return graphQLName.substring(0, graphQLName.length() - 3);
        }
        return null;
    }

    private static String keyText(List<String> fields) {
        return String.join(", ", fields);
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

    /** Renders the SDL of bound datasets. One instance per composition. */
    private static final class SdlRenderer {

        private final Map<String, List<BoundDataset>> datasetsByDomain;
        private final Map<String, List<RelationshipBinding>> relationshipsByOwner = new TreeMap<>();
        private final SdlWriter sdl = new SdlWriter();
        private final Map<String, FilterKind> filterInputs = new TreeMap<>();
        private final Map<String, String> structTypes = new TreeMap<>();

        SdlRenderer(Map<String, List<BoundDataset>> datasetsByDomain, List<RelationshipBinding> relationships) {
            this.datasetsByDomain = datasetsByDomain;
            relationships.forEach(relationship -> relationshipsByOwner
                    .computeIfAbsent(relationship.ownerType(), owner -> new ArrayList<>()).add(relationship));
        }

        SdlWriter render(long version) {
            renderQuery(version);
            datasetsByDomain.forEach(this::renderDomain);
            datasetsByDomain.values().forEach(datasets -> datasets.forEach(this::renderDataset));
            structTypes.values().forEach(sdl::definition);
            filterInputs.forEach(this::renderFilterInput);
            renderCommonTypes();
            return sdl;
        }

        private void renderQuery(long version) {
            sdl.description("The unified data mesh: one field per domain. Composed from registry version "
                    + version + ".", 0);
            sdl.open("type", "Query");
            sdl.description("The registry version this schema was composed from.", 1);
            sdl.field("schemaVersion: Long!");
            datasetsByDomain.forEach((domain, datasets) -> {
                sdl.description("Data products of the " + domain + " domain.", 1);
                sdl.field(domain + ": " + SchemaNames.domainType(domain) + "!");
            });
            sdl.close();
        }

        private void renderDomain(String domain, List<BoundDataset> datasets) {
            sdl.description("Datasets published by the " + domain + " domain's output ports.", 0);
            sdl.open("type", SchemaNames.domainType(domain));
            for (BoundDataset dataset : datasets) {
                DatasetBinding binding = dataset.binding();
                sdl.description(describeDataset(dataset), 1);
                sdl.field(binding.dataset() + "(where: " + SchemaNames.whereType(binding)
                        + ", orderBy: [" + SchemaNames.orderByType(binding) + "!]"
                        + ", first: Int = " + DEFAULT_PAGE_SIZE
                        + ", after: String): " + SchemaNames.connectionType(binding)
                        + deprecatedDirective(dataset.deprecationReason()));
            }
            sdl.close();
        }

        private static String deprecatedDirective(String reason) {
            if (reason == null) {
                return "";
            }
            String literal = reason.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
            return " @deprecated(reason: \"" + literal + "\")";
        }

        private static String describeDataset(BoundDataset dataset) {
            String source = "Served by output port " + dataset.binding().portId() + ". Null, with an error saying"
                    + " why, when the port cannot answer: the rest of the query still does.";
            return dataset.description() == null ? source : dataset.description().strip() + "\n\n" + source;
        }

        /** The contract's description; a required field's ends with {@link #REQUIRED_FIELD_NOTE}. */
        private static String describeField(BoundField field) {
            String description = field.binding().description();
            if (!field.required()) {
                return description;
            }
            return description == null || description.isBlank()
                    ? REQUIRED_FIELD_NOTE
                    : description.strip() + "\n\n" + REQUIRED_FIELD_NOTE;
        }

        private void renderDataset(BoundDataset dataset) {
            DatasetBinding binding = dataset.binding();
            String nodeType = SchemaNames.nodeType(binding);

            sdl.description(dataset.description(), 0);
            sdl.open("type", nodeType);
            for (BoundField field : dataset.fields()) {
                sdl.description(describeField(field), 1);
                String type = typeText(nodeType, field.binding().graphQLName(), field.mapping().graphQLType());
                sdl.field(field.binding().graphQLName() + ": " + type);
            }
            for (RelationshipBinding relationship : relationshipsByOwner.getOrDefault(nodeType, List.of())) {
                sdl.description(relationship.description(), 1);
                sdl.field(relationshipField(relationship));
            }
            sdl.close();

            sdl.description("A page of " + nodeType + " rows.", 0);
            sdl.open("type", SchemaNames.connectionType(binding));
            sdl.description("The rows of this page.", 1);
            sdl.field("nodes: [" + nodeType + "!]!");
            sdl.description("The rows of this page, each with its cursor.", 1);
            sdl.field("edges: [" + SchemaNames.edgeType(binding) + "!]!");
            sdl.field("pageInfo: PageInfo!");
            sdl.description("How many rows match `where` in all pages. Computed only when selected.", 1);
            sdl.field("totalCount: Long!");
            sdl.close();

            sdl.open("type", SchemaNames.edgeType(binding));
            sdl.description("Opaque cursor of this row; pass it as `after` to continue after it.", 1);
            sdl.field("cursor: String!");
            sdl.field("node: " + nodeType + "!");
            sdl.close();

            renderWhere(dataset);
            renderOrderBy(dataset);
        }

        private static String relationshipField(RelationshipBinding relationship) {
            String target = relationship.targetType();
            if (!relationship.toMany()) {
                return relationship.fieldName() + ": " + target;
            }
            return relationship.fieldName() + "(where: " + target + "Where, orderBy: [" + target + "OrderBy!]"
                    + ", first: Int = " + DEFAULT_PAGE_SIZE + ", after: String): " + target + "Connection";
        }

        private void renderWhere(BoundDataset dataset) {
            String whereType = SchemaNames.whereType(dataset.binding());
            sdl.description("Conditions on " + SchemaNames.nodeType(dataset.binding())
                    + " rows. Conditions on several fields must all hold.", 0);
            sdl.open("input", whereType);
            for (BoundField field : dataset.fields()) {
                if (!(field.mapping().graphQLType() instanceof GraphQLTypeRef.Scalar scalar)
                        || field.mapping().filterKind() == FilterKind.NONE) {
                    continue;
                }
                filterInputs.put(scalar.name(), field.mapping().filterKind());
                sdl.field(field.binding().graphQLName() + ": " + SchemaNames.filterType(scalar.name()));
            }
            sdl.description("All of these conditions hold.", 1);
            sdl.field("and: [" + whereType + "!]");
            sdl.description("At least one of these conditions holds.", 1);
            sdl.field("or: [" + whereType + "!]");
            sdl.description("This condition does not hold.", 1);
            sdl.field("not: " + whereType);
            sdl.close();
        }

        private void renderOrderBy(BoundDataset dataset) {
            sdl.description("One sort key: set exactly one field. Rows are finally ordered by the dataset's key,"
                    + " so paging is stable.", 0);
            sdl.open("input", SchemaNames.orderByType(dataset.binding()));
            boolean any = false;
            for (BoundField field : dataset.fields()) {
                if (field.mapping().filterKind().sortable()) {
                    sdl.field(field.binding().graphQLName() + ": SortDirection");
                    any = true;
                }
            }
            if (!any) {
                sdl.description("This dataset has no sortable field.", 1);
                sdl.field("_unused: SortDirection");
            }
            sdl.close();
        }

        private String typeText(String ownerType, String fieldName, GraphQLTypeRef type) {
            return switch (type) {
                case GraphQLTypeRef.Scalar scalar -> scalar.name();
                case GraphQLTypeRef.ListOf list -> "[" + typeText(ownerType, fieldName, list.element())
                        + (list.elementNullable() ? "" : "!") + "]";
                case GraphQLTypeRef.Struct struct -> structType(ownerType, fieldName, struct);
            };
        }

        private String structType(String ownerType, String fieldName, GraphQLTypeRef.Struct struct) {
            String typeName = SchemaNames.structType(ownerType, fieldName);
            SdlWriter structSdl = new SdlWriter();
            structSdl.open("type", typeName);
            for (GraphQLTypeRef.StructField field : struct.fields()) {
                structSdl.field(field.name() + ": " + typeText(typeName, field.name(), field.type())
                        + (field.nullable() ? "" : "!"));
            }
            structSdl.close();
            structTypes.put(typeName, structSdl.toString());
            return typeName;
        }

        private void renderFilterInput(String scalar, FilterKind kind) {
            sdl.description("Conditions on a " + scalar + " field. Several operators must all hold.", 0);
            sdl.open("input", SchemaNames.filterType(scalar));
            for (String operator : kind.operators()) {
                switch (operator) {
                    case "in", "notIn" -> sdl.field(operator + ": [" + scalar + "!]");
                    case "isNull" -> sdl.description("true: the field is null; false: it is not.", 1)
                            .field("isNull: Boolean");
                    case "contains", "startsWith" -> sdl.description(
                            "The value " + ("contains".equals(operator) ? "contains" : "starts with")
                                    + " this text (case-sensitive).", 1)
                            .field(operator + ": String");
                    default -> sdl.field(operator + ": " + scalar);
                }
            }
            sdl.close();
        }

        private void renderCommonTypes() {
            sdl.description("Where a page sits in the whole result.", 0);
            sdl.open("type", "PageInfo");
            sdl.field("hasNextPage: Boolean!");
            sdl.description("Always false: paging is forward only.", 1);
            sdl.field("hasPreviousPage: Boolean!");
            sdl.field("startCursor: String");
            sdl.field("endCursor: String");
            sdl.close();
            sdl.open("enum", "SortDirection");
            sdl.field("ASC");
            sdl.field("DESC");
            sdl.close();
            PorticoScalars.all().forEach(scalar -> {
                sdl.description(scalar.getDescription(), 0);
                sdl.line("scalar " + scalar.getName()).blank();
            });
        }
    }
}

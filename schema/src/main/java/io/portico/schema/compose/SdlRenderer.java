package io.portico.schema.compose;

import io.portico.schema.types.FilterKind;
import io.portico.schema.types.GraphQLTypeRef;
import io.portico.schema.types.PorticoScalars;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The third phase of composition: renders the SDL of bound datasets and relationships. One instance per composition. */
final class SdlRenderer {

    private final Map<String, List<BoundDataset>> datasetsByDomain;
    private final Map<String, List<RelationshipBinding>> relationshipsByOwner = new TreeMap<>();
    private final SdlWriter sdl = new SdlWriter();
    private final Map<String, FilterKind> filterInputs = new TreeMap<>();
    private final Map<String, String> structTypes = new TreeMap<>();
    private final Set<DatasetBinding> aggregated = new HashSet<>();
    private final List<RelationshipBinding> aggregatedRelationships = new ArrayList<>();
    private final Map<String, BoundDataset> datasetsByType = new HashMap<>();
    private boolean timeBuckets;

    SdlRenderer(Map<String, List<BoundDataset>> datasetsByDomain, List<RelationshipBinding> relationships) {
        this.datasetsByDomain = datasetsByDomain;
        datasetsByDomain.values().forEach(datasets -> datasets.forEach(
                dataset -> datasetsByType.put(SchemaNames.nodeType(dataset.binding()), dataset)));
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

    /** Whether the rendered SDL gave {@code dataset} an aggregate field; known once {@link #render} returned. */
    boolean aggregates(DatasetBinding dataset) {
        return aggregated.contains(dataset);
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
                    + ", first: Int = " + SchemaComposer.DEFAULT_PAGE_SIZE
                    + ", after: String): " + SchemaNames.connectionType(binding)
                    + deprecatedDirective(dataset.deprecationReason()));
            if (hasAggregates(dataset, datasets)) {
                renderAggregateField(dataset);
            }
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

    /** The contract's description; a required field's ends with {@link SchemaComposer#REQUIRED_FIELD_NOTE}. */
    private static String describeField(BoundField field) {
        String description = field.binding().description();
        if (!field.required()) {
            return description;
        }
        return description == null || description.isBlank()
                ? SchemaComposer.REQUIRED_FIELD_NOTE
                : description.strip() + "\n\n" + SchemaComposer.REQUIRED_FIELD_NOTE;
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
            renderRelationshipAggregate(dataset, relationship);
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
        if (aggregated.contains(binding)) {
            renderAggregateTypes(dataset);
        }
    }

    private static String relationshipField(RelationshipBinding relationship) {
        String target = relationship.targetType();
        if (!relationship.toMany()) {
            return relationship.fieldName() + ": " + target;
        }
        return relationship.fieldName() + "(where: " + target + "Where, orderBy: [" + target + "OrderBy!]"
                + ", first: Int = " + SchemaComposer.DEFAULT_PAGE_SIZE + ", after: String): " + target + "Connection";
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

    /**
     * Whether a dataset gets an aggregate field: a current major with a field to group by, whose aggregate field name
     * no dataset of its domain has.
     */
    private boolean hasAggregates(BoundDataset dataset, List<BoundDataset> domainDatasets) {
        String field = SchemaNames.aggregateField(dataset.binding());
        boolean taken = domainDatasets.stream().anyMatch(other -> other.binding().dataset().equals(field));
        boolean groupable = dataset.binding().fields().stream().anyMatch(AggregateRules::groupable);
        if (dataset.deprecationReason() != null || taken || !groupable) {
            return false;
        }
        aggregated.add(dataset.binding());
        return true;
    }

    private void renderAggregateField(BoundDataset dataset) {
        DatasetBinding binding = dataset.binding();
        sdl.description("Aggregates of the " + SchemaNames.nodeType(binding) + " rows matching `where`, computed by"
                + " the port in one statement: over all of them (`count`, `sum`, ...), or per group of `groupBy`"
                + " (`groups`, the first `first` in `orderBy` order). Dates and timestamps group by `buckets` (start"
                + " of hour, day, week, month, quarter or year; zoned timestamps in `timeZone`, an IANA zone).", 1);
        sdl.field(SchemaNames.aggregateField(binding) + aggregateArguments(binding));
    }

    /** The arguments and type of an aggregate field over {@code binding}'s rows. */
    private static String aggregateArguments(DatasetBinding binding) {
        boolean buckets = binding.fields().stream().anyMatch(AggregateRules::bucketable);
        return "(where: " + SchemaNames.whereType(binding)
                + ", groupBy: [" + SchemaNames.aggregateType(binding, "GroupField") + "!]"
                + (buckets ? ", buckets: " + SchemaNames.aggregateType(binding, "Buckets")
                        + ", timeZone: String = \"UTC\"" : "")
                + ", orderBy: [" + SchemaNames.aggregateType(binding, "AggregateOrderBy") + "!]"
                + ", first: Int = " + SchemaComposer.DEFAULT_PAGE_SIZE + "): "
                + SchemaNames.aggregateType(binding, "Aggregate");
    }

    /**
     * The aggregate field of a one-to-many relationship ({@code ordersAggregate} beside {@code orders}), when its
     * target has aggregates and the name is free on the owner type.
     */
    private void renderRelationshipAggregate(BoundDataset owner, RelationshipBinding relationship) {
        BoundDataset target = datasetsByType.get(relationship.targetType());
        String field = relationship.fieldName() + "Aggregate";
        boolean taken = owner.fields().stream().anyMatch(bound -> bound.binding().graphQLName().equals(field))
                || relationshipsByOwner.getOrDefault(relationship.ownerType(), List.of()).stream()
                        .anyMatch(other -> other.fieldName().equals(field));
        if (!relationship.toMany() || target == null || !aggregated.contains(target.binding()) || taken) {
            return;
        }
        sdl.description("Aggregates of the rows of `" + relationship.fieldName() + "`, as the dataset's aggregate"
                + " field computes them, per row of this type; batched: one statement per port for all rows of a"
                + " page.", 1);
        sdl.field(field + aggregateArguments(target.binding()));
        aggregatedRelationships.add(relationship);
    }

    /** The one-to-many relationships that got an aggregate field; known once {@link #render} returned. */
    List<RelationshipBinding> aggregatedRelationships() {
        return List.copyOf(aggregatedRelationships);
    }

    /** The aggregate, group, key, per-function and input types of a dataset's aggregate field. */
    private void renderAggregateTypes(BoundDataset dataset) {
        DatasetBinding binding = dataset.binding();
        List<FieldBinding> groupable = binding.fields().stream().filter(AggregateRules::groupable).toList();
        List<FieldBinding> orderable = binding.fields().stream().filter(AggregateRules::orderable).toList();
        List<FieldBinding> numeric = binding.fields().stream().filter(AggregateRules::numeric).toList();
        List<FieldBinding> bucketable = binding.fields().stream().filter(AggregateRules::bucketable).toList();
        String nodeType = SchemaNames.nodeType(binding);

        sdl.description("Aggregates of " + nodeType + " rows. `count`, `sum`, `avg`, `min`, `max` and"
                + " `countDistinct` here are over every row matching `where`, without `groupBy` only (with it, read"
                + " `groups`, or alias a second field without `groupBy`).", 0);
        sdl.open("type", SchemaNames.aggregateType(binding, "Aggregate"));
        sdl.description("How many groups there are in all, before `first`.", 1);
        sdl.field("totalCount: Long!");
        sdl.description("The groups, the first `first` in `orderBy` order; without `groupBy`, one group of every"
                + " row.", 1);
        sdl.field("groups: [" + SchemaNames.aggregateType(binding, "Group") + "!]!");
        aggregateFields(binding, numeric, orderable, "Long");
        sdl.close();

        sdl.description("One group of " + nodeType + " rows: its key and its aggregates.", 0);
        sdl.open("type", SchemaNames.aggregateType(binding, "Group"));
        sdl.description("The values the group's rows share (a bucket's start for a bucketed date or timestamp); null"
                + " for fields not in `groupBy`.", 1);
        sdl.field("key: " + SchemaNames.aggregateType(binding, "GroupKey") + "!");
        aggregateFields(binding, numeric, orderable, "Long!");
        sdl.close();

        valueType(binding, "GroupKey", groupable, AggregateRules::scalar);
        valueType(binding, "Sum", numeric, AggregateRules::sumScalar);
        valueType(binding, "Avg", numeric, AggregateRules::avgScalar);
        valueType(binding, "MinMax", orderable, AggregateRules::scalar);
        valueType(binding, "CountDistinct", groupable, field -> "Long");

        sdl.open("enum", SchemaNames.aggregateType(binding, "GroupField"));
        groupable.forEach(field -> sdl.field(field.graphQLName()));
        sdl.close();
        if (!bucketable.isEmpty()) {
            sdl.description("The time bucket a date or timestamp in `groupBy` is cut to; absent: its value.", 0);
            sdl.open("input", SchemaNames.aggregateType(binding, "Buckets"));
            bucketable.forEach(field -> sdl.field(field.graphQLName() + ": TimeBucket"));
            sdl.close();
            timeBuckets = true;
        }
        renderAggregateOrderBy(binding, groupable, orderable, numeric);
    }

    /** The row count and the per-function fields of an aggregate or group type; a function without fields is left out. */
    private void aggregateFields(DatasetBinding binding, List<FieldBinding> numeric, List<FieldBinding> orderable,
            String countType) {
        sdl.description("How many rows.", 1);
        sdl.field("count: " + countType);
        if (!numeric.isEmpty()) {
            sdl.field("sum: " + SchemaNames.aggregateType(binding, "Sum"));
            sdl.field("avg: " + SchemaNames.aggregateType(binding, "Avg"));
        }
        if (!orderable.isEmpty()) {
            sdl.field("min: " + SchemaNames.aggregateType(binding, "MinMax"));
            sdl.field("max: " + SchemaNames.aggregateType(binding, "MinMax"));
        }
        sdl.description("How many distinct non-null values.", 1);
        sdl.field("countDistinct: " + SchemaNames.aggregateType(binding, "CountDistinct"));
    }

    private void valueType(DatasetBinding binding, String part, List<FieldBinding> fields,
            Function<FieldBinding, String> scalar) {
        if (fields.isEmpty()) {
            return;
        }
        sdl.open("type", SchemaNames.aggregateType(binding, part));
        fields.forEach(field -> sdl.field(field.graphQLName() + ": " + scalar.apply(field)));
        sdl.close();
    }

    private void renderAggregateOrderBy(DatasetBinding binding, List<FieldBinding> groupable,
            List<FieldBinding> orderable, List<FieldBinding> numeric) {
        sdl.description("One sort key of groups: set exactly one of these. Groups are finally ordered by their key, so"
                + " the order is stable.", 0);
        sdl.open("input", SchemaNames.aggregateType(binding, "AggregateOrderBy"));
        sdl.field("count: SortDirection");
        if (!numeric.isEmpty()) {
            sdl.field("sum: " + SchemaNames.aggregateType(binding, "NumericOrderBy"));
            sdl.field("avg: " + SchemaNames.aggregateType(binding, "NumericOrderBy"));
        }
        if (!orderable.isEmpty()) {
            sdl.field("min: " + SchemaNames.aggregateType(binding, "MinMaxOrderBy"));
            sdl.field("max: " + SchemaNames.aggregateType(binding, "MinMaxOrderBy"));
        }
        sdl.field("countDistinct: " + SchemaNames.aggregateType(binding, "GroupOrderBy"));
        sdl.description("By a field of the group key; it must be in `groupBy`.", 1);
        sdl.field("key: " + SchemaNames.aggregateType(binding, "GroupOrderBy"));
        sdl.close();
        sortInput(binding, "NumericOrderBy", numeric);
        sortInput(binding, "MinMaxOrderBy", orderable);
        sortInput(binding, "GroupOrderBy", groupable);
    }

    private void sortInput(DatasetBinding binding, String part, List<FieldBinding> fields) {
        if (fields.isEmpty()) {
            return;
        }
        sdl.description("One field: set exactly one.", 0);
        sdl.open("input", SchemaNames.aggregateType(binding, part));
        fields.forEach(field -> sdl.field(field.graphQLName() + ": SortDirection"));
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
        if (timeBuckets) {
            sdl.description("A time bucket: the start of the hour, day, ISO week (Monday), month, quarter or year"
                    + " a date or timestamp falls in.", 0);
            sdl.open("enum", "TimeBucket");
            List.of("HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR").forEach(sdl::field);
            sdl.close();
        }
        PorticoScalars.all().forEach(scalar -> {
            sdl.description(scalar.getDescription(), 0);
            sdl.line("scalar " + scalar.getName()).blank();
        });
    }
}

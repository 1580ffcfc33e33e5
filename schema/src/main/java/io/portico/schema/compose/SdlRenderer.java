package io.portico.schema.compose;

import io.portico.schema.types.FilterKind;
import io.portico.schema.types.GraphQLTypeRef;
import io.portico.schema.types.PorticoScalars;
import java.util.ArrayList;
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
                    + ", first: Int = " + SchemaComposer.DEFAULT_PAGE_SIZE
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

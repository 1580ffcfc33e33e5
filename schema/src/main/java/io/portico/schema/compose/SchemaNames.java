package io.portico.schema.compose;

import io.portico.schema.types.GraphQLNames;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The naming rules of the unified schema, in one place: how contract names become GraphQL field and type names.
 *
 * <ul>
 *   <li>Field names are camelCase of the contract name ({@link GraphQLNames}): {@code order_id} becomes
 *       {@code orderId}; a name that is already camelCase stays as it is.</li>
 *   <li>Type names are PascalCase: domain {@code sales} has type {@code SalesDomain}; its dataset {@code orders}
 *       has node type {@code SalesOrders}, {@code SalesOrdersConnection}, {@code SalesOrdersEdge},
 *       {@code SalesOrdersWhere} and {@code SalesOrdersOrderBy}.</li>
 * </ul>
 */
public final class SchemaNames {

    /** Field names of the where input that are operators, not dataset fields. */
    public static final Set<String> WHERE_COMBINATORS = Set.of("and", "or", "not");

    private static final Pattern GRAPHQL_NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");

    private SchemaNames() {
    }

    public static boolean isValidName(String name) {
        return GRAPHQL_NAME.matcher(name).matches() && !name.startsWith("__");
    }

    /** {@code order_id} -> {@code orderId}; {@code orderId} -> {@code orderId} ({@link GraphQLNames#fieldName}). */
    public static String fieldName(String contractName) {
        return GraphQLNames.fieldName(contractName);
    }

    /**
     * The root field of a dataset of an older major served beside a newer one: its field name with {@code V} and
     * the major, e.g. {@code orders} at major 1 -> {@code ordersV1}.
     */
    public static String olderMajorDatasetField(String datasetName, int major) {
        return fieldName(datasetName) + "V" + major;
    }

    /** {@code order_id} -> {@code OrderId}; {@code sales} -> {@code Sales} ({@link GraphQLNames#typeName}). */
    public static String typeName(String contractName) {
        return GraphQLNames.typeName(contractName);
    }

    public static String domainType(String domain) {
        return typeName(domain) + "Domain";
    }

    public static String nodeType(DatasetBinding binding) {
        return nodeType(binding.domain(), binding.dataset());
    }

    public static String nodeType(String domain, String dataset) {
        return typeName(domain) + typeName(dataset);
    }

    public static String connectionType(DatasetBinding binding) {
        return nodeType(binding) + "Connection";
    }

    public static String edgeType(DatasetBinding binding) {
        return nodeType(binding) + "Edge";
    }

    public static String whereType(DatasetBinding binding) {
        return nodeType(binding) + "Where";
    }

    public static String orderByType(DatasetBinding binding) {
        return nodeType(binding) + "OrderBy";
    }

    /** The aggregate field of a dataset beside its connection field: {@code orders} -> {@code ordersAggregate}. */
    public static String aggregateField(DatasetBinding binding) {
        return binding.dataset() + "Aggregate";
    }

    /**
     * A type of a dataset's aggregates: {@code SalesOrders} + {@code part}, e.g. {@code SalesOrdersAggregate},
     * {@code SalesOrdersGroup}, {@code SalesOrdersGroupKey}, {@code SalesOrdersSum}.
     */
    public static String aggregateType(DatasetBinding binding, String part) {
        return nodeType(binding) + part;
    }

    /** The object type of a struct column: the owning type's name followed by the field's PascalCase name. */
    public static String structType(String ownerType, String fieldName) {
        return ownerType + upperFirst(fieldName);
    }

    /** The where-operator input of a scalar, e.g. {@code StringFilter}. */
    public static String filterType(String scalarName) {
        return scalarName + "Filter";
    }

    private static String upperFirst(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}

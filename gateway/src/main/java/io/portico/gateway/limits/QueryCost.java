package io.portico.gateway.limits;

import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The estimated cost of an operation, read off its normalized form (fragments merged, {@code @skip}/{@code @include}
 * applied, arguments resolved with variables and schema defaults), and the largest page it asks for.
 *
 * <p>The model: every selected field costs 1; a field with a {@code first} argument (a connection: a dataset, a
 * one-to-many relationship, the catalog) multiplies the cost of its selection by its page size ({@code first}, or
 * the default page size for {@code first: null}); the lists of such a field's page ({@code nodes}, {@code edges})
 * are that page and multiply by 1; any other list field multiplies its selection by the list-size estimate. Nested
 * connections therefore multiply: 100 orders with their customer and 10 shipments each cost about
 * 100 x (customer + 10 x shipment fields). Works on any schema: relationship fields are covered by their shape,
 * not their names. Sums and products saturate at {@link Long#MAX_VALUE}.
 *
 * @param total              the estimated cost of the operation
 * @param costliestField     the path of the root field with the largest cost ({@code sales}); null without fields
 * @param costliestFieldCost that root field's cost
 * @param largestPage        the largest page size asked for; 0 when no field has {@code first}
 * @param largestPagePath    the path of the field asking for it ({@code sales.orders}); null when none does
 */
public record QueryCost(long total, String costliestField, long costliestFieldCost, long largestPage,
        String largestPagePath) {

    /** The argument whose value is a field's page size. */
    public static final String FIRST = "first";

    /**
     * Estimates {@code operation} over {@code schema}.
     *
     * @param defaultPageSize  the page size of {@code first: null}
     * @param listSizeEstimate the length assumed for a list field without {@code first}
     */
    public static QueryCost estimate(ExecutableNormalizedOperation operation, GraphQLSchema schema,
            int defaultPageSize, int listSizeEstimate) {
        Estimator estimator = new Estimator(schema, defaultPageSize, listSizeEstimate);
        long total = 0;
        ExecutableNormalizedField costliest = null;
        long costliestCost = 0;
        for (ExecutableNormalizedField root : operation.getTopLevelFields()) {
            long cost = estimator.cost(root, false);
            total = saturatedAdd(total, cost);
            if (costliest == null || cost > costliestCost) {
                costliest = root;
                costliestCost = cost;
            }
        }
        return new QueryCost(total, costliest == null ? null : costliest.getResultKey(), costliestCost,
                estimator.largestPage, estimator.largestPageField == null ? null : path(estimator.largestPageField));
    }

    /** The response path of {@code field}: result keys from the root, dot-separated. */
    static String path(ExecutableNormalizedField field) {
        Deque<String> keys = new ArrayDeque<>();
        for (ExecutableNormalizedField step = field; step != null; step = step.getParent()) {
            keys.addFirst(step.getResultKey());
        }
        return String.join(".", keys);
    }

    static long saturatedAdd(long left, long right) {
        long sum = left + right;
        return ((left ^ sum) & (right ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    static long saturatedMultiply(long left, long right) {
        long high = Math.multiplyHigh(left, right);
        long low = left * right;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    private static final class Estimator {

        private final GraphQLSchema schema;
        private final int defaultPageSize;
        private final int listSizeEstimate;
        private long largestPage;
        private ExecutableNormalizedField largestPageField;

        Estimator(GraphQLSchema schema, int defaultPageSize, int listSizeEstimate) {
            this.schema = schema;
            this.defaultPageSize = defaultPageSize;
            this.listSizeEstimate = listSizeEstimate;
        }

        /** The cost of {@code field}; {@code inPage}: its parent is a paged field, whose lists are its page. */
        long cost(ExecutableNormalizedField field, boolean inPage) {
            GraphQLFieldDefinition definition = definition(field);
            boolean paged = definition.getArgument(FIRST) != null;
            long multiplier;
            if (paged) {
                multiplier = pageSize(field);
            } else if (!inPage && GraphQLTypeUtil.unwrapNonNull(definition.getType()) instanceof GraphQLList) {
                multiplier = listSizeEstimate;
            } else {
                multiplier = 1;
            }
            long children = 0;
            for (ExecutableNormalizedField child : field.getChildren()) {
                children = saturatedAdd(children, cost(child, paged));
            }
            return saturatedAdd(1, saturatedMultiply(multiplier, children));
        }

        private long pageSize(ExecutableNormalizedField field) {
            Object first = field.getResolvedArguments().get(FIRST);
            long size = first instanceof Number number ? number.longValue() : defaultPageSize;
            if (largestPageField == null || size > largestPage) {
                largestPage = size;
                largestPageField = field;
            }
            return Math.max(0, size);
        }

        private GraphQLFieldDefinition definition(ExecutableNormalizedField field) {
            if (!field.getFieldName().startsWith("__")) {
                for (String typeName : field.getObjectTypeNames()) {
                    if (schema.getType(typeName) instanceof GraphQLObjectType type) {
                        GraphQLFieldDefinition definition = type.getField(field.getFieldName());
                        if (definition != null) {
                            return definition;
                        }
                    }
                }
            }
            return field.getFieldDefinitions(schema).getFirst();
        }
    }
}

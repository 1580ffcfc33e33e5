package io.portico.schema.compat;

import io.portico.schema.compose.SchemaNames;
import io.portico.schema.types.GraphQLTypeRef;

/**
 * A node field's GraphQL type as the composed SDL writes it, e.g. {@code BigDecimal}, {@code [String!]},
 * {@code SalesOrdersAddress}: never non-null at the top, whatever the contract's {@code required} says.
 */
final class GraphQLTypeText {

    private GraphQLTypeText() {
    }

    static String of(String ownerType, String fieldName, GraphQLTypeRef type) {
        return text(ownerType, fieldName, type);
    }

    private static String text(String ownerType, String fieldName, GraphQLTypeRef type) {
        return switch (type) {
            case GraphQLTypeRef.Scalar scalar -> scalar.name();
            case GraphQLTypeRef.ListOf list -> "[" + text(ownerType, fieldName, list.element())
                    + (list.elementNullable() ? "" : "!") + "]";
            case GraphQLTypeRef.Struct struct -> SchemaNames.structType(ownerType, fieldName);
        };
    }
}

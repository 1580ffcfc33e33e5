package io.portico.schema.compat;

import io.portico.schema.compose.SchemaNames;
import io.portico.schema.types.GraphQLTypeRef;

/** A field's GraphQL type as the composed SDL writes it, e.g. {@code BigDecimal!}, {@code [String!]}, {@code SalesOrdersAddress}. */
final class GraphQLTypeText {

    private GraphQLTypeText() {
    }

    static String of(String ownerType, String fieldName, GraphQLTypeRef type, boolean nullable) {
        return text(ownerType, fieldName, type) + (nullable ? "" : "!");
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

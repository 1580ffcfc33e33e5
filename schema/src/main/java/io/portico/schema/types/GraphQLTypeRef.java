package io.portico.schema.types;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The GraphQL shape of an Arrow column, before it becomes a {@code graphql.schema.GraphQLOutputType}. Names no
 * object types: composition names a {@link Struct} after the place it appears (e.g. {@code SalesOrdersAddress}).
 * Whether the column itself may be null comes from its Arrow {@code Field}; nullability inside is recorded here.
 */
public sealed interface GraphQLTypeRef {

    /**
     * A scalar: a GraphQL built-in ({@code Int}, {@code Float}, {@code String}, {@code Boolean}) or one of
     * {@link PorticoScalars#all()}; {@link PorticoScalars#forName(String)} resolves it.
     */
    record Scalar(String name) implements GraphQLTypeRef {
        public Scalar {
            requireNonNull(name, "name is null");
        }
    }

    /** A list; an Arrow map is a list of {@code key}/{@code value} structs. */
    record ListOf(GraphQLTypeRef element, boolean elementNullable) implements GraphQLTypeRef {
        public ListOf {
            requireNonNull(element, "element is null");
        }
    }

    /** An Arrow struct: an object type whose fields are its children, in Arrow order. */
    record Struct(List<StructField> fields) implements GraphQLTypeRef {
        public Struct {
            fields = List.copyOf(fields);
            Set<String> names = new HashSet<>();
            for (StructField field : fields) {
                if (!names.add(field.name())) {
                    throw new IllegalArgumentException("duplicate struct field name '" + field.name() + "'");
                }
            }
        }
    }

    /**
     * One field of a {@link Struct}.
     *
     * @param name      GraphQL-safe camelCase name ({@link GraphQLNames#fieldName(String)} of {@code arrowName})
     * @param arrowName the child's name in Arrow
     * @param type      the child's shape
     * @param nullable  whether the child may be null
     */
    record StructField(String name, String arrowName, GraphQLTypeRef type, boolean nullable) {
        public StructField {
            requireNonNull(name, "name is null");
            requireNonNull(arrowName, "arrowName is null");
            requireNonNull(type, "type is null");
        }
    }
}

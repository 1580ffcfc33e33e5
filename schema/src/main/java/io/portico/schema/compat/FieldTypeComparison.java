package io.portico.schema.compat;

import io.portico.schema.types.GraphQLTypeRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Compares the type of one field exposed on both sides, the way a GraphQL client reading it sees it: output
 * positions, so a value that may now be null or has another scalar breaks, a struct field added or a list
 * element that is never null any more does not. Where the GraphQL type stays, the Arrow types beneath it are
 * compared ({@link ArrowTypeComparison}). The field itself is always nullable in GraphQL; whether the contract
 * requires it is compared by the caller.
 */
final class FieldTypeComparison {

    /**
     * One difference in a field's type.
     *
     * @param kind        {@link ChangeKind#FIELD_TYPE_CHANGED}, {@link ChangeKind#FIELD_TYPE_EXTENDED} or an
     *                    Arrow kind
     * @param where       below the field: empty for the field itself, {@code []} for list elements,
     *                    {@code .city} for a struct field, combined as in {@code [].city}
     * @param description what differs
     */
    record TypeDifference(ChangeKind kind, String where, String description) {
    }

    private final List<TypeDifference> differences = new ArrayList<>();

    private FieldTypeComparison() {
    }

    static List<TypeDifference> compare(GraphQLTypeRef live, Field liveArrow, GraphQLTypeRef candidate,
            Field candidateArrow) {
        FieldTypeComparison comparison = new FieldTypeComparison();
        comparison.compare("", live, liveArrow, candidate, candidateArrow);
        return List.copyOf(comparison.differences);
    }

    private void compare(String where, GraphQLTypeRef live, Field liveArrow, GraphQLTypeRef candidate,
            Field candidateArrow) {
        if (live instanceof GraphQLTypeRef.Scalar before && candidate instanceof GraphQLTypeRef.Scalar after) {
            if (!before.name().equals(after.name())) {
                add(ChangeKind.FIELD_TYPE_CHANGED, where, "GraphQL type " + before.name() + " becomes " + after.name()
                        + " (Arrow " + arrow(liveArrow) + " becomes " + arrow(candidateArrow) + ")");
                return;
            }
            arrowTypes(where, liveArrow, candidateArrow);
            return;
        }
        if (live instanceof GraphQLTypeRef.ListOf before && candidate instanceof GraphQLTypeRef.ListOf after) {
            nullability(where + "[]", "list elements are", before.elementNullable(), after.elementNullable());
            arrowTypes(where, liveArrow, candidateArrow);
            compare(where + "[]", before.element(), liveArrow.getChildren().getFirst(),
                    after.element(), candidateArrow.getChildren().getFirst());
            return;
        }
        if (live instanceof GraphQLTypeRef.Struct before && candidate instanceof GraphQLTypeRef.Struct after) {
            structs(where, before, liveArrow, after, candidateArrow);
            return;
        }
        add(ChangeKind.FIELD_TYPE_CHANGED, where, "GraphQL type changes from " + shape(live) + " to "
                + shape(candidate) + " (Arrow " + arrow(liveArrow) + " becomes " + arrow(candidateArrow) + ")");
    }

    private void structs(String where, GraphQLTypeRef.Struct live, Field liveArrow, GraphQLTypeRef.Struct candidate,
            Field candidateArrow) {
        Map<String, GraphQLTypeRef.StructField> candidateFields = new LinkedHashMap<>();
        candidate.fields().forEach(field -> candidateFields.put(field.name(), field));
        for (GraphQLTypeRef.StructField before : live.fields()) {
            String childWhere = where + "." + before.name();
            GraphQLTypeRef.StructField after = candidateFields.remove(before.name());
            if (after == null) {
                add(ChangeKind.FIELD_TYPE_CHANGED, childWhere, "struct field '" + before.name() + "' was removed");
                continue;
            }
            nullability(childWhere, "struct field '" + before.name() + "' is", before.nullable(), after.nullable());
            compare(childWhere, before.type(), child(liveArrow, before.arrowName()),
                    after.type(), child(candidateArrow, after.arrowName()));
        }
        candidateFields.values().forEach(added -> add(ChangeKind.FIELD_TYPE_EXTENDED, where + "." + added.name(),
                "struct field '" + added.name() + "' was added"));
    }

    /** @param subject what may be null, with its verb: {@code list elements are}, {@code struct field 'city' is} */
    private void nullability(String where, String subject, boolean liveNullable, boolean candidateNullable) {
        if (!liveNullable && candidateNullable) {
            add(ChangeKind.FIELD_TYPE_CHANGED, where, subject + " nullable now, so clients may get null");
        } else if (liveNullable && !candidateNullable) {
            add(ChangeKind.FIELD_TYPE_EXTENDED, where, subject + " never null now");
        }
    }

    private void arrowTypes(String where, Field liveArrow, Field candidateArrow) {
        ArrowTypeComparison.compare(liveArrow.getType(), candidateArrow.getType()).forEach(difference ->
                add(difference.kind(), where, "Arrow type " + arrow(liveArrow) + " becomes " + arrow(candidateArrow)
                        + ": " + difference.reason()));
    }

    private void add(ChangeKind kind, String where, String description) {
        differences.add(new TypeDifference(kind, where, description));
    }

    private static Field child(Field parent, String arrowName) {
        return parent.getChildren().stream()
                .filter(child -> child.getName().equals(arrowName))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("struct " + parent.getName() + " has no child " + arrowName));
    }

    private static String arrow(Field field) {
        return ArrowTypeNames.describe(field.getType());
    }

    private static String shape(GraphQLTypeRef type) {
        return switch (type) {
            case GraphQLTypeRef.Scalar scalar -> scalar.name();
            case GraphQLTypeRef.ListOf list -> "a list";
            case GraphQLTypeRef.Struct struct -> "an object";
        };
    }
}

package io.portico.gateway.graphql;

import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a field's selection by the paths of field names below it ({@link SelectedField#getQualifiedName()}, such as
 * {@code nodes/orderId}) in one walk of {@link DataFetchingFieldSelectionSet#getFields()}, answering what the glob
 * methods of the selection set answer for the plain patterns Portico asks: those build a regular expression per
 * selected field and pattern on every call, several times a request.
 */
final class SelectionPaths {

    private SelectionPaths() {
    }

    /**
     * The fields selected directly under any of {@code parents} (paths of field names, such as {@code nodes} or
     * {@code edges/node}): what {@code selection.getFields(parent + "/*", ...)} answers, the same field objects in
     * the same order.
     */
    static List<SelectedField> childrenOf(DataFetchingFieldSelectionSet selection, String... parents) {
        Map<String, List<SelectedField>> byPath = new LinkedHashMap<>();
        for (SelectedField field : selection.getFields()) {
            String path = field.getQualifiedName();
            if (isChildOfAny(path, parents)) {
                byPath.computeIfAbsent(path, ignored -> new ArrayList<>()).add(field);
            }
        }
        if (byPath.size() == 1) {
            return byPath.values().iterator().next();
        }
        List<SelectedField> children = new ArrayList<>();
        byPath.values().forEach(children::addAll);
        return children;
    }

    /**
     * Whether a field named {@code name} is selected directly: what {@code selection.contains(name)} answers for a
     * name (no slash, no glob character).
     */
    static boolean selectsDirectly(DataFetchingFieldSelectionSet selection, String name) {
        for (SelectedField field : selection.getImmediateFields()) {
            if (field.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isChildOfAny(String path, String[] parents) {
        for (String parent : parents) {
            if (path.length() > parent.length() + 1 && path.startsWith(parent)
                    && path.charAt(parent.length()) == '/' && path.indexOf('/', parent.length() + 1) < 0) {
                return true;
            }
        }
        return false;
    }
}

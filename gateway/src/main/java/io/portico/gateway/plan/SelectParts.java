package io.portico.gateway.plan;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import io.portico.schema.compose.FieldBinding;
import java.util.ArrayList;
import java.util.List;
import org.jooq.SelectField;
import org.jooq.SortField;

/** The select lists and ORDER BY lists of planned statements, from a plan's columns and ordering. */
final class SelectParts {

    private SelectParts() {
    }

    /** The columns by name. */
    static List<SelectField<?>> selectList(List<FieldBinding> columns) {
        return selectList(columns, List.of());
    }

    /** The columns, a computed sort key of {@code ordering} as its expression named as its column. */
    static List<SelectField<?>> selectList(List<FieldBinding> columns, List<SortKey> ordering) {
        if (columns.isEmpty()) {
            return List.of(inline(1).as("row_marker"));
        }
        List<SelectField<?>> select = new ArrayList<>(columns.size());
        for (FieldBinding column : columns) {
            SelectField<?> computed = null;
            for (SortKey key : ordering) {
                if (key.expression() != null && key.field().equals(column)) {
                    computed = key.expression().as(name(column.column()));
                }
            }
            select.add(computed != null ? computed : SqlColumns.field(column));
        }
        return select;
    }

    /** The ORDER BY of an ordering, a computed sort key as its expression. */
    static List<SortField<Object>> orderBy(List<SortKey> ordering) {
        return ordering.stream().map(key -> sortField(key.sqlField(), key.direction())).toList();
    }

    /** The ordering over the columns of a derived table, where a computed sort key is a column by its name. */
    static List<SortField<Object>> orderByColumns(List<SortKey> ordering) {
        return ordering.stream().map(key -> sortField(SqlColumns.field(key.field()), key.direction())).toList();
    }

    private static SortField<Object> sortField(org.jooq.Field<Object> field, SortDirection direction) {
        return direction == SortDirection.ASC ? field.asc().nullsFirst() : field.desc().nullsLast();
    }
}

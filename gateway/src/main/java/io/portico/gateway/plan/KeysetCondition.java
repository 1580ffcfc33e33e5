package io.portico.gateway.plan;

import static org.jooq.impl.DSL.and;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.or;

import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;

/**
 * The rows strictly after a cursor position in a total ordering, as one condition:
 * {@code k1 > v1 OR (k1 = v1 AND k2 > v2) OR ...}, with "after" flipped for descending keys and nulls treated as
 * the smallest value (first when ascending, last when descending), matching the ORDER BY the planner renders.
 */
final class KeysetCondition {

    private KeysetCondition() {
    }

    static Condition after(List<SortKey> ordering, List<Object> position) {
        List<Condition> alternatives = new ArrayList<>();
        List<Condition> equalSoFar = new ArrayList<>();
        for (int index = 0; index < ordering.size(); index++) {
            SortKey key = ordering.get(index);
            Field<Object> column = key.sqlField();
            Object value = position.get(index);
            List<Condition> alternative = new ArrayList<>(equalSoFar);
            alternative.add(strictlyAfter(column, key.direction(), value));
            alternatives.add(and(alternative));
            equalSoFar.add(value == null ? column.isNull() : column.eq(SqlColumns.value(column, value)));
        }
        return alternatives.isEmpty() ? falseCondition() : or(alternatives);
    }

    private static Condition strictlyAfter(Field<Object> column, SortDirection direction, Object value) {
        if (direction == SortDirection.ASC) {
            return value == null ? column.isNotNull() : column.gt(SqlColumns.value(column, value));
        }
        return value == null ? falseCondition() : column.lt(SqlColumns.value(column, value)).or(column.isNull());
    }
}

package io.portico.gateway.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jooq.Condition;
import org.jooq.Context;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.CustomCondition;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@code column} is one of many integer keys, rendered for the port's dialect as one array constant the database
 * parses as a single value: {@code "customer_id" = any(cast('[17, 42, ...]' as bigint[]))} for DuckDB,
 * {@code "customer_id" = any(cast('{17,42,...}' as bigint[]))} for PostgreSQL, and the plain
 * {@code IN (17, 42, ...)} list for any other dialect. The text of the array holds only digits, signs, commas and
 * spaces, written here from {@code long} values, and goes into the statement as a string literal rendered by jOOQ.
 */
final class IntegerKeyArray extends CustomCondition {

    private final Field<Object> column;
    private final List<Long> keys;
    private final Condition inList;

    /**
     * @param column the key column, of an integer type
     * @param keys   the keys, none null
     * @param inList the same condition as an IN list, for dialects without arrays
     */
    IntegerKeyArray(Field<Object> column, List<Long> keys, Condition inList) {
        this.column = requireNonNull(column, "column is null");
        this.keys = List.copyOf(keys);
        this.inList = requireNonNull(inList, "inList is null");
    }

    /** Whether the column holds integers (the only keys sent as an array). */
    static boolean isIntegral(Field<?> column) {
        Class<?> type = column.getDataType().getType();
        return type == Long.class || type == Integer.class || type == Short.class || type == Byte.class;
    }

    @Override
    public void accept(Context<?> context) {
        SQLDialect family = context.family();
        if (family != SQLDialect.DUCKDB && family != SQLDialect.POSTGRES) {
            context.visit(inList);
            return;
        }
        boolean duckDb = family == SQLDialect.DUCKDB;
        StringBuilder text = new StringBuilder(keys.size() * 8).append(duckDb ? '[' : '{');
        for (int index = 0; index < keys.size(); index++) {
            if (index > 0) {
                text.append(duckDb ? ", " : ",");
            }
            text.append(keys.get(index).longValue());
        }
        text.append(duckDb ? ']' : '}');
        // A template, not Field.eq(DSL.any(...)): jOOQ emulates = ANY(array) for DuckDB as a subquery over unnest(),
        // a table function, which costs more and which a port's statement guard may refuse.
        context.visit(DSL.condition("{0} = any ({1})", column,
                DSL.cast(DSL.inline(text.toString()), SQLDataType.BIGINT.array())));
    }
}

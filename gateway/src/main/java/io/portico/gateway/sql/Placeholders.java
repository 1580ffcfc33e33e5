package io.portico.gateway.sql;

import static io.portico.gateway.sql.SqlErrors.badInput;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ?} placeholders of a statement, in the order they are met (the order of the text): each is compared
 * with a column, which {@link #columns()} records. When binding, each takes the next parameter value, converted to
 * its column's type; when describing (a prepared statement's parameter schema), each stands for a value to come.
 */
final class Placeholders {

    /** What a placeholder stands for while describing: never sent anywhere. */
    static final Object DESCRIBED = new Object() {
        @Override
        public String toString() {
            return "?";
        }
    };

    private final List<Object> values;
    private final List<SqlColumn> columns = new ArrayList<>();

    private Placeholders(List<Object> values) {
        this.values = values;
    }

    /** Placeholders that record their columns only. */
    static Placeholders describing() {
        return new Placeholders(null);
    }

    /** Placeholders that take {@code values} in order; the caller has checked that the counts match. */
    static Placeholders binding(List<Object> values) {
        return new Placeholders(new ArrayList<>(values));
    }

    /** The next placeholder's value, compared with {@code column}, as the column's Java type. */
    Object next(SqlColumn column) {
        Object value = nextRaw(column);
        return value == DESCRIBED ? value : SqlValues.convert(column, value, "parameter " + columns.size());
    }

    /** The next placeholder's value as given (a {@code LIKE} pattern), or {@link #DESCRIBED}. */
    Object nextRaw(SqlColumn column) {
        columns.add(column);
        int number = columns.size();
        if (values == null) {
            return DESCRIBED;
        }
        if (number > values.size()) {
            throw badInput("the statement has more parameters (?) than the " + values.size() + " given");
        }
        Object value = values.get(number - 1);
        if (value == null) {
            throw badInput("parameter " + number + " (compared with column " + column.name() + ") is null, which"
                    + " no comparison matches; use IS NULL or IS NOT NULL");
        }
        return value;
    }

    /** Per placeholder met so far, the column it is compared with. */
    List<SqlColumn> columns() {
        return List.copyOf(columns);
    }
}

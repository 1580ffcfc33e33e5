package io.portico.gateway.plan;

import io.portico.schema.compose.FieldBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.exception.DataTypeException;
import org.jooq.impl.DSL;

/** Typed jOOQ column references and bind values for a dataset's fields. */
final class SqlColumns {

    private SqlColumns() {
    }

    @SuppressWarnings("unchecked")
    static Field<Object> field(FieldBinding binding) {
        DataType<Object> dataType = (DataType<Object>) SqlColumnTypes.of(binding.arrowField()).dataType();
        return DSL.field(DSL.name(binding.column()), dataType);
    }

    /** A bind value for {@code column}, converted to the column's Java type (e.g. an Int literal for a BIGINT). */
    static Field<Object> value(Field<Object> column, Object value) {
        Object converted;
        try {
            converted = column.getDataType().convert(value);
        } catch (DataTypeException e) {
            converted = null;
        }
        if (converted == null) {
            // jOOQ converts some unparseable values to null; binding that would silently match nothing.
            throw new PorticoException(ErrorCode.BAD_USER_INPUT,
                    "value '" + value + "' does not fit column '" + column.getName() + "' (" + column.getDataType().getName() + ")");
        }
        return DSL.val(converted, column.getDataType());
    }
}

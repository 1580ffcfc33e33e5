package io.portico.gateway.http;

import static java.util.Objects.requireNonNull;

import io.portico.gateway.graphql.ColumnarRows;
import io.portico.gateway.graphql.ColumnarRows.Column;
import io.portico.gateway.graphql.ColumnarRows.ConstantColumn;
import io.portico.gateway.graphql.ColumnarRows.LeafColumn;
import io.portico.gateway.graphql.ColumnarRows.ObjectColumn;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a GraphQL response map as JSON with Jackson's streaming generator. A GraphQL result holds only maps,
 * lists, strings, numbers, booleans and nulls, so writing them directly skips the per-value serializer lookups of
 * data binding, which dominate for 100,000-row pages; anything else is handed to data binding.
 *
 * <p>A {@link RawJson} value is copied as it is (a kept answer's data, written when it was kept).
 *
 * <p>A {@link ColumnarRows} list (a connection page completed column by column) is written straight from its
 * columns, row by row, with each response key encoded once: the same bytes as writing its map view, without a map
 * or an entry per value.
 */
public final class GraphQlJsonWriter {

    private final JsonMapper json;

    /** @param json creates the generators (and serializes any value that is not plain JSON) */
    public GraphQlJsonWriter(JsonMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    /**
     * Writes {@code response} (an execution result's specification map) to {@code output} as UTF-8 JSON. Leaves
     * {@code output} open.
     */
    public void write(Map<String, Object> response, OutputStream output) {
        try (JsonGenerator generator = json.createGenerator(output)) {
            writeValue(generator, response);
        }
    }

    private static void writeValue(JsonGenerator generator, Object value) {
        switch (value) {
            case null -> generator.writeNull();
            case String text -> generator.writeString(text);
            case Map<?, ?> map -> writeMap(generator, map);
            case ColumnarRows rows -> writeRows(generator, rows);
            case RawJson raw -> generator.writeRawValue(raw.json());
            case List<?> list -> writeList(generator, list);
            case Integer number -> generator.writeNumber(number);
            case Long number -> generator.writeNumber(number);
            case Boolean flag -> generator.writeBoolean(flag);
            case Double number -> generator.writeNumber(number);
            case Float number -> generator.writeNumber(number);
            case BigDecimal number -> generator.writeNumber(number);
            case BigInteger number -> generator.writeNumber(number);
            case Short number -> generator.writeNumber(number);
            default -> generator.writePOJO(value);
        }
    }

    private static void writeMap(JsonGenerator generator, Map<?, ?> map) {
        generator.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            generator.writeName(String.valueOf(entry.getKey()));
            writeValue(generator, entry.getValue());
        }
        generator.writeEndObject();
    }

    private static void writeList(JsonGenerator generator, List<?> list) {
        generator.writeStartArray();
        for (Object element : list) {
            writeValue(generator, element);
        }
        generator.writeEndArray();
    }

    private static void writeRows(JsonGenerator generator, ColumnarRows rows) {
        RowWriter writer = new RowWriter(rows);
        generator.writeStartArray();
        for (int row = 0; row < rows.size(); row++) {
            writer.write(generator, row);
        }
        generator.writeEndArray();
    }

    /** Writes one row of columnar rows as a JSON object; keys encoded once per page. */
    private static final class RowWriter {

        private final SerializableString[] keys;
        private final Column[] columns;
        private final RowWriter[] nested;

        RowWriter(ColumnarRows rows) {
            List<Column> columnList = rows.columns();
            this.columns = columnList.toArray(Column[]::new);
            this.keys = new SerializableString[columns.length];
            this.nested = new RowWriter[columns.length];
            for (int column = 0; column < columns.length; column++) {
                keys[column] = new SerializedString(columns[column].key());
                if (columns[column] instanceof ObjectColumn object) {
                    nested[column] = new RowWriter(object.rows());
                }
            }
        }

        void write(JsonGenerator generator, int row) {
            generator.writeStartObject();
            for (int column = 0; column < columns.length; column++) {
                generator.writeName(keys[column]);
                switch (columns[column]) {
                    case LeafColumn leaf -> writeValue(generator, leaf.values()[row]);
                    case ConstantColumn constant -> writeValue(generator, constant.value());
                    case ObjectColumn object -> nested[column].write(generator, row);
                }
            }
            generator.writeEndObject();
        }
    }
}

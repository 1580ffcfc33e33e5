package io.portico.flight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Reads DuckDB's names of nested types, as its JDBC driver reports them ({@code VARCHAR[]}, {@code INTEGER[3]},
 * {@code STRUCT("width cm" DOUBLE, tags VARCHAR[])}, {@code MAP(VARCHAR, INTEGER)}), into the Arrow fields DuckDB's
 * own Arrow export produces for them, so that the schema announced for a statement matches what it streams.
 */
final class DuckDbTypeNames {

    private final String text;
    private int position;

    private DuckDbTypeNames(String text) {
        this.text = text;
    }

    /** Whether a column of this JDBC type is nested and needs this reader. */
    static boolean isNested(int jdbcType, String typeName) {
        String name = typeName == null ? "" : typeName.strip().toUpperCase(Locale.ROOT);
        return jdbcType == java.sql.Types.ARRAY || jdbcType == java.sql.Types.STRUCT
                || name.endsWith("]") || name.startsWith("STRUCT(") || name.startsWith("MAP(");
    }

    static Field field(String name, String typeName, boolean nullable) {
        DuckDbTypeNames reader = new DuckDbTypeNames(typeName);
        Field field = reader.type(name, nullable);
        reader.skipSpaces();
        if (reader.position != reader.text.length()) {
            throw new IllegalArgumentException("cannot read DuckDB type '" + typeName + "' past position " + reader.position);
        }
        return field;
    }

    private Field type(String name, boolean nullable) {
        skipSpaces();
        Field field = base(name, nullable);
        skipSpaces();
        while (peek() == '[') {
            position++;
            int start = position;
            while (Character.isDigit(peek())) {
                position++;
            }
            String size = text.substring(start, position);
            expect(']');
            Field element = rename(field, size.isEmpty() ? "l" : "", true);
            ArrowType list = size.isEmpty() ? ArrowType.List.INSTANCE : new ArrowType.FixedSizeList(Integer.parseInt(size));
            field = new Field(name, new FieldType(nullable, list, null), List.of(element));
            skipSpaces();
        }
        return field;
    }

    private Field base(String name, boolean nullable) {
        String word = words();
        skipSpaces();
        if (word.equals("STRUCT") && peek() == '(') {
            position++;
            List<Field> members = new ArrayList<>();
            do {
                skipSpaces();
                String member = memberName();
                members.add(type(member, true));
                skipSpaces();
            } while (accept(','));
            expect(')');
            return new Field(name, new FieldType(nullable, ArrowType.Struct.INSTANCE, null), members);
        }
        if (word.equals("MAP") && peek() == '(') {
            position++;
            Field key = type("key", false);
            expect(',');
            Field value = type("value", true);
            expect(')');
            Field entries = new Field("entries", new FieldType(false, ArrowType.Struct.INSTANCE, null), List.of(key, value));
            return new Field(name, new FieldType(nullable, new ArrowType.Map(false), null), List.of(entries));
        }
        if ((word.equals("DECIMAL") || word.equals("NUMERIC")) && peek() == '(') {
            position++;
            int precision = Integer.parseInt(until(',').strip());
            expect(',');
            int scale = Integer.parseInt(until(')').strip());
            expect(')');
            return new Field(name, new FieldType(nullable, new ArrowType.Decimal(precision, scale, 128), null), null);
        }
        return new Field(name, new FieldType(nullable, scalar(word), null), null);
    }

    private static ArrowType scalar(String word) {
        return switch (word) {
            case "BIGINT", "INT8", "LONG" -> new ArrowType.Int(64, true);
            case "INTEGER", "INT4", "INT", "SIGNED" -> new ArrowType.Int(32, true);
            case "SMALLINT", "INT2", "SHORT" -> new ArrowType.Int(16, true);
            case "TINYINT", "INT1" -> new ArrowType.Int(8, true);
            case "UBIGINT" -> new ArrowType.Int(64, false);
            case "UINTEGER" -> new ArrowType.Int(32, false);
            case "USMALLINT" -> new ArrowType.Int(16, false);
            case "UTINYINT" -> new ArrowType.Int(8, false);
            case "HUGEINT" -> new ArrowType.Decimal(38, 0, 128);
            case "BOOLEAN", "BOOL" -> ArrowType.Bool.INSTANCE;
            case "DOUBLE", "FLOAT8" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case "FLOAT", "FLOAT4", "REAL" -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case "DATE" -> new ArrowType.Date(DateUnit.DAY);
            case "TIME" -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
            case "TIMESTAMP" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, JdbcArrowTypes.UTC);
            case "BLOB", "BYTEA", "VARBINARY" -> ArrowType.Binary.INSTANCE;
            case "INTERVAL" -> new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO);
            default -> ArrowType.Utf8.INSTANCE;
        };
    }

    private static Field rename(Field field, String name, boolean nullable) {
        return new Field(name, new FieldType(nullable, field.getType(), field.getDictionary()), field.getChildren());
    }

    private String memberName() {
        if (peek() != '"') {
            int start = position;
            while (position < text.length() && !Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            return text.substring(start, position);
        }
        position++;
        StringBuilder name = new StringBuilder();
        while (position < text.length()) {
            char character = text.charAt(position++);
            if (character == '"' && peek() == '"') {
                name.append('"');
                position++;
            } else if (character == '"') {
                return name.toString();
            } else {
                name.append(character);
            }
        }
        throw new IllegalArgumentException("unterminated member name in DuckDB type '" + text + "'");
    }

    /** Upper-cased words up to the next bracket, parenthesis or comma, e.g. {@code TIMESTAMP WITH TIME ZONE}. */
    private String words() {
        int start = position;
        while (position < text.length() && "[](),".indexOf(text.charAt(position)) < 0) {
            position++;
        }
        return text.substring(start, position).strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    private String until(char end) {
        int start = position;
        while (position < text.length() && text.charAt(position) != end) {
            position++;
        }
        return text.substring(start, position);
    }

    private boolean accept(char expected) {
        skipSpaces();
        if (peek() == expected) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char expected) {
        if (!accept(expected)) {
            throw new IllegalArgumentException("expected '" + expected + "' at position " + position + " of DuckDB type '" + text + "'");
        }
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }
}

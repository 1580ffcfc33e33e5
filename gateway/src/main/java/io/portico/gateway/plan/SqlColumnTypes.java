package io.portico.gateway.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.function.Function;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/**
 * The SQL side of a column: the jOOQ data type its values bind as, and how a cursor's text form of a value
 * turns back into that Java type. Covers the types that can be filtered or sorted; anything else binds as
 * {@link SQLDataType#OTHER} and is only ever projected.
 */
final class SqlColumnTypes {

    /** A column's SQL binding type and the parser of its cursor text. */
    record SqlColumnType(DataType<?> dataType, Function<String, Object> parser) {
    }

    private static final SqlColumnType OTHER = new SqlColumnType(SQLDataType.OTHER, text -> text);

    private SqlColumnTypes() {
    }

    static SqlColumnType of(Field field) {
        ArrowType type = field.getType();
        return switch (type) {
            case ArrowType.Int integer when integer.getBitWidth() == 64 || !integer.getIsSigned() && integer.getBitWidth() == 32 ->
                    new SqlColumnType(SQLDataType.BIGINT, Long::valueOf);
            case ArrowType.Int integer -> new SqlColumnType(SQLDataType.INTEGER, Integer::valueOf);
            case ArrowType.FloatingPoint floatingPoint -> new SqlColumnType(SQLDataType.DOUBLE, Double::valueOf);
            case ArrowType.Decimal decimal -> new SqlColumnType(
                    SQLDataType.DECIMAL(decimal.getPrecision(), decimal.getScale()), BigDecimal::new);
            case ArrowType.Utf8 utf8 -> new SqlColumnType(SQLDataType.VARCHAR, text -> text);
            case ArrowType.LargeUtf8 utf8 -> new SqlColumnType(SQLDataType.VARCHAR, text -> text);
            case ArrowType.Utf8View utf8 -> new SqlColumnType(SQLDataType.VARCHAR, text -> text);
            case ArrowType.Bool bool -> new SqlColumnType(SQLDataType.BOOLEAN, Boolean::valueOf);
            case ArrowType.Date date -> new SqlColumnType(SQLDataType.LOCALDATE, LocalDate::parse);
            case ArrowType.Time time -> new SqlColumnType(SQLDataType.LOCALTIME, LocalTime::parse);
            case ArrowType.Timestamp timestamp when timestamp.getTimezone() == null ->
                    new SqlColumnType(SQLDataType.LOCALDATETIME, LocalDateTime::parse);
            case ArrowType.Timestamp timestamp ->
                    new SqlColumnType(SQLDataType.OFFSETDATETIME, OffsetDateTime::parse);
            default -> OTHER;
        };
    }
}

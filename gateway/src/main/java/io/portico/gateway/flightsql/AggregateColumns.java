package io.portico.gateway.flightsql;

import io.portico.gateway.plan.AggregateFunction;
import io.portico.gateway.plan.AggregateRequest;
import io.portico.gateway.read.DatasetAggregate;
import io.portico.gateway.sql.SqlRead;
import io.portico.schema.compose.AggregateRules;
import io.portico.schema.compose.DatasetBinding;
import io.portico.schema.compose.FieldBinding;
import io.portico.schema.error.ErrorCode;
import io.portico.schema.error.PorticoException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The columns of a SQL aggregate's answer: their Arrow types, known before the port is called (a client asks for
 * the schema first), and the groups of a {@link DatasetAggregate} written into them. Types follow the GraphQL
 * aggregate types, so both front doors answer alike:
 *
 * <ul>
 *   <li>a group key, {@code min} and {@code max}: the field's type, normalized per GraphQL scalar (Int -> int32,
 *       Long -> int64, Float -> float64, BigDecimal -> decimal(38, the field's scale), String -> utf8, Boolean ->
 *       bool, Date -> date32, LocalTime -> time64(us), LocalDateTime -> timestamp(us), DateTime -> timestamp(us,
 *       UTC));</li>
 *   <li>{@code count(*)} and {@code count(DISTINCT ...)}: int64, never null;</li>
 *   <li>{@code sum}: int64 over integers, decimal(38, the field's scale) over decimals, float64 over floats;</li>
 *   <li>{@code avg}: over decimals decimal(38, the field's scale + 6) rounded half-even from the exact mean, else
 *       float64.</li>
 * </ul>
 */
final class AggregateColumns {

    /** The extra digits of a decimal mean beyond its field's scale. */
    static final int MEAN_EXTRA_SCALE = 6;
    private static final int MAX_PRECISION = 38;

    private AggregateColumns() {
    }

    /** The schema of the answer of {@code read}, its columns in select-list order, named by their labels. */
    static Schema schema(SqlRead.Aggregate read) {
        DatasetBinding binding = read.table().binding();
        List<Field> fields = new ArrayList<>();
        for (SqlRead.Output output : read.outputs()) {
            ArrowType type = switch (output) {
                case SqlRead.GroupKeyOutput key -> valueType(field(binding, read.request().groupBy()
                        .get(key.groupKey()).field()));
                case SqlRead.CountOutput count -> new ArrowType.Int(64, true);
                case SqlRead.MeasureOutput measure -> measureType(binding, measure.measure());
            };
            boolean nullable = !(output instanceof SqlRead.CountOutput)
                    && !(output instanceof SqlRead.MeasureOutput measure
                            && measure.measure().function() == AggregateFunction.COUNT_DISTINCT);
            fields.add(new Field(output.label(), new FieldType(nullable, type, null), null));
        }
        return new Schema(fields);
    }

    /** Writes the groups of {@code aggregate} into {@code root} (made from {@link #schema}). */
    static void write(SqlRead.Aggregate read, DatasetAggregate aggregate, VectorSchemaRoot root) {
        int groups = aggregate.groups();
        root.allocateNew();
        for (int column = 0; column < read.outputs().size(); column++) {
            SqlRead.Output output = read.outputs().get(column);
            FieldVector vector = root.getVector(column);
            for (int group = 0; group < groups; group++) {
                Object value = switch (output) {
                    case SqlRead.GroupKeyOutput key -> aggregate.key(group,
                            read.request().groupBy().get(key.groupKey()).field());
                    case SqlRead.CountOutput count -> aggregate.count(group);
                    case SqlRead.MeasureOutput measure -> aggregate.value(group, measure.measure());
                };
                set(vector, group, value);
            }
            vector.setValueCount(groups);
        }
        root.setRowCount(groups);
    }

    private static ArrowType measureType(DatasetBinding binding, AggregateRequest.Measure measure) {
        FieldBinding field = field(binding, measure.field());
        return switch (measure.function()) {
            case COUNT_DISTINCT -> new ArrowType.Int(64, true);
            case MIN, MAX -> valueType(field);
            case SUM -> switch (AggregateRules.sumScalar(field)) {
                case "BigDecimal" -> new ArrowType.Decimal(MAX_PRECISION, scale(field), 128);
                case "Float" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
                default -> new ArrowType.Int(64, true);
            };
            case AVG -> "BigDecimal".equals(AggregateRules.avgScalar(field))
                    ? new ArrowType.Decimal(MAX_PRECISION, Math.min(MAX_PRECISION, scale(field) + MEAN_EXTRA_SCALE),
                            128)
                    : new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        };
    }

    /** The type a field's values are answered in, by its GraphQL scalar. */
    private static ArrowType valueType(FieldBinding field) {
        String scalar = AggregateRules.scalar(field);
        return switch (scalar == null ? "" : scalar) {
            case "Int" -> new ArrowType.Int(32, true);
            case "Long" -> new ArrowType.Int(64, true);
            case "Float" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case "BigDecimal" -> new ArrowType.Decimal(MAX_PRECISION, scale(field), 128);
            case "String" -> ArrowType.Utf8.INSTANCE;
            case "Boolean" -> ArrowType.Bool.INSTANCE;
            case "Date" -> new ArrowType.Date(DateUnit.DAY);
            case "LocalTime" -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
            case "LocalDateTime" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case "DateTime" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
            default -> throw new PorticoException(ErrorCode.PUSHDOWN_UNSUPPORTED, "field '" + field.column() + "' ("
                    + field.arrowField().getType() + ") cannot be a group key or a min/max over SQL");
        };
    }

    private static int scale(FieldBinding field) {
        return field.arrowField().getType() instanceof ArrowType.Decimal decimal ? decimal.getScale() : 0;
    }

    private static FieldBinding field(DatasetBinding binding, String graphQLName) {
        return binding.field(graphQLName).orElseThrow(() -> new PorticoException(ErrorCode.BAD_USER_INPUT,
                binding.domain() + "." + binding.dataset() + " has no field '" + graphQLName + "'"));
    }

    private static void set(FieldVector vector, int row, Object value) {
        if (value == null) {
            vector.setNull(row);
            return;
        }
        switch (vector) {
            case BigIntVector longs -> longs.setSafe(row, ((Number) value).longValue());
            case IntVector ints -> ints.setSafe(row, ((Number) value).intValue());
            case Float8Vector doubles -> doubles.setSafe(row, ((Number) value).doubleValue());
            case DecimalVector decimals -> decimals.setSafe(row, decimal(value)
                    .setScale(decimals.getScale(), RoundingMode.HALF_EVEN));
            case VarCharVector strings -> strings.setSafe(row, value.toString().getBytes(StandardCharsets.UTF_8));
            case BitVector bits -> bits.setSafe(row, Boolean.TRUE.equals(value) ? 1 : 0);
            case DateDayVector days -> days.setSafe(row, (int) ((LocalDate) value).toEpochDay());
            case TimeMicroVector times -> times.setSafe(row, ((LocalTime) value).toNanoOfDay() / 1_000);
            case TimeStampMicroTZVector zoned -> zoned.setSafe(row, micros(((OffsetDateTime) value)
                    .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()));
            case TimeStampMicroVector local -> local.setSafe(row, micros((LocalDateTime) value));
            default -> throw new IllegalStateException("no writer for " + vector.getField());
        }
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
    }

    private static long micros(LocalDateTime time) {
        return ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), time);
    }
}

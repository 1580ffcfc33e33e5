package io.portico.schema.compat;

import static io.portico.schema.compat.ChangeKind.ARROW_TYPE_NARROWED;
import static io.portico.schema.compat.ChangeKind.ARROW_TYPE_WIDENED;
import static io.portico.schema.compat.ChangeKind.ARROW_VALUE_FORMAT_CHANGED;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.schema.types.ArrowTypeMapping;
import java.util.stream.Stream;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Arrow type pairs that keep their GraphQL type: which ones narrow, which ones only widen or re-encode. */
class ArrowTypeComparisonTest {

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of(new ArrowType.Int(64, true), new ArrowType.Int(32, false), ARROW_TYPE_NARROWED),
                Arguments.of(new ArrowType.Int(32, false), new ArrowType.Int(64, true), ARROW_TYPE_WIDENED),
                Arguments.of(new ArrowType.Int(16, true), new ArrowType.Int(32, true), ARROW_TYPE_WIDENED),
                Arguments.of(new ArrowType.Int(16, true), new ArrowType.Int(16, false), ARROW_TYPE_NARROWED),
                Arguments.of(new ArrowType.Int(8, false), new ArrowType.Int(16, true), ARROW_TYPE_WIDENED),
                Arguments.of(new ArrowType.Decimal(12, 2, 128), new ArrowType.Decimal(12, 1, 128), ARROW_TYPE_NARROWED),
                Arguments.of(new ArrowType.Decimal(12, 2, 128), new ArrowType.Decimal(14, 4, 128), ARROW_TYPE_WIDENED),
                Arguments.of(new ArrowType.Decimal(12, 2, 128), new ArrowType.Decimal(12, 2, 256), ARROW_TYPE_WIDENED),
                Arguments.of(new ArrowType.Decimal(12, 2, 128), new ArrowType.Decimal(12, 4, 128), ARROW_TYPE_NARROWED),
                Arguments.of(new ArrowType.Int(64, false), new ArrowType.Decimal(20, 0, 128), ARROW_TYPE_WIDENED),
                Arguments.of(new ArrowType.Int(64, false), new ArrowType.Decimal(19, 0, 128), ARROW_TYPE_NARROWED),
                Arguments.of(new ArrowType.Decimal(20, 0, 128), new ArrowType.Int(64, false), ARROW_TYPE_NARROWED),
                Arguments.of(floating(FloatingPointPrecision.DOUBLE), floating(FloatingPointPrecision.SINGLE),
                        ARROW_TYPE_NARROWED),
                Arguments.of(floating(FloatingPointPrecision.SINGLE), floating(FloatingPointPrecision.DOUBLE),
                        ARROW_TYPE_WIDENED),
                Arguments.of(ArrowType.Utf8.INSTANCE, ArrowType.LargeUtf8.INSTANCE, ARROW_TYPE_WIDENED),
                Arguments.of(ArrowType.LargeUtf8.INSTANCE, ArrowType.Utf8View.INSTANCE, ARROW_TYPE_WIDENED),
                Arguments.of(new ArrowType.Date(DateUnit.DAY), new ArrowType.Date(DateUnit.MILLISECOND),
                        ARROW_TYPE_WIDENED),
                Arguments.of(new ArrowType.Date(DateUnit.MILLISECOND), new ArrowType.Date(DateUnit.DAY),
                        ARROW_TYPE_NARROWED),
                Arguments.of(new ArrowType.Time(TimeUnit.MILLISECOND, 32), new ArrowType.Time(TimeUnit.MICROSECOND, 64),
                        ARROW_TYPE_WIDENED),
                Arguments.of(new ArrowType.Time(TimeUnit.NANOSECOND, 64), new ArrowType.Time(TimeUnit.MICROSECOND, 64),
                        ARROW_TYPE_NARROWED),
                Arguments.of(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null),
                        new ArrowType.Timestamp(TimeUnit.NANOSECOND, null), ARROW_TYPE_NARROWED),
                Arguments.of(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"),
                        new ArrowType.Timestamp(TimeUnit.MICROSECOND, "+01:00"), ARROW_VALUE_FORMAT_CHANGED),
                Arguments.of(new ArrowType.Duration(TimeUnit.SECOND), new ArrowType.Duration(TimeUnit.MILLISECOND),
                        ARROW_TYPE_NARROWED),
                Arguments.of(new ArrowType.Duration(TimeUnit.MILLISECOND), new ArrowType.Interval(IntervalUnit.DAY_TIME),
                        ARROW_TYPE_WIDENED),
                Arguments.of(new ArrowType.Interval(IntervalUnit.DAY_TIME), new ArrowType.Interval(IntervalUnit.YEAR_MONTH),
                        ARROW_VALUE_FORMAT_CHANGED),
                Arguments.of(ArrowType.Binary.INSTANCE, ArrowType.LargeBinary.INSTANCE, ARROW_TYPE_WIDENED),
                Arguments.of(ArrowType.Binary.INSTANCE, new ArrowType.FixedSizeBinary(16), ARROW_TYPE_NARROWED),
                Arguments.of(new ArrowType.FixedSizeBinary(16), ArrowType.BinaryView.INSTANCE, ARROW_TYPE_WIDENED),
                Arguments.of(new ArrowType.FixedSizeBinary(16), new ArrowType.FixedSizeBinary(32), ARROW_TYPE_NARROWED));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("pairs")
    void classifiesArrowChangesUnderTheSameGraphQLType(ArrowType live, ArrowType candidate, ChangeKind expected) {
        assertThat(ArrowTypeMapping.forField(field(live)).graphQLType())
                .as("the pair keeps its GraphQL type")
                .isEqualTo(ArrowTypeMapping.forField(field(candidate)).graphQLType());

        assertThat(ArrowTypeComparison.compare(live, candidate))
                .extracting(ArrowTypeComparison.ArrowDifference::kind)
                .containsExactly(expected);
    }

    private static ArrowType floating(FloatingPointPrecision precision) {
        return new ArrowType.FloatingPoint(precision);
    }

    private static Field field(ArrowType type) {
        return new Field("value", FieldType.nullable(type), null);
    }
}

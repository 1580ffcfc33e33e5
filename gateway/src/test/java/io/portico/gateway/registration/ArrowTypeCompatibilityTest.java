package io.portico.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The table of Arrow types each logical and physical type accepts. */
class ArrowTypeCompatibilityTest {

    private static final ArrowType INT64 = new ArrowType.Int(64, true);
    private static final ArrowType UINT8 = new ArrowType.Int(8, false);
    private static final ArrowType DECIMAL_12_2 = new ArrowType.Decimal(12, 2, 128);
    private static final ArrowType DECIMAL_38_0 = new ArrowType.Decimal(38, 0, 128);
    private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    private static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
    private static final ArrowType BOOL = ArrowType.Bool.INSTANCE;
    private static final ArrowType DATE32 = new ArrowType.Date(DateUnit.DAY);
    private static final ArrowType TIMESTAMP = new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
    private static final ArrowType TIMESTAMP_UTC = new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
    private static final ArrowType TIME64 = new ArrowType.Time(TimeUnit.MICROSECOND, 64);
    private static final ArrowType LIST = ArrowType.List.INSTANCE;
    private static final ArrowType STRUCT = ArrowType.Struct.INSTANCE;
    private static final ArrowType MAP = new ArrowType.Map(false);

    static Stream<Arguments> logicalTypes() {
        return Stream.of(
                Arguments.of("integer", INT64, true), Arguments.of("integer", UINT8, true),
                Arguments.of("integer", DECIMAL_38_0, true), Arguments.of("integer", DECIMAL_12_2, false),
                Arguments.of("integer", UTF8, false), Arguments.of("integer", FLOAT64, false),
                Arguments.of("number", DECIMAL_12_2, true), Arguments.of("number", FLOAT64, true),
                Arguments.of("number", INT64, true), Arguments.of("number", UTF8, false),
                Arguments.of("string", UTF8, true), Arguments.of("string", new ArrowType.LargeUtf8(), true),
                Arguments.of("string", INT64, false),
                Arguments.of("boolean", BOOL, true), Arguments.of("boolean", INT64, false),
                Arguments.of("date", DATE32, true), Arguments.of("date", TIMESTAMP, false),
                Arguments.of("timestamp", TIMESTAMP, true), Arguments.of("timestamp", TIMESTAMP_UTC, true),
                Arguments.of("timestamp", DATE32, false),
                Arguments.of("time", TIME64, true), Arguments.of("time", TIMESTAMP, false),
                Arguments.of("array", LIST, true), Arguments.of("array", STRUCT, false),
                Arguments.of("object", STRUCT, true), Arguments.of("object", MAP, true),
                Arguments.of("object", LIST, false),
                Arguments.of("Integer", INT64, true));
    }

    @ParameterizedTest(name = "{0} accepts {1}: {2}")
    @MethodSource("logicalTypes")
    void logicalTypes(String logicalType, ArrowType type, boolean fits) {
        assertThat(ArrowTypeCompatibility.fitsLogicalType(logicalType, type)).isEqualTo(fits);
    }

    static Stream<Arguments> physicalTypes() {
        return Stream.of(
                Arguments.of("BIGINT", INT64, null), Arguments.of("integer", INT64, null),
                Arguments.of("BIGINT", UTF8, "an integer"),
                Arguments.of("DECIMAL(12,2)", DECIMAL_12_2, null),
                Arguments.of("NUMERIC(12, 2)", DECIMAL_12_2, null),
                Arguments.of("DECIMAL(10,2)", DECIMAL_12_2, "decimal(10,2)"),
                Arguments.of("DECIMAL", DECIMAL_12_2, null), Arguments.of("DECIMAL", FLOAT64, "a decimal"),
                Arguments.of("DOUBLE", FLOAT64, null), Arguments.of("DOUBLE", DECIMAL_12_2, "a floating-point number"),
                Arguments.of("VARCHAR(3)", UTF8, null), Arguments.of("TEXT", INT64, "text (utf8)"),
                Arguments.of("BOOLEAN", BOOL, null),
                Arguments.of("DATE", DATE32, null), Arguments.of("TIME", TIME64, null),
                Arguments.of("TIMESTAMP", TIMESTAMP, null),
                Arguments.of("TIMESTAMP WITH TIME ZONE", TIMESTAMP_UTC, null),
                Arguments.of("TIMESTAMP WITH TIME ZONE", TIMESTAMP, "a timestamp with a time zone"),
                Arguments.of("timestamptz", TIMESTAMP, "a timestamp with a time zone"),
                Arguments.of("VARCHAR[]", LIST, null), Arguments.of("INTEGER[]", UTF8, "a list"),
                Arguments.of("STRUCT(a INT)", STRUCT, null),
                Arguments.of("table", UTF8, null), Arguments.of("GEOMETRY", UTF8, null));
    }

    @ParameterizedTest(name = "{0} with {1}: {2}")
    @MethodSource("physicalTypes")
    void physicalTypes(String physicalType, ArrowType type, String mismatch) {
        assertThat(ArrowTypeCompatibility.physicalTypeMismatch(physicalType, type).orElse(null)).isEqualTo(mismatch);
    }
}

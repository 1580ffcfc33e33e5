package io.portico.schema.types;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.GraphQLContext;
import graphql.schema.GraphQLScalarType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalDayVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.PeriodDuration;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ViewVarBinaryVector;
import org.apache.arrow.vector.ViewVarCharVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.UnionMode;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArrowTypeMappingTest {

    private static final GraphQLTypeRef INT = new GraphQLTypeRef.Scalar("Int");
    private static final GraphQLTypeRef LONG = new GraphQLTypeRef.Scalar("Long");
    private static final GraphQLTypeRef FLOAT = new GraphQLTypeRef.Scalar("Float");
    private static final GraphQLTypeRef BIG_DECIMAL = new GraphQLTypeRef.Scalar("BigDecimal");
    private static final GraphQLTypeRef STRING = new GraphQLTypeRef.Scalar("String");
    private static final GraphQLTypeRef BOOLEAN = new GraphQLTypeRef.Scalar("Boolean");
    private static final GraphQLTypeRef DATE = new GraphQLTypeRef.Scalar("Date");
    private static final GraphQLTypeRef LOCAL_TIME = new GraphQLTypeRef.Scalar("LocalTime");
    private static final GraphQLTypeRef LOCAL_DATE_TIME = new GraphQLTypeRef.Scalar("LocalDateTime");
    private static final GraphQLTypeRef DATE_TIME = new GraphQLTypeRef.Scalar("DateTime");
    private static final GraphQLTypeRef DURATION = new GraphQLTypeRef.Scalar("Duration");
    private static final GraphQLTypeRef BASE64 = new GraphQLTypeRef.Scalar("Base64");

    private static final String LONG_TEXT = "une chaîne de plus de douze octets ✓";

    /**
     * One row of the mapping table: a field, how to write a value into row 0 of its vector (row 1 stays null),
     * and what the mapping must answer.
     */
    record Row(String label, Field field, Consumer<FieldVector> writeRowZero, GraphQLTypeRef type, FilterKind filterKind,
            Object expected) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Row> table() {
        return Stream.of(
                row("int8", new ArrowType.Int(8, true), vector -> ((TinyIntVector) vector).setSafe(0, -7),
                        INT, FilterKind.NUMERIC, -7),
                row("int16", new ArrowType.Int(16, true), vector -> ((SmallIntVector) vector).setSafe(0, -300),
                        INT, FilterKind.NUMERIC, -300),
                row("int32", new ArrowType.Int(32, true), vector -> ((IntVector) vector).setSafe(0, Integer.MIN_VALUE),
                        INT, FilterKind.NUMERIC, Integer.MIN_VALUE),
                row("int64", new ArrowType.Int(64, true), vector -> ((BigIntVector) vector).setSafe(0, Long.MAX_VALUE),
                        LONG, FilterKind.NUMERIC, Long.MAX_VALUE),
                row("uint8", new ArrowType.Int(8, false), vector -> ((UInt1Vector) vector).setSafe(0, 255),
                        INT, FilterKind.NUMERIC, 255),
                row("uint16", new ArrowType.Int(16, false), vector -> ((UInt2Vector) vector).setSafe(0, 65_535),
                        INT, FilterKind.NUMERIC, 65_535),
                row("uint32", new ArrowType.Int(32, false), vector -> ((UInt4Vector) vector).setSafe(0, -1),
                        LONG, FilterKind.NUMERIC, 4_294_967_295L),
                row("uint64", new ArrowType.Int(64, false), vector -> ((UInt8Vector) vector).setSafe(0, -1L),
                        BIG_DECIMAL, FilterKind.NUMERIC, new BigDecimal("18446744073709551615")),
                row("float16", new ArrowType.FloatingPoint(FloatingPointPrecision.HALF),
                        vector -> ((Float2Vector) vector).setSafeWithPossibleTruncate(0, 1.5f),
                        FLOAT, FilterKind.NUMERIC, 1.5f),
                row("float32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
                        vector -> ((Float4Vector) vector).setSafe(0, 0.1f), FLOAT, FilterKind.NUMERIC, 0.1f),
                row("float64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
                        vector -> ((Float8Vector) vector).setSafe(0, -2.5), FLOAT, FilterKind.NUMERIC, -2.5),
                row("decimal128", new ArrowType.Decimal(12, 2, 128),
                        vector -> ((DecimalVector) vector).setSafe(0, new BigDecimal("-12345.60")),
                        BIG_DECIMAL, FilterKind.NUMERIC, new BigDecimal("-12345.60")),
                row("decimal128 beyond 64 bits", new ArrowType.Decimal(38, 4, 128),
                        vector -> ((DecimalVector) vector).setSafe(0,
                                new BigDecimal("-1234567890123456789012345678901234.5678")),
                        BIG_DECIMAL, FilterKind.NUMERIC, new BigDecimal("-1234567890123456789012345678901234.5678")),
                row("decimal256", new ArrowType.Decimal(50, 5, 256),
                        vector -> ((Decimal256Vector) vector).setSafe(0,
                                new BigDecimal("123456789012345678901234567890123456789012.34567")),
                        BIG_DECIMAL, FilterKind.NUMERIC,
                        new BigDecimal("123456789012345678901234567890123456789012.34567")),
                row("utf8", ArrowType.Utf8.INSTANCE,
                        vector -> ((VarCharVector) vector).setSafe(0, LONG_TEXT.getBytes(UTF_8)),
                        STRING, FilterKind.STRING, LONG_TEXT),
                row("large utf8", ArrowType.LargeUtf8.INSTANCE,
                        vector -> ((LargeVarCharVector) vector).setSafe(0, LONG_TEXT.getBytes(UTF_8)),
                        STRING, FilterKind.STRING, LONG_TEXT),
                row("utf8 view", ArrowType.Utf8View.INSTANCE,
                        vector -> ((ViewVarCharVector) vector).setSafe(0, LONG_TEXT.getBytes(UTF_8)),
                        STRING, FilterKind.STRING, LONG_TEXT),
                row("bool", ArrowType.Bool.INSTANCE, vector -> ((BitVector) vector).setSafe(0, 1),
                        BOOLEAN, FilterKind.BOOLEAN, true),
                row("date32", new ArrowType.Date(DateUnit.DAY),
                        vector -> ((DateDayVector) vector).setSafe(0, (int) LocalDate.of(2024, 3, 31).toEpochDay()),
                        DATE, FilterKind.TEMPORAL, LocalDate.of(2024, 3, 31)),
                row("date64 before the epoch", new ArrowType.Date(DateUnit.MILLISECOND),
                        vector -> ((DateMilliVector) vector).setSafe(0, -86_400_000L),
                        DATE, FilterKind.TEMPORAL, LocalDate.of(1969, 12, 31)),
                row("time32 seconds", new ArrowType.Time(TimeUnit.SECOND, 32),
                        vector -> ((TimeSecVector) vector).setSafe(0, 13 * 3600 + 5),
                        LOCAL_TIME, FilterKind.TEMPORAL, LocalTime.of(13, 0, 5)),
                row("time32 milliseconds", new ArrowType.Time(TimeUnit.MILLISECOND, 32),
                        vector -> ((TimeMilliVector) vector).setSafe(0, 1_500),
                        LOCAL_TIME, FilterKind.TEMPORAL, LocalTime.of(0, 0, 1, 500_000_000)),
                row("time64 microseconds", new ArrowType.Time(TimeUnit.MICROSECOND, 64),
                        vector -> ((TimeMicroVector) vector).setSafe(0, 86_399_999_999L),
                        LOCAL_TIME, FilterKind.TEMPORAL, LocalTime.of(23, 59, 59, 999_999_000)),
                row("time64 nanoseconds", new ArrowType.Time(TimeUnit.NANOSECOND, 64),
                        vector -> ((TimeNanoVector) vector).setSafe(0, 1L),
                        LOCAL_TIME, FilterKind.TEMPORAL, LocalTime.of(0, 0, 0, 1)),
                row("timestamp seconds", new ArrowType.Timestamp(TimeUnit.SECOND, null),
                        timestamp(1_711_886_400L), LOCAL_DATE_TIME, FilterKind.TEMPORAL,
                        LocalDateTime.of(2024, 3, 31, 12, 0)),
                row("timestamp milliseconds before the epoch", new ArrowType.Timestamp(TimeUnit.MILLISECOND, null),
                        timestamp(-1L), LOCAL_DATE_TIME, FilterKind.TEMPORAL,
                        LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000)),
                row("timestamp microseconds", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null),
                        timestamp(1_711_886_400_000_001L), LOCAL_DATE_TIME, FilterKind.TEMPORAL,
                        LocalDateTime.of(2024, 3, 31, 12, 0, 0, 1_000)),
                row("timestamp nanoseconds", new ArrowType.Timestamp(TimeUnit.NANOSECOND, ""),
                        timestamp(1_711_886_400_000_000_001L), LOCAL_DATE_TIME, FilterKind.TEMPORAL,
                        LocalDateTime.of(2024, 3, 31, 12, 0, 0, 1)),
                row("timestamp seconds UTC", new ArrowType.Timestamp(TimeUnit.SECOND, "UTC"),
                        timestamp(1_711_886_400L), DATE_TIME, FilterKind.TEMPORAL,
                        OffsetDateTime.of(2024, 3, 31, 12, 0, 0, 0, ZoneOffset.UTC)),
                row("timestamp milliseconds +02:00", new ArrowType.Timestamp(TimeUnit.MILLISECOND, "+02:00"),
                        timestamp(1_711_886_400_250L), DATE_TIME, FilterKind.TEMPORAL,
                        OffsetDateTime.of(2024, 3, 31, 14, 0, 0, 250_000_000, ZoneOffset.ofHours(2))),
                row("timestamp microseconds America/New_York (daylight saving)",
                        new ArrowType.Timestamp(TimeUnit.MICROSECOND, "America/New_York"),
                        timestamp(1_711_886_400_000_000L), DATE_TIME, FilterKind.TEMPORAL,
                        OffsetDateTime.of(2024, 3, 31, 8, 0, 0, 0, ZoneOffset.ofHours(-4))),
                row("timestamp nanoseconds Europe/Paris (winter)",
                        new ArrowType.Timestamp(TimeUnit.NANOSECOND, "Europe/Paris"),
                        timestamp(1_704_067_200_000_000_005L), DATE_TIME, FilterKind.TEMPORAL,
                        OffsetDateTime.of(2024, 1, 1, 1, 0, 0, 5, ZoneOffset.ofHours(1))),
                row("duration", new ArrowType.Duration(TimeUnit.MILLISECOND),
                        vector -> ((DurationVector) vector).setSafe(0, 90_061_001L),
                        DURATION, FilterKind.NONE, Duration.ofMillis(90_061_001L)),
                row("interval year-month", new ArrowType.Interval(IntervalUnit.YEAR_MONTH),
                        vector -> ((IntervalYearVector) vector).setSafe(0, 14),
                        DURATION, FilterKind.NONE, Period.ofMonths(14)),
                row("interval day-time", new ArrowType.Interval(IntervalUnit.DAY_TIME),
                        vector -> ((IntervalDayVector) vector).setSafe(0, 2, 3_000),
                        DURATION, FilterKind.NONE, Duration.ofDays(2).plusSeconds(3)),
                row("interval month-day-nano", new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO),
                        vector -> ((IntervalMonthDayNanoVector) vector).setSafe(0, 1, 2, 3_000_000_000L),
                        DURATION, FilterKind.NONE,
                        new PeriodDuration(Period.of(0, 1, 2), Duration.ofSeconds(3))),
                row("binary", ArrowType.Binary.INSTANCE,
                        vector -> ((VarBinaryVector) vector).setSafe(0, new byte[] {1, 2, 3}),
                        BASE64, FilterKind.NONE, new byte[] {1, 2, 3}),
                row("large binary", ArrowType.LargeBinary.INSTANCE,
                        vector -> ((LargeVarBinaryVector) vector).setSafe(0, new byte[] {0, -1}),
                        BASE64, FilterKind.NONE, new byte[] {0, -1}),
                row("binary view", ArrowType.BinaryView.INSTANCE,
                        vector -> ((ViewVarBinaryVector) vector).setSafe(0, LONG_TEXT.getBytes(UTF_8)),
                        BASE64, FilterKind.NONE, LONG_TEXT.getBytes(UTF_8)),
                row("fixed-size binary", new ArrowType.FixedSizeBinary(3),
                        vector -> ((FixedSizeBinaryVector) vector).setSafe(0, new byte[] {7, 8, 9}),
                        BASE64, FilterKind.NONE, new byte[] {7, 8, 9}),
                new Row("list of nullable int32", listField(new ArrowType.List()), ArrowTypeMappingTest::writeList,
                        new GraphQLTypeRef.ListOf(INT, true), FilterKind.NONE, Arrays.asList(1, null, 3)),
                new Row("large list of nullable int32", listField(new ArrowType.LargeList()),
                        ArrowTypeMappingTest::writeLargeList,
                        new GraphQLTypeRef.ListOf(INT, true), FilterKind.NONE, Arrays.asList(1, null, 3)),
                new Row("fixed-size list of nullable int32", listField(new ArrowType.FixedSizeList(3)),
                        ArrowTypeMappingTest::writeFixedSizeList,
                        new GraphQLTypeRef.ListOf(INT, true), FilterKind.NONE, Arrays.asList(1, null, 3)),
                new Row("map of utf8 to int64", mapField(), ArrowTypeMappingTest::writeMap,
                        new GraphQLTypeRef.ListOf(new GraphQLTypeRef.Struct(List.of(
                                new GraphQLTypeRef.StructField("key", "key", STRING, false),
                                new GraphQLTypeRef.StructField("value", "value", LONG, true))), false),
                        FilterKind.NONE, List.of(entry("a", 1L), entry("b", null))),
                new Row("struct with nested struct", structField(), ArrowTypeMappingTest::writeStruct,
                        new GraphQLTypeRef.Struct(List.of(
                                new GraphQLTypeRef.StructField("streetName", "street_name", STRING, true),
                                new GraphQLTypeRef.StructField("geo", "geo", new GraphQLTypeRef.Struct(List.of(
                                        new GraphQLTypeRef.StructField("lat", "LAT", FLOAT, false))), true))),
                        FilterKind.NONE, structValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void mapsTypeFilterAndReadsValueAndNull(Row row) {
        TypeMapping mapping = ArrowTypeMapping.forField(row.field());

        assertThat(mapping.graphQLType()).isEqualTo(row.type());
        assertThat(mapping.filterKind()).isEqualTo(row.filterKind());
        try (BufferAllocator allocator = new RootAllocator();
                FieldVector vector = row.field().createVector(allocator)) {
            vector.allocateNew();
            row.writeRowZero().accept(vector);
            vector.setValueCount(2);

            Object value = mapping.reader().read(vector, 0);

            assertThat(value).isEqualTo(row.expected());
            if (!(row.expected() instanceof byte[] || row.expected() instanceof List || row.expected() instanceof Map)) {
                assertThat(value).hasSameClassAs(row.expected());
            }
            assertThat(mapping.reader().read(vector, 1)).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void scalarValuesSerializeWithTheirScalar(Row row) {
        if (!(row.type() instanceof GraphQLTypeRef.Scalar scalar)) {
            return;
        }
        GraphQLScalarType type = PorticoScalars.forName(scalar.name()).orElseThrow();

        Object serialized = type.getCoercing().serialize(row.expected(), GraphQLContext.getDefault(), Locale.ROOT);

        assertThat(serialized).isNotNull();
    }

    @Test
    void structNullabilityAndGraphQLNamesComeFromTheArrowChildren() {
        TypeMapping mapping = ArrowTypeMapping.forField(structField());

        GraphQLTypeRef.Struct struct = (GraphQLTypeRef.Struct) mapping.graphQLType();
        assertThat(struct.fields()).extracting(GraphQLTypeRef.StructField::name).containsExactly("streetName", "geo");
        assertThat(struct.fields()).extracting(GraphQLTypeRef.StructField::arrowName)
                .containsExactly("street_name", "geo");
    }

    @Test
    void nullTypeIsRefusedNamingFieldAndType() {
        Field field = Field.nullable("nothing", ArrowType.Null.INSTANCE);

        assertThatThrownBy(() -> ArrowTypeMapping.forField(field))
                .isInstanceOf(UnsupportedArrowTypeException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'nothing'")
                .hasMessageContaining("Null");
    }

    @Test
    void unionIsRefused() {
        Field field = new Field("choice", FieldType.nullable(new ArrowType.Union(UnionMode.Sparse, new int[] {2})),
                List.of(Field.nullable("number", new ArrowType.Int(32, true))));

        assertThatThrownBy(() -> ArrowTypeMapping.forField(field))
                .isInstanceOf(UnsupportedArrowTypeException.class)
                .hasMessageContaining("column 'choice'")
                .hasMessageContaining("Union");
    }

    @Test
    void unsupportedElementTypeIsReportedAtItsPath() {
        Field field = new Field("tags", FieldType.nullable(new ArrowType.List()),
                List.of(Field.nullable("item", ArrowType.Null.INSTANCE)));

        assertThatThrownBy(() -> ArrowTypeMapping.forField(field))
                .isInstanceOf(UnsupportedArrowTypeException.class)
                .hasMessageContaining("column 'tags[]'");
    }

    @Test
    void dictionaryEncodedFieldIsRefused() {
        Field field = new Field("status", new FieldType(true, ArrowType.Utf8.INSTANCE,
                new DictionaryEncoding(1L, false, new ArrowType.Int(32, true))), List.of());

        assertThatThrownBy(() -> ArrowTypeMapping.forField(field))
                .isInstanceOf(UnsupportedArrowTypeException.class)
                .hasMessageContaining("column 'status'")
                .hasMessageContaining("dictionary-encoded");
    }

    @Test
    void unknownTimeZoneIsRefused() {
        Field field = Field.nullable("at", new ArrowType.Timestamp(TimeUnit.MILLISECOND, "Mars/Olympus_Mons"));

        assertThatThrownBy(() -> ArrowTypeMapping.forField(field))
                .isInstanceOf(UnsupportedArrowTypeException.class)
                .hasMessageContaining("column 'at'")
                .hasMessageContaining("Mars/Olympus_Mons");
    }

    @Test
    void structChildrenThatClashAsGraphQLNamesAreRefused() {
        Field field = new Field("address", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(
                Field.nullable("zip_code", ArrowType.Utf8.INSTANCE),
                Field.nullable("zipCode", ArrowType.Utf8.INSTANCE)));

        assertThatThrownBy(() -> ArrowTypeMapping.forField(field))
                .isInstanceOf(UnsupportedArrowTypeException.class)
                .hasMessageContaining("'zip_code' and 'zipCode'")
                .hasMessageContaining("'zipCode'");
    }

    @Test
    void filterKindsListTheirOperatorsAndSortability() {
        assertThat(FilterKind.STRING.operators()).containsExactly("eq", "neq", "gt", "gte", "lt", "lte", "in", "notIn",
                "isNull", "contains", "startsWith");
        assertThat(FilterKind.NUMERIC.operators()).containsExactly("eq", "neq", "gt", "gte", "lt", "lte", "in",
                "notIn", "isNull");
        assertThat(FilterKind.TEMPORAL.operators()).isEqualTo(FilterKind.NUMERIC.operators());
        assertThat(FilterKind.BOOLEAN.operators()).containsExactly("eq", "neq", "isNull");
        assertThat(FilterKind.NONE.operators()).isEmpty();
        assertThat(FilterKind.BOOLEAN.supports("gt")).isFalse();
        assertThat(Stream.of(FilterKind.values()).filter(FilterKind::sortable))
                .containsExactly(FilterKind.STRING, FilterKind.NUMERIC, FilterKind.TEMPORAL, FilterKind.BOOLEAN);
    }

    private static Row row(String label, ArrowType type, Consumer<FieldVector> write, GraphQLTypeRef graphQLType,
            FilterKind filterKind, Object expected) {
        return new Row(label, Field.nullable("column", type), write, graphQLType, filterKind, expected);
    }

    private static Consumer<FieldVector> timestamp(long value) {
        return vector -> ((TimeStampVector) vector).setSafe(0, value);
    }

    private static Field listField(ArrowType listType) {
        return new Field("numbers", FieldType.nullable(listType),
                List.of(Field.nullable("element", new ArrowType.Int(32, true))));
    }

    private static void writeList(FieldVector vector) {
        ListVector list = (ListVector) vector;
        IntVector elements = (IntVector) list.getDataVector();
        int start = list.startNewValue(0);
        writeOneNullThree(elements, start);
        list.endValue(0, 3);
    }

    private static void writeLargeList(FieldVector vector) {
        LargeListVector list = (LargeListVector) vector;
        IntVector elements = (IntVector) list.getDataVector();
        int start = (int) list.startNewValue(0);
        writeOneNullThree(elements, start);
        list.endValue(0, 3);
    }

    private static void writeFixedSizeList(FieldVector vector) {
        FixedSizeListVector list = (FixedSizeListVector) vector;
        IntVector elements = (IntVector) list.getDataVector();
        int start = list.startNewValue(0);
        writeOneNullThree(elements, start);
        elements.setValueCount(6);
    }

    private static void writeOneNullThree(IntVector elements, int start) {
        elements.setSafe(start, 1);
        elements.setNull(start + 1);
        elements.setSafe(start + 2, 3);
        elements.setValueCount(start + 3);
    }

    private static Field mapField() {
        Field entries = new Field(MapVector.DATA_VECTOR_NAME, FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(
                Field.notNullable(MapVector.KEY_NAME, ArrowType.Utf8.INSTANCE),
                Field.nullable(MapVector.VALUE_NAME, new ArrowType.Int(64, true))));
        return new Field("attributes", FieldType.nullable(new ArrowType.Map(false)), List.of(entries));
    }

    private static void writeMap(FieldVector vector) {
        MapVector map = (MapVector) vector;
        StructVector entries = (StructVector) map.getDataVector();
        VarCharVector keys = (VarCharVector) entries.getChild(MapVector.KEY_NAME);
        BigIntVector values = (BigIntVector) entries.getChild(MapVector.VALUE_NAME);
        int start = map.startNewValue(0);
        entries.setIndexDefined(start);
        keys.setSafe(start, "a".getBytes(UTF_8));
        values.setSafe(start, 1L);
        entries.setIndexDefined(start + 1);
        keys.setSafe(start + 1, "b".getBytes(UTF_8));
        values.setNull(start + 1);
        entries.setValueCount(start + 2);
        map.endValue(0, 2);
    }

    private static Map<String, Object> entry(String key, Object value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("key", key);
        entry.put("value", value);
        return entry;
    }

    private static Field structField() {
        Field geo = new Field("geo", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(
                Field.notNullable("LAT", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))));
        return new Field("address", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(
                Field.nullable("street_name", ArrowType.Utf8.INSTANCE), geo));
    }

    private static void writeStruct(FieldVector vector) {
        StructVector address = (StructVector) vector;
        StructVector geo = (StructVector) address.getChild("geo");
        address.setIndexDefined(0);
        ((VarCharVector) address.getChild("street_name")).setSafe(0, "Rue de Rivoli".getBytes(UTF_8));
        geo.setIndexDefined(0);
        ((Float8Vector) geo.getChild("LAT")).setSafe(0, 48.86);
    }

    private static Map<String, Object> structValue() {
        Map<String, Object> geo = new LinkedHashMap<>();
        geo.put("lat", 48.86);
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("streetName", "Rue de Rivoli");
        address.put("geo", geo);
        return address;
    }
}

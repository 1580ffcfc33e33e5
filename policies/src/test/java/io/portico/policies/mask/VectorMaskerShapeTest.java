package io.portico.policies.mask;

import static io.portico.policies.mask.TestingColumns.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.DenseUnionVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.RunEndEncodedVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.complex.UnionVector;
import org.apache.arrow.vector.complex.impl.UnionLargeListWriter;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.complex.impl.UnionMapWriter;
import org.apache.arrow.vector.extension.OpaqueType;
import org.apache.arrow.vector.extension.OpaqueVector;
import org.apache.arrow.vector.holders.NullableIntHolder;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Columns no mask reaches into (nested, dictionary-encoded, extension types): every mask nulls them and keeps their
 * type; text that is not well-formed UTF-8; and allocation failures, which must leak nothing.
 */
class VectorMaskerShapeTest {

    private static final ArrowType INT32 = new ArrowType.Int(32, true);

    private BufferAllocator allocator;

    @BeforeEach
    void openAllocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("everyKindOnEveryNestedColumn")
    void nullsEveryValueOfANestedColumnAndKeepsItsType(Mask mask, String name,
            Function<BufferAllocator, FieldVector> columns) {
        try (FieldVector source = columns.apply(allocator);
             FieldVector masked = VectorMasker.mask(source, mask, VectorMaskerTest.KEY, allocator)) {
            assertThat(source.getObject(0)).as("the source has a value").isNotNull();
            assertThat(masked.getField().getType()).isEqualTo(source.getField().getType());
            assertThat(masked.getField().getChildren()).isEqualTo(source.getField().getChildren());
            assertThat(masked.getValueCount()).isEqualTo(source.getValueCount());
            for (int index = 0; index < masked.getValueCount(); index++) {
                assertThat(masked.getObject(index)).as("value %d", index).isNull();
                if (!(masked instanceof UnionVector) && !(masked instanceof DenseUnionVector)) {
                    assertThat(masked.isNull(index)).as("value %d", index).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MaskKind.class)
    void nullsADictionaryEncodedColumnWhoseIndexesAreNotItsValues(MaskKind kind) {
        DictionaryEncoding encoding = new DictionaryEncoding(7L, false, new ArrowType.Int(32, true));
        Field field = new Field("status", new FieldType(true, INT32, encoding), null);
        try (IntVector indexes = (IntVector) field.createVector(allocator)) {
            indexes.allocateNew(3);
            indexes.set(0, 0);
            indexes.set(2, 1);
            indexes.setValueCount(3);
            try (FieldVector masked = VectorMasker.mask(indexes, mask(kind), VectorMaskerTest.KEY, allocator)) {
                assertThat(masked.getField()).isEqualTo(field);
                assertThat(values(masked)).containsExactly(null, null, null);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MaskKind.class)
    void nullsAnExtensionTypeColumn(MaskKind kind) {
        Field field = new Field("blob", FieldType.nullable(new OpaqueType(new ArrowType.Binary(), "blob", "vendor")),
                null);
        try (OpaqueVector source = (OpaqueVector) field.createVector(allocator)) {
            VarBinaryVector storage = (VarBinaryVector) source.getUnderlyingVector();
            storage.allocateNew();
            storage.setSafe(0, new byte[] {1, 2});
            source.setValueCount(1);
            try (FieldVector masked = VectorMasker.mask(source, mask(kind), VectorMaskerTest.KEY, allocator)) {
                assertThat(masked.getField()).isEqualTo(field);
                assertThat(masked.isNull(0)).isTrue();
            }
        }
    }

    @Test
    void writesAQuestionMarkForEachByteThatIsNotUtf8() {
        byte[] malformed = {'a', (byte) 0xFF, 'B', (byte) 0xC3};
        try (VarCharVector source = new VarCharVector("text", allocator)) {
            source.allocateNew();
            source.setSafe(0, malformed);
            source.setValueCount(1);
            try (FieldVector redacted = VectorMasker.mask(source, Mask.of(MaskKind.REDACT), VectorMaskerTest.KEY,
                    allocator)) {
                assertThat(values(redacted)).containsExactly("x?X?");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MaskKind.class)
    void leaksNothingWhenTheAllocatorRunsOut(MaskKind kind) {
        List<Object> texts = Arrays.asList("x".repeat(100), null, "y".repeat(100));
        try (FieldVector source = TestingColumns.column(allocator, new ArrowType.Utf8(), texts)) {
            BufferAllocator tiny = allocator.newChildAllocator("tiny", 0, 16);
            assertThatThrownBy(() -> VectorMasker.mask(source, mask(kind), VectorMaskerTest.KEY, tiny))
                    .isInstanceOf(OutOfMemoryException.class);
            assertThat(tiny.getAllocatedMemory()).isZero();
            tiny.close();
            assertThat(values(source)).containsExactlyElementsOf(texts);
        }
    }

    static Stream<Arguments> everyKindOnEveryNestedColumn() {
        List<Arguments> columns = List.of(
                Arguments.of("List<Int32>", (Function<BufferAllocator, FieldVector>) VectorMaskerShapeTest::list),
                Arguments.of("Struct<a: Int32>", (Function<BufferAllocator, FieldVector>) VectorMaskerShapeTest::struct),
                Arguments.of("Map<Int32, Int32>", (Function<BufferAllocator, FieldVector>) VectorMaskerShapeTest::map),
                Arguments.of("FixedSizeList(2)<Int32>",
                        (Function<BufferAllocator, FieldVector>) VectorMaskerShapeTest::fixedSizeList),
                Arguments.of("Union<Int32>", (Function<BufferAllocator, FieldVector>) VectorMaskerShapeTest::union),
                Arguments.of("DenseUnion<Int32>",
                        (Function<BufferAllocator, FieldVector>) VectorMaskerShapeTest::denseUnion),
                Arguments.of("LargeList<Int32>", (Function<BufferAllocator, FieldVector>) VectorMaskerShapeTest::largeList),
                Arguments.of("RunEndEncoded<Int32, Int32>",
                        (Function<BufferAllocator, FieldVector>) VectorMaskerShapeTest::runEndEncoded));
        return Stream.of(MaskKind.values()).flatMap(kind -> columns.stream()
                .map(column -> Arguments.of(mask(kind), column.get()[0], column.get()[1])));
    }

    static Mask mask(MaskKind kind) {
        return kind == MaskKind.CONSTANT ? Mask.constant("1") : Mask.of(kind);
    }

    private static FieldVector list(BufferAllocator allocator) {
        ListVector list = ListVector.empty("list", allocator);
        UnionListWriter writer = list.getWriter();
        writer.setPosition(0);
        writer.startList();
        writer.integer().writeInt(1);
        writer.integer().writeInt(2);
        writer.endList();
        writer.setPosition(2);
        writer.startList();
        writer.endList();
        list.setValueCount(3);
        return list;
    }

    private static FieldVector struct(BufferAllocator allocator) {
        StructVector struct = StructVector.empty("struct", allocator);
        IntVector child = struct.addOrGet("a", FieldType.nullable(INT32), IntVector.class);
        struct.allocateNew();
        child.setSafe(0, 42);
        struct.setIndexDefined(0);
        struct.setIndexDefined(1);
        struct.setValueCount(2);
        return struct;
    }

    private static FieldVector map(BufferAllocator allocator) {
        MapVector map = MapVector.empty("map", allocator, false);
        UnionMapWriter writer = map.getWriter();
        writer.setPosition(0);
        writer.startMap();
        writer.startEntry();
        writer.key().integer().writeInt(1);
        writer.value().integer().writeInt(2);
        writer.endEntry();
        writer.endMap();
        map.setValueCount(2);
        return map;
    }

    private static FieldVector fixedSizeList(BufferAllocator allocator) {
        FixedSizeListVector list = FixedSizeListVector.empty("pairs", 2, allocator);
        list.addOrGetVector(FieldType.nullable(INT32));
        list.allocateNew();
        IntVector child = (IntVector) list.getDataVector();
        child.setSafe(0, 1);
        child.setSafe(1, 2);
        list.setNotNull(0);
        list.setValueCount(2);
        return list;
    }

    private static FieldVector denseUnion(BufferAllocator allocator) {
        DenseUnionVector union = DenseUnionVector.empty("dense", allocator);
        union.allocateNew();
        byte typeId = union.registerNewTypeId(Field.nullable("int", INT32));
        IntVector ints = (IntVector) union.addVector(typeId, new IntVector("int", allocator));
        ints.allocateNew();
        ints.setSafe(0, 42);
        ints.setValueCount(1);
        union.setTypeId(0, typeId);
        union.getOffsetBuffer().setInt(0, 0);
        union.setValueCount(1);
        return union;
    }

    private static FieldVector largeList(BufferAllocator allocator) {
        LargeListVector list = LargeListVector.empty("large", allocator);
        UnionLargeListWriter writer = list.getWriter();
        writer.setPosition(0);
        writer.startList();
        writer.integer().writeInt(1);
        writer.endList();
        list.setValueCount(2);
        return list;
    }

    /** Values 7, 7, 8: run ends [2, 3] over values [7, 8]. */
    private static FieldVector runEndEncoded(BufferAllocator allocator) {
        Field field = new Field("runs", FieldType.nullable(new ArrowType.RunEndEncoded()),
                List.of(Field.notNullable("run_ends", INT32), Field.nullable("values", INT32)));
        RunEndEncodedVector runs = (RunEndEncodedVector) field.createVector(allocator);
        runs.allocateNew();
        IntVector runEnds = (IntVector) runs.getRunEndsVector();
        IntVector values = (IntVector) runs.getValuesVector();
        runEnds.setSafe(0, 2);
        runEnds.setSafe(1, 3);
        runEnds.setValueCount(2);
        values.setSafe(0, 7);
        values.setSafe(1, 8);
        values.setValueCount(2);
        runs.setValueCount(3);
        return runs;
    }

    private static FieldVector union(BufferAllocator allocator) {
        UnionVector union = UnionVector.empty("union", allocator);
        union.allocateNew();
        NullableIntHolder holder = new NullableIntHolder();
        holder.isSet = 1;
        holder.value = 42;
        union.setSafe(0, holder);
        union.setValueCount(2);
        return union;
    }
}

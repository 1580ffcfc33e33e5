package io.portico.policies.mask;

import static io.portico.policies.mask.TestingColumns.column;
import static io.portico.policies.mask.TestingColumns.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Masking a whole result ({@link VectorMasker#mask(VectorSchemaRoot, Map, HashKey, BufferAllocator)}): masked
 * columns are new, the others share the source's buffers, and the two roots can be closed in either order, each
 * from its own child allocator, without a leak.
 */
class VectorMaskerRootTest {

    private static final ArrowType UTF8 = new ArrowType.Utf8();
    private static final ArrowType INT64 = new ArrowType.Int(64, true);
    private static final List<Object> IDS = Arrays.asList(1L, 2L, null);
    private static final List<Object> NAMES = Arrays.asList("Ana Lima", null, "Bo Chen");
    private static final List<Object> PHONES = Arrays.asList("+44 20 7946 0958", "555-0100", null);
    private static final Map<String, Mask> MASKS = Map.of(
            "full_name", Mask.of(MaskKind.REDACT),
            "phone", Mask.of(MaskKind.SHOW_LAST_4));

    private BufferAllocator root;
    private BufferAllocator cache;
    private BufferAllocator request;

    @BeforeEach
    void openAllocators() {
        root = new RootAllocator();
        cache = root.newChildAllocator("cache", 0, Long.MAX_VALUE);
        request = root.newChildAllocator("request", 0, Long.MAX_VALUE);
    }

    @AfterEach
    void closeAllocators() {
        request.close();
        cache.close();
        root.close();
    }

    @Test
    void masksTheNamedColumnsAndSharesTheOthers() {
        try (VectorSchemaRoot source = customers(cache);
             VectorSchemaRoot masked = VectorMasker.mask(source, MASKS, VectorMaskerTest.KEY, request)) {
            assertThat(masked.getRowCount()).isEqualTo(3);
            assertThat(masked.getSchema().getCustomMetadata()).containsEntry("port", "crm");
            assertThat(masked.getSchema().getFields()).extracting(Field::getName)
                    .containsExactly("customer_id", "full_name", "phone");
            assertThat(values(masked.getVector("customer_id"))).containsExactlyElementsOf(IDS);
            assertThat(values(masked.getVector("full_name"))).containsExactly("Xxx Xxxx", null, "Xx Xxxx");
            assertThat(values(masked.getVector("phone"))).containsExactly("+nn nn nnnn 0958", "nnn-0100", null);
            assertThat(masked.getVector("customer_id").getDataBuffer().memoryAddress())
                    .as("an unmasked column is shared, not copied")
                    .isEqualTo(source.getVector("customer_id").getDataBuffer().memoryAddress());
            assertSourceUnchanged(source);
        }
    }

    @Test
    void theSourceCanBeClosedFirst() {
        VectorSchemaRoot masked;
        try (VectorSchemaRoot source = customers(cache)) {
            masked = VectorMasker.mask(source, MASKS, VectorMaskerTest.KEY, request);
        }
        assertThat(cache.getAllocatedMemory()).as("the cache's share moved to the request").isZero();
        assertThat(values(masked.getVector("customer_id"))).containsExactlyElementsOf(IDS);
        masked.close();
        assertThat(request.getAllocatedMemory()).isZero();
    }

    @Test
    void theMaskedResultCanBeClosedFirstAndTheSourceServesAgain() {
        try (VectorSchemaRoot source = customers(cache)) {
            VectorMasker.mask(source, MASKS, VectorMaskerTest.KEY, request).close();
            assertThat(request.getAllocatedMemory()).isZero();
            assertSourceUnchanged(source);
            try (VectorSchemaRoot unmasked = VectorMasker.mask(source, Map.of(), VectorMaskerTest.KEY, request)) {
                assertThat(values(unmasked.getVector("full_name"))).containsExactlyElementsOf(NAMES);
            }
        }
    }

    @Test
    void sharesUnmaskedColumnsOfEveryFlatType() {
        List<Object> values = Arrays.asList(null, null);
        List<FieldVector> columns = new ArrayList<>();
        for (ArrowType type : VectorMaskerTest.FLAT_TYPES) {
            columns.add(column(cache, type.toString(), type, values));
        }
        List<Object> texts = Arrays.asList("a view longer than twelve bytes", null);
        columns.add(column(cache, "view", new ArrowType.Utf8View(), texts));
        try (VectorSchemaRoot source = new VectorSchemaRoot(columns)) {
            source.setRowCount(2);
            try (VectorSchemaRoot shared = VectorMasker.mask(source, Map.of(), VectorMaskerTest.KEY, request)) {
                assertThat(shared.getSchema()).isEqualTo(source.getSchema());
                assertThat(shared.getRowCount()).isEqualTo(2);
                assertThat(shared.getFieldVectors()).allSatisfy(column -> assertThat(column.getValueCount()).isEqualTo(2));
                assertThat(values(shared.getVector("view"))).containsExactlyElementsOf(texts);
            }
        }
    }

    @Test
    void anEmptyResultStaysEmpty() {
        try (VectorSchemaRoot source = root(cache, List.of(), List.of(), List.of());
             VectorSchemaRoot masked = VectorMasker.mask(source, MASKS, VectorMaskerTest.KEY, request)) {
            assertThat(masked.getRowCount()).isZero();
            assertThat(masked.getFieldVectors()).allSatisfy(column -> assertThat(column.getValueCount()).isZero());
        }
    }

    @Test
    void refusesAMaskForAColumnTheResultDoesNotHave() {
        try (VectorSchemaRoot source = customers(cache)) {
            Map<String, Mask> masks = Map.of("email", Mask.of(MaskKind.HASH), "phone", Mask.of(MaskKind.NULL));
            assertThatThrownBy(() -> VectorMasker.mask(source, masks, VectorMaskerTest.KEY, request))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[email]")
                    .hasMessageContaining("customer_id, full_name, phone");
            assertThat(request.getAllocatedMemory()).isZero();
        }
    }

    @Test
    void refusesANullMaskRatherThanLeavingTheColumnUnmasked() {
        Map<String, Mask> masks = new HashMap<>();
        masks.put("phone", null);
        try (VectorSchemaRoot source = customers(cache)) {
            assertThatThrownBy(() -> VectorMasker.mask(source, masks, VectorMaskerTest.KEY, request))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("phone");
        }
    }

    @Test
    void closesWhatItMadeWhenAColumnFails() {
        try (VectorSchemaRoot source = customers(cache)) {
            BufferAllocator tiny = root.newChildAllocator("tiny", 0, 16);
            assertThatThrownBy(() -> VectorMasker.mask(source, MASKS, VectorMaskerTest.KEY, tiny))
                    .isInstanceOf(OutOfMemoryException.class);
            assertThat(tiny.getAllocatedMemory()).isZero();
            tiny.close();
            assertSourceUnchanged(source);
        }
    }

    private static void assertSourceUnchanged(VectorSchemaRoot source) {
        assertThat(values(source.getVector("customer_id"))).containsExactlyElementsOf(IDS);
        assertThat(values(source.getVector("full_name"))).containsExactlyElementsOf(NAMES);
        assertThat(values(source.getVector("phone"))).containsExactlyElementsOf(PHONES);
    }

    private static VectorSchemaRoot customers(BufferAllocator allocator) {
        return root(allocator, IDS, NAMES, PHONES);
    }

    private static VectorSchemaRoot root(BufferAllocator allocator, List<Object> ids, List<Object> names,
            List<Object> phones) {
        List<FieldVector> columns = new ArrayList<>();
        columns.add(column(allocator, "customer_id", INT64, ids));
        columns.add(column(allocator, "full_name", UTF8, names));
        columns.add(column(allocator, "phone", UTF8, phones));
        List<Field> fields = columns.stream().map(FieldVector::getField).toList();
        return new VectorSchemaRoot(new Schema(fields, Map.of("port", "crm")), columns, ids.size());
    }
}

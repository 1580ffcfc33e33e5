package io.portico.policies.mask;

import static io.portico.policies.mask.TestingColumns.column;
import static io.portico.policies.mask.TestingColumns.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the {@code hash} mask promises beyond the table: determinism, key dependence, joins, types, threads. */
class VectorMaskerHashTest {

    private static final Mask HASH = Mask.of(MaskKind.HASH);
    private static final ArrowType UTF8 = new ArrowType.Utf8();
    private static final ArrowType INT32 = new ArrowType.Int(32, true);
    private static final ArrowType INT64 = new ArrowType.Int(64, true);
    private static final HashKey OTHER_KEY = HashKey.fromBase64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

    private BufferAllocator allocator;

    @BeforeEach
    void openAllocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @Test
    void theSameValueUnderTheSameKeyHashesAlikeEveryTime() {
        List<Object> first = hashes(UTF8, List.of("alice@example.com", "bob@example.com"), VectorMaskerTest.KEY);
        List<Object> again = hashes(UTF8, List.of("alice@example.com", "bob@example.com"),
                new HashKey(VectorMaskerTest.KEY_BYTES));

        assertThat(again).isEqualTo(first);
        assertThat(first.get(0)).isNotEqualTo(first.get(1));
    }

    @ParameterizedTest
    @MethodSource("hashableTypes")
    void anotherKeyGivesOtherHashes(ArrowType type, Object value) {
        Object underOneKey = hashes(type, List.of(value), VectorMaskerTest.KEY).getFirst();
        Object underAnother = hashes(type, List.of(value), OTHER_KEY).getFirst();
        Object underARandomKey = hashes(type, List.of(value), HashKey.random(new SecureRandom())).getFirst();

        assertThat(underAnother).isNotEqualTo(underOneKey);
        assertThat(underARandomKey).isNotEqualTo(underOneKey).isNotEqualTo(underAnother);
    }

    @Test
    void hashedKeysStillJoinAcrossTwoColumns() {
        List<Object> customers = hashes(INT64, List.of(7L, 42L, 1_000_000_007L), VectorMaskerTest.KEY);
        List<Object> orders = hashes(INT64, Arrays.asList(42L, null, 7L, 42L, 99L), VectorMaskerTest.KEY);

        assertThat(orders).containsExactly(customers.get(1), null, customers.get(0), customers.get(1),
                hashes(INT64, List.of(99L), VectorMaskerTest.KEY).getFirst());
        assertThat(new HashSet<>(customers)).as("no collisions among the customers").hasSize(3);
    }

    @Test
    void aStringAndAnIntegerWithTheSameDecimalTextHashTheSameBytes() {
        String stringHash = (String) hashes(UTF8, List.of("42"), VectorMaskerTest.KEY).getFirst();
        long int64Hash = (Long) hashes(INT64, List.of(42L), VectorMaskerTest.KEY).getFirst();
        long int32Hash = (Long) hashes(INT32, List.of(42L), VectorMaskerTest.KEY).getFirst();

        assertThat(stringHash).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(int64Hash).as("Int64: the first 16 hex digits, signed")
                .isEqualTo(Long.parseUnsignedLong(stringHash.substring(0, 16), 16));
        assertThat(int32Hash).as("Int32: the first 8 hex digits, signed; the top half of the Int64 hash")
                .isEqualTo((long) (int) Long.parseLong(stringHash.substring(0, 8), 16))
                .isEqualTo(int64Hash >> 32);
        assertThat(hashes(new ArrowType.Binary(), List.of("3432"), VectorMaskerTest.KEY).getFirst())
                .as("the binary 0x3432 is the bytes of \"42\"").isEqualTo(stringHash);
    }

    @Test
    void manyThreadsHashOneSourceAlike() throws Exception {
        List<Object> texts = IntStream.range(0, 2_000).mapToObj(index -> "customer-" + index + "@example.com")
                .map(Object.class::cast).toList();
        try (FieldVector source = column(allocator, UTF8, texts);
             ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Object> expected = maskedValues(source, VectorMaskerTest.KEY);
            List<Future<List<Object>>> results = new ArrayList<>();
            for (int call = 0; call < 16; call++) {
                results.add(threads.submit(() -> maskedValues(source, VectorMaskerTest.KEY)));
            }
            for (Future<List<Object>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        }
    }

    static List<Object[]> hashableTypes() {
        return List.of(
                new Object[] {UTF8, "alice"},
                new Object[] {new ArrowType.LargeUtf8(), ""},
                new Object[] {new ArrowType.Binary(), "00ff"},
                new Object[] {new ArrowType.FixedSizeBinary(8), "0001020304050607"},
                new Object[] {new ArrowType.Int(16, true), 42L},
                new Object[] {INT64, Long.MIN_VALUE});
    }

    private List<Object> hashes(ArrowType type, List<?> input, HashKey key) {
        try (FieldVector source = column(allocator, type, input)) {
            return maskedValues(source, key);
        }
    }

    private List<Object> maskedValues(FieldVector source, HashKey key) {
        try (FieldVector masked = VectorMasker.mask(source, HASH, key, allocator)) {
            return values(masked);
        }
    }
}

package io.portico.policies.mask;

import static io.portico.policies.mask.TestingColumns.column;
import static io.portico.policies.mask.TestingColumns.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The masking table of {@link VectorMasker}: every mask on every Arrow type it applies to, and on representatives
 * of the types it nulls, with null inputs, empty strings, multi-byte text, extreme numbers and pre-1970 dates. Each
 * case also checks the shape of the result (name, type, nullable, value count) and that the source is unchanged;
 * the allocator is closed after each case, so a leak fails it.
 */
class VectorMaskerTest {

    /** RFC 4231 test case 1's key: 20 bytes of 0x0b. */
    static final byte[] KEY_BYTES = filled(20, (byte) 0x0b);
    static final HashKey KEY = new HashKey(KEY_BYTES);

    static final ArrowType UTF8 = new ArrowType.Utf8();
    static final ArrowType LARGE_UTF8 = new ArrowType.LargeUtf8();
    static final ArrowType UTF8_VIEW = new ArrowType.Utf8View();
    static final ArrowType BINARY = new ArrowType.Binary();
    static final ArrowType LARGE_BINARY = new ArrowType.LargeBinary();
    static final ArrowType BINARY_VIEW = new ArrowType.BinaryView();
    static final ArrowType INT8 = new ArrowType.Int(8, true);
    static final ArrowType INT16 = new ArrowType.Int(16, true);
    static final ArrowType INT32 = new ArrowType.Int(32, true);
    static final ArrowType INT64 = new ArrowType.Int(64, true);
    static final ArrowType UINT8 = new ArrowType.Int(8, false);
    static final ArrowType UINT16 = new ArrowType.Int(16, false);
    static final ArrowType UINT32 = new ArrowType.Int(32, false);
    static final ArrowType UINT64 = new ArrowType.Int(64, false);
    static final ArrowType FLOAT16 = new ArrowType.FloatingPoint(FloatingPointPrecision.HALF);
    static final ArrowType FLOAT32 = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
    static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    static final ArrowType DECIMAL_10_2 = new ArrowType.Decimal(10, 2, 128);
    static final ArrowType DECIMAL_5_0 = new ArrowType.Decimal(5, 0, 128);
    static final ArrowType DECIMAL256_40_2 = new ArrowType.Decimal(40, 2, 256);
    static final ArrowType BOOL = new ArrowType.Bool();
    static final ArrowType DATE32 = new ArrowType.Date(DateUnit.DAY);
    static final ArrowType DATE64 = new ArrowType.Date(DateUnit.MILLISECOND);
    static final ArrowType TIME_MILLI = new ArrowType.Time(TimeUnit.MILLISECOND, 32);
    static final ArrowType DURATION = new ArrowType.Duration(TimeUnit.MILLISECOND);
    static final ArrowType NULL_TYPE = new ArrowType.Null();

    /** Every flat type the table knows, for the checks that hold for every kind on every type. */
    static final List<ArrowType> FLAT_TYPES = flatTypes();

    private BufferAllocator allocator;

    @BeforeEach
    void openAllocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    /** One row of the table: a mask on a column of a type, its input values and the values expected out. */
    record Case(Mask mask, ArrowType type, List<Object> input, List<Object> expected) {

        @Override
        public String toString() {
            String values = input.toString();
            return mask + " on " + type + ": " + (values.length() <= 80 ? values : values.substring(0, 77) + "...");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"redactCases", "showCases", "hashCases", "nullCases", "yearOnlyCases", "constantCases"})
    void masksEveryValueAsTheTableSays(Case row) {
        try (FieldVector source = column(allocator, row.type(), row.input());
             FieldVector masked = VectorMasker.mask(source, row.mask(), KEY, allocator)) {
            assertThat(values(masked)).containsExactlyElementsOf(row.expected());
            assertThat(masked.getName()).isEqualTo(source.getName());
            assertThat(masked.getField().getType()).isEqualTo(row.type());
            assertThat(masked.getField().isNullable()).isTrue();
            assertThat(masked.getValueCount()).isEqualTo(row.input().size());
            assertThat(values(source)).as("the source is unchanged").containsExactlyElementsOf(row.input());
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("everyKindOnEveryFlatType")
    void nullStaysNullAndAnEmptyColumnStaysEmpty(Mask mask, ArrowType type) {
        try (FieldVector nulls = column(allocator, type, Arrays.asList(null, null, null));
             FieldVector empty = column(allocator, type, List.of());
             FieldVector maskedNulls = VectorMasker.mask(nulls, mask, KEY, allocator);
             FieldVector maskedEmpty = VectorMasker.mask(empty, mask, KEY, allocator)) {
            assertThat(values(maskedNulls)).containsExactly(null, null, null);
            assertThat(maskedEmpty.getValueCount()).isZero();
            assertThat(maskedEmpty.getField().getType()).isEqualTo(type);
        }
    }

    static Stream<Case> redactCases() {
        Mask redact = Mask.of(MaskKind.REDACT);
        List<Object> input = Arrays.asList("Ana-María 42", "", null, "é😀Ω", "ABC xyz 09", "漢字 ٣ Ǆ", "a".repeat(200));
        List<Object> expected = Arrays.asList("Xxx-Xxxxx nn", "", null, "x😀X", "XXX xxx nn", "xx n X", "x".repeat(200));
        return Stream.concat(
                Stream.of(UTF8, LARGE_UTF8, UTF8_VIEW).map(type -> new Case(redact, type, input, expected)),
                Stream.of(
                        new Case(redact, INT64, list(1L, null, Long.MIN_VALUE), nulls(3)),
                        new Case(redact, BINARY, list("414243", null), nulls(2)),
                        new Case(redact, DATE32, list(day("1969-07-20")), nulls(1)),
                        new Case(redact, BOOL, list(true, false), nulls(2)),
                        new Case(redact, DECIMAL_10_2, list(new BigDecimal("12.34")), nulls(1))));
    }

    static Stream<Case> showCases() {
        Mask last = Mask.of(MaskKind.SHOW_LAST_4);
        Mask first = Mask.of(MaskKind.SHOW_FIRST_4);
        List<Object> input = Arrays.asList("+44 20 7946 0958", "1234", "12345", "", null, "ab😀é", "abcdé😀",
                "é😀ab12", "Zoë");
        List<Object> lastExpected = Arrays.asList("+nn nn nnnn 0958", "nnnn", "n2345", "", null, "xx😀x", "xxcdé😀",
                "x😀ab12", "Xxx");
        List<Object> firstExpected = Arrays.asList("+44 nn nnnn nnnn", "nnnn", "1234n", "", null, "xx😀x", "abcdx😀",
                "é😀abnn", "Xxx");
        return Stream.concat(
                Stream.of(UTF8, LARGE_UTF8, UTF8_VIEW).flatMap(type -> Stream.of(
                        new Case(last, type, input, lastExpected),
                        new Case(first, type, input, firstExpected))),
                Stream.of(
                        new Case(last, INT32, list(123456L, null), nulls(2)),
                        new Case(first, INT64, list(123456L), nulls(1)),
                        new Case(last, BINARY, list("0102030405"), nulls(1)),
                        new Case(first, DATE32, list(day("2024-02-29")), nulls(1))));
    }

    static Stream<Case> hashCases() {
        Mask hash = Mask.of(MaskKind.HASH);
        List<Object> texts = Arrays.asList("Hi There", "", null, "é😀", "42");
        List<Object> textHashes = Arrays.asList(
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                hmacHex(""), null, hmacHex("é😀"), hmacHex("42"));
        List<Object> binaries = Arrays.asList("4869205468657265", "", null, "00ff");
        List<Object> binaryHashes = Arrays.asList(textHashes.getFirst(), hmacHex(""), null,
                HexFormat.of().formatHex(hmac(new byte[] {0, (byte) 0xff})));
        List<Case> cases = new ArrayList<>();
        Stream.of(UTF8, LARGE_UTF8, UTF8_VIEW).forEach(type -> cases.add(new Case(hash, type, texts, textHashes)));
        Stream.of(BINARY, LARGE_BINARY, BINARY_VIEW)
                .forEach(type -> cases.add(new Case(hash, type, binaries, binaryHashes)));
        cases.add(new Case(hash, new ArrowType.FixedSizeBinary(4), list("34320000", null, "ffffffff"),
                list(hmacPrefixHex("34320000", 4), null, hmacPrefixHex("ffffffff", 4))));
        cases.add(new Case(hash, new ArrowType.FixedSizeBinary(32), list(textHashes.getFirst()),
                list(HexFormat.of().formatHex(hmac(HexFormat.of().parseHex((String) textHashes.getFirst()))))));
        cases.add(new Case(hash, new ArrowType.FixedSizeBinary(33), list("00".repeat(33)), nulls(1)));
        cases.add(new Case(hash, INT8, list(42L, null, (long) Byte.MIN_VALUE, (long) Byte.MAX_VALUE, 0L),
                list(hmacInt(42, 8), null, hmacInt(Byte.MIN_VALUE, 8), hmacInt(Byte.MAX_VALUE, 8), hmacInt(0, 8))));
        cases.add(new Case(hash, INT16, list(42L, null, (long) Short.MIN_VALUE, (long) Short.MAX_VALUE),
                list(hmacInt(42, 16), null, hmacInt(Short.MIN_VALUE, 16), hmacInt(Short.MAX_VALUE, 16))));
        cases.add(new Case(hash, INT32, list(42L, null, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE),
                list(hmacInt(42, 32), null, hmacInt(Integer.MIN_VALUE, 32), hmacInt(Integer.MAX_VALUE, 32))));
        cases.add(new Case(hash, INT64, list(42L, null, Long.MIN_VALUE, Long.MAX_VALUE, -1L),
                list(hmacInt(42, 64), null, hmacInt(Long.MIN_VALUE, 64), hmacInt(Long.MAX_VALUE, 64),
                        hmacInt(-1, 64))));
        cases.add(new Case(hash, UINT32, list(42L, null), nulls(2)));
        cases.add(new Case(hash, UINT64, list(42L), nulls(1)));
        cases.add(new Case(hash, FLOAT64, list(4.2, null), nulls(2)));
        cases.add(new Case(hash, DECIMAL_10_2, list(new BigDecimal("42.00")), nulls(1)));
        cases.add(new Case(hash, DATE32, list(day("1969-07-20")), nulls(1)));
        cases.add(new Case(hash, timestamp(TimeUnit.MICROSECOND, "UTC"), list(0L), nulls(1)));
        cases.add(new Case(hash, BOOL, list(true), nulls(1)));
        return cases.stream();
    }

    static Stream<Case> nullCases() {
        Mask mask = Mask.of(MaskKind.NULL);
        return Stream.of(
                new Case(mask, UTF8, list("Ana", null, ""), nulls(3)),
                new Case(mask, UTF8_VIEW, list("a much longer text than twelve bytes"), nulls(1)),
                new Case(mask, BINARY, list("00ff"), nulls(1)),
                new Case(mask, new ArrowType.FixedSizeBinary(2), list("00ff", null), nulls(2)),
                new Case(mask, INT64, list(Long.MAX_VALUE, null, Long.MIN_VALUE), nulls(3)),
                new Case(mask, UINT8, list(255L), nulls(1)),
                new Case(mask, FLOAT64, list(1.5), nulls(1)),
                new Case(mask, DECIMAL_10_2, list(new BigDecimal("-12.34")), nulls(1)),
                new Case(mask, BOOL, list(false, true), nulls(2)),
                new Case(mask, DATE32, list(day("1900-01-01")), nulls(1)),
                new Case(mask, DATE64, list(day("1900-01-01") * 86_400_000L), nulls(1)),
                new Case(mask, timestamp(TimeUnit.NANOSECOND, null), list(-1L), nulls(1)),
                new Case(mask, TIME_MILLI, list(1000L), nulls(1)),
                new Case(mask, NULL_TYPE, nulls(2), nulls(2)));
    }

    static Stream<Case> yearOnlyCases() {
        Mask mask = Mask.of(MaskKind.YEAR_ONLY);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(mask, DATE32,
                list(day("1969-07-20"), null, day("2024-02-29"), day("1970-01-01"), day("0001-12-31"),
                        day("-0044-03-15"), (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE),
                list(day("1969-01-01"), null, day("2024-01-01"), day("1970-01-01"), day("0001-01-01"),
                        day("-0044-01-01"), day("+5881580-01-01"), null)));
        cases.add(new Case(mask, DATE64,
                list(day("1969-12-31") * 86_400_000L, null, day("2024-06-15") * 86_400_000L + 123, -1L,
                        Long.MAX_VALUE),
                list(day("1969-01-01") * 86_400_000L, null, day("2024-01-01") * 86_400_000L,
                        day("1969-01-01") * 86_400_000L, day(LocalDate.ofEpochDay(Long.MAX_VALUE / 86_400_000L)
                                .withDayOfYear(1).toString()) * 86_400_000L)));
        for (TimeUnit unit : TimeUnit.values()) {
            for (String zone : Arrays.asList(null, "UTC", "Europe/Paris")) {
                cases.add(new Case(mask, timestamp(unit, zone),
                        list(at("1969-12-31T23:59:59.999999999Z", unit), null, at("2024-07-14T12:34:56Z", unit),
                                at("1900-03-01T00:00:00Z", unit), at("2024-12-31T23:30:00Z", unit), 0L),
                        list(at("1969-01-01T00:00:00Z", unit), null, at("2024-01-01T00:00:00Z", unit),
                                at("1900-01-01T00:00:00Z", unit), at("2024-01-01T00:00:00Z", unit), 0L)));
            }
        }
        cases.add(new Case(mask, timestamp(TimeUnit.NANOSECOND, "UTC"), list(Long.MIN_VALUE, Long.MAX_VALUE),
                list(null, at("2262-01-01T00:00:00Z", TimeUnit.NANOSECOND))));
        cases.add(new Case(mask, timestamp(TimeUnit.SECOND, null), list(Long.MIN_VALUE, Long.MAX_VALUE), nulls(2)));
        cases.add(new Case(mask, UTF8, list("2024-05-01", null), nulls(2)));
        cases.add(new Case(mask, INT64, list(20240501L), nulls(1)));
        cases.add(new Case(mask, TIME_MILLI, list(1000L), nulls(1)));
        return cases.stream();
    }

    static Stream<Case> constantCases() {
        return Stream.of(
                constant("***", UTF8, list("Ana", null, ""), list("***", null, "***")),
                constant("***", LARGE_UTF8, list("Ana", null), list("***", null)),
                constant("redacted, longer than twelve bytes", UTF8_VIEW, list("Ana", null, "b"),
                        list("redacted, longer than twelve bytes", null, "redacted, longer than twelve bytes")),
                constant("", UTF8, list("Ana"), list("")),
                constant("Zoë 😀", UTF8, list("x"), list("Zoë 😀")),
                constant("127", INT8, list(1L, null), list(127L, null)),
                constant("-128", INT8, list(1L), list(-128L)),
                constant("128", INT8, list(1L), nulls(1)),
                constant("-32768", INT16, list(1L), list(-32768L)),
                constant("2147483647", INT32, list(1L), list(2147483647L)),
                constant("-9223372036854775808", INT64, list(1L, null), list(Long.MIN_VALUE, null)),
                constant("9223372036854775808", INT64, list(1L), nulls(1)),
                constant("255", UINT8, list(1L), list(255L)),
                constant("-1", UINT8, list(1L), nulls(1)),
                constant("65535", UINT16, list(1L), list(65535L)),
                constant("4294967295", UINT32, list(1L), list(4294967295L)),
                constant("18446744073709551615", UINT64, list(1L), list(-1L)),
                constant("18446744073709551616", UINT64, list(1L), nulls(1)),
                constant("1.5", INT32, list(1L), nulls(1)),
                constant("abc", INT64, list(1L), nulls(1)),
                constant("1.5", FLOAT64, list(9.0, null), list(1.5, null)),
                constant("-2e3", FLOAT64, list(9.0), list(-2000.0)),
                constant("NaN", FLOAT64, list(9.0), nulls(1)),
                constant("1e400", FLOAT64, list(9.0), nulls(1)),
                constant("0.1", FLOAT32, list(9.0), list((double) 0.1f)),
                constant("1e39", FLOAT32, list(9.0), nulls(1)),
                constant("1", FLOAT16, list(9.0), nulls(1)),
                constant("12.345", DECIMAL_10_2, list(new BigDecimal("1.00"), null), list(new BigDecimal("12.35"), null)),
                constant("12.344", DECIMAL_10_2, list(new BigDecimal("1.00")), list(new BigDecimal("12.34"))),
                constant("-12", DECIMAL_10_2, list(new BigDecimal("1.00")), list(new BigDecimal("-12.00"))),
                constant("123456789.99", DECIMAL_10_2, list(new BigDecimal("1.00")), nulls(1)),
                constant("-0.5", DECIMAL_5_0, list(new BigDecimal("1")), list(new BigDecimal("-1"))),
                constant("12,5", DECIMAL_5_0, list(new BigDecimal("1")), nulls(1)),
                constant("-12345678901234567890123456789012345678.99", DECIMAL256_40_2,
                        list(new BigDecimal("1.00"), null),
                        list(new BigDecimal("-12345678901234567890123456789012345678.99"), null)),
                constant("true", BOOL, list(false, null, true), list(true, null, true)),
                constant("FALSE", BOOL, list(true), list(false)),
                constant("yes", BOOL, list(true), nulls(1)),
                constant("2000-01-01", DATE32, list(day("1969-07-20"), null), list(day("2000-01-01"), null)),
                constant("1969-12-31", DATE64, list(0L), list(-86_400_000L)),
                constant("01/02/2000", DATE32, list(0L), nulls(1)),
                constant("+999999999-12-31", DATE32, list(0L), nulls(1)),
                constant("2000-01-01", timestamp(TimeUnit.MILLISECOND, "UTC"), list(0L), nulls(1)),
                constant("00ff", BINARY, list("0102"), nulls(1)),
                constant("00:00", TIME_MILLI, list(1000L), nulls(1)));
    }

    static Stream<Arguments> everyKindOnEveryFlatType() {
        List<Mask> masks = Stream.of(MaskKind.values())
                .map(kind -> kind == MaskKind.CONSTANT ? Mask.constant("1") : Mask.of(kind))
                .toList();
        return masks.stream().flatMap(mask -> FLAT_TYPES.stream().map(type -> Arguments.of(mask, type)));
    }

    // --- oracles and helpers ---

    static byte[] hmac(byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY_BYTES, "HmacSHA256"));
            return mac.doFinal(bytes);
        } catch (GeneralSecurityException impossible) {
            throw new AssertionError(impossible);
        }
    }

    static String hmacHex(String text) {
        return HexFormat.of().formatHex(hmac(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The first {@code width} bytes of the HMAC of the bytes written {@code hex}, in hex. */
    static String hmacPrefixHex(String hex, int width) {
        return HexFormat.of().formatHex(Arrays.copyOf(hmac(HexFormat.of().parseHex(hex)), width));
    }

    /** The HMAC of {@code number}'s decimal text, its first {@code bitWidth / 8} bytes as a signed integer. */
    static long hmacInt(long number, int bitWidth) {
        byte[] digest = hmac(Long.toString(number).getBytes(StandardCharsets.US_ASCII));
        return new BigInteger(Arrays.copyOf(digest, bitWidth / 8)).longValueExact();
    }

    static Case constant(String constant, ArrowType type, List<Object> input, List<Object> expected) {
        return new Case(Mask.constant(constant), type, input, expected);
    }

    static ArrowType timestamp(TimeUnit unit, String zone) {
        return new ArrowType.Timestamp(unit, zone);
    }

    static long day(String isoDate) {
        return LocalDate.parse(isoDate).toEpochDay();
    }

    /** The instant in {@code unit} since the epoch (truncated toward the past). */
    static long at(String instant, TimeUnit unit) {
        Instant parsed = Instant.parse(instant);
        return switch (unit) {
            case SECOND -> parsed.getEpochSecond();
            case MILLISECOND -> Math.floorDiv(parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano(), 1_000_000L);
            case MICROSECOND -> Math.floorDiv(parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano(), 1_000L);
            case NANOSECOND -> parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
        };
    }

    static List<Object> list(Object... values) {
        return Arrays.asList(values);
    }

    static List<Object> nulls(int count) {
        return Collections.nCopies(count, null);
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }

    private static List<ArrowType> flatTypes() {
        List<ArrowType> types = new ArrayList<>(List.of(UTF8, LARGE_UTF8, UTF8_VIEW, BINARY, LARGE_BINARY,
                BINARY_VIEW, new ArrowType.FixedSizeBinary(4), INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64,
                FLOAT16, FLOAT32, FLOAT64, DECIMAL_10_2, DECIMAL256_40_2, BOOL, DATE32, DATE64, TIME_MILLI, DURATION,
                NULL_TYPE));
        for (TimeUnit unit : TimeUnit.values()) {
            types.add(timestamp(unit, null));
            types.add(timestamp(unit, "UTC"));
        }
        return List.copyOf(types);
    }
}

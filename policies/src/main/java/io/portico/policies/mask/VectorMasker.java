package io.portico.policies.mask;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.util.AutoCloseables;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Applies {@link Mask}s to Arrow vectors: a pure function from a column, a mask and the deployment's
 * {@link HashKey} to a new column, computed before anything is serialised. The gateway masks the columns a port
 * returned (after its cache), so one cached result serves every role, each with its own masks.
 *
 * <p>A masked column has the source's name and Arrow type (dictionary encoding, metadata and children too), is
 * nullable, and has as many values as the source. <b>Null stays null</b> under every mask. Where a mask does not
 * apply to a type, every value becomes null: a mask never lets a raw value through. What each mask does:
 *
 * <table>
 * <caption>Masks by kind and Arrow type</caption>
 * <tr><th>mask</th><th>Arrow type</th><th>result for a non-null value</th></tr>
 * <tr><td>{@code redact}</td><td>Utf8, LargeUtf8, Utf8View</td>
 *     <td>per code point: a letter ({@link Character#isLetter(int)}, any script) becomes {@code x}, or {@code X} when
 *     upper case; a digit ({@link Character#isDigit(int)}) becomes {@code n}; anything else (spaces, punctuation,
 *     symbols, emoji, combining marks) stays. {@code "Ana-María 42"} becomes {@code "Xxx-Xxxxx nn"}. A byte that
 *     is not well-formed UTF-8 becomes {@code ?}.</td></tr>
 * <tr><td>{@code redact}</td><td>every other type</td><td>null</td></tr>
 * <tr><td>{@code show-first-4}, {@code show-last-4}</td><td>Utf8, LargeUtf8, Utf8View</td>
 *     <td>the first (last) 4 code points stay, the rest is redacted as above: {@code "+44 20 7946 0958"} becomes
 *     {@code "+nn nn nnnn 0958"} under {@code show-last-4}. A value of 4 code points or fewer is redacted
 *     entirely (unlike Ranger, which shows it whole): showing "the last 4" of a 4-digit PIN would show all of it,
 *     and a mask must never return a raw value. Code points, not grapheme clusters: an emoji made of several code
 *     points counts as several.</td></tr>
 * <tr><td>{@code show-first-4}, {@code show-last-4}</td><td>every other type</td><td>null</td></tr>
 * <tr><td>{@code hash}</td><td>Utf8, LargeUtf8, Utf8View</td>
 *     <td>HMAC-SHA256, keyed with the {@link HashKey}, of the value's UTF-8 bytes, as 64 lower-case hex
 *     digits</td></tr>
 * <tr><td>{@code hash}</td><td>Binary, LargeBinary, BinaryView</td>
 *     <td>the 32-byte HMAC-SHA256 of the value's bytes</td></tr>
 * <tr><td>{@code hash}</td><td>FixedSizeBinary(n), n &le; 32</td>
 *     <td>the first n bytes of the HMAC-SHA256 of the value's bytes (n &gt; 32: null)</td></tr>
 * <tr><td>{@code hash}</td><td>Int8, Int16, Int32, Int64 (signed)</td>
 *     <td>the HMAC-SHA256 of the value's decimal text ({@code -42} hashes the ASCII bytes {@code "-42"}); its
 *     first 1, 2, 4 or 8 bytes, big-endian, as a signed integer of the column's width. Equal values hash alike in
 *     any two columns of the same width, so hashed keys still join. Across types: the string {@code "42"}, the
 *     binary {@code 0x3432} and the integer {@code 42} hash the same bytes, so the Int64 hash of {@code 42} is the
 *     first 16 hex digits of the string hash of {@code "42"}, read as a signed 64-bit integer.</td></tr>
 * <tr><td>{@code hash}</td><td>every other type (unsigned integers, floating point, decimals, dates, times,
 *     booleans...)</td><td>null</td></tr>
 * <tr><td>{@code null}</td><td>every type</td><td>null</td></tr>
 * <tr><td>{@code year-only}</td><td>Date32 (days), Date64 (milliseconds)</td>
 *     <td>January 1st of the same year (proleptic Gregorian), e.g. {@code 1969-07-20} becomes
 *     {@code 1969-01-01}</td></tr>
 * <tr><td>{@code year-only}</td><td>Timestamp, every unit, with or without time zone</td>
 *     <td>January 1st 00:00 of the same year: in UTC for a zoned timestamp (it stores an instant), on the wall
 *     clock for one without zone (it stores a local date-time). A result the type cannot hold (a nanosecond
 *     timestamp in 1677) is null.</td></tr>
 * <tr><td>{@code year-only}</td><td>every other type (strings included)</td><td>null</td></tr>
 * <tr><td>{@code constant}</td><td>Utf8, LargeUtf8, Utf8View</td><td>the constant as written</td></tr>
 * <tr><td>{@code constant}</td><td>Int8 to Int64, UInt8 to UInt64</td>
 *     <td>the constant as a decimal integer; out of the type's range: null</td></tr>
 * <tr><td>{@code constant}</td><td>Float32, Float64</td>
 *     <td>the constant as a decimal number ({@code 1.5}, {@code -2e3}), rounded to the nearest value; NaN,
 *     infinities and overflow: null. Float16: null</td></tr>
 * <tr><td>{@code constant}</td><td>Decimal128, Decimal256</td>
 *     <td>the constant as a decimal number, rounded to the column's scale (half up); more digits than the
 *     column's precision: null</td></tr>
 * <tr><td>{@code constant}</td><td>Bool</td><td>{@code true} or {@code false} (any case)</td></tr>
 * <tr><td>{@code constant}</td><td>Date32, Date64</td><td>an ISO date, {@code yyyy-MM-dd}</td></tr>
 * <tr><td>{@code constant}</td><td>every other type, or a constant that does not convert</td><td>null</td></tr>
 * <tr><td>every mask</td><td>nested types (List, LargeList, FixedSizeList, ListView, Struct, Map, Union,
 *     RunEndEncoded), extension types, dictionary-encoded columns (their vector holds indexes, not values)</td>
 *     <td>null (a sparse union has no validity bitmap: each slot gets Arrow's null type, which reads as
 *     null)</td></tr>
 * </table>
 *
 * <p>Masks are computed on the values' bytes and primitive numbers, with no object per value (a constant is
 * converted once per call), and write into targets sized up front. Each call builds its own HMAC, so the masker
 * is safe to call from many threads at once; a source vector must not change during a call.
 */
public final class VectorMasker {

    private static final int SHOWN_CODE_POINTS = 4;

    private VectorMasker() {
    }

    /**
     * The field of a masked copy of a column whose field is {@code source}: the same name, Arrow type, dictionary
     * encoding, metadata and children, nullable. For announcing a masked column's schema before any batch is masked.
     */
    public static Field maskedField(Field source) {
        FieldType type = source.getFieldType();
        return new Field(source.getName(), new FieldType(true, type.getType(), type.getDictionary(), type.getMetadata()),
                source.getChildren());
    }

    /**
     * A masked copy of {@code source}: a new vector allocated from {@code allocator}, which the caller owns and
     * closes. The source is only read: it stays as it was, valid and owned by its caller.
     *
     * @param source    the column to mask
     * @param mask      the mask to apply
     * @param key       the deployment's key for {@link MaskKind#HASH}
     * @param allocator the allocator of the new vector
     * @return a new vector with the masked values, as the class documentation describes
     */
    public static FieldVector mask(FieldVector source, Mask mask, HashKey key, BufferAllocator allocator) {
        requireNonNull(source, "source is null");
        requireNonNull(mask, "mask is null");
        requireNonNull(key, "key is null");
        requireNonNull(allocator, "allocator is null");
        FieldVector target = TargetVectors.newVector(source, allocator);
        try {
            if (!write(source, target, mask, key)) {
                TargetVectors.fillWithNulls(target, source.getValueCount());
            }
            return target;
        } catch (RuntimeException | Error failure) {
            target.close();
            throw failure;
        }
    }

    /**
     * A new root with the columns of {@code source}, each column named in {@code masks} masked as
     * {@link #mask(FieldVector, Mask, HashKey, BufferAllocator)} does, in the source's order, with its schema
     * metadata and row count.
     *
     * <p><b>Ownership.</b> The returned root is the caller's to close; the source root stays valid and still its
     * caller's, and either can be closed first. Masked columns are new vectors. A column without a mask is not
     * copied: it shares the source's buffers (Arrow's reference-counted split-and-transfer), so {@code allocator}
     * must descend from the same {@code RootAllocator} as the source's vectors, and neither root may be written to
     * afterwards (a cached result is read-only anyway).
     *
     * @param masks masks by column name; a name may mask several columns of that name
     * @throws IllegalArgumentException when {@code masks} names a column {@code source} does not have: a mask
     *                                  for a missing column is a planning error, never silently dropped
     */
    public static VectorSchemaRoot mask(VectorSchemaRoot source, Map<String, Mask> masks, HashKey key,
            BufferAllocator allocator) {
        requireNonNull(source, "source is null");
        requireNonNull(masks, "masks is null");
        requireNonNull(key, "key is null");
        requireNonNull(allocator, "allocator is null");
        requireColumns(source, masks);
        List<FieldVector> columns = new ArrayList<>(source.getFieldVectors().size());
        try {
            for (FieldVector column : source.getFieldVectors()) {
                Mask mask = masks.get(column.getName());
                columns.add(mask == null ? share(column, allocator) : mask(column, mask, key, allocator));
            }
        } catch (RuntimeException | Error failure) {
            closeAfterFailure(columns, failure);
            throw failure;
        }
        List<Field> fields = columns.stream().map(FieldVector::getField).toList();
        Schema schema = new Schema(fields, source.getSchema().getCustomMetadata());
        return new VectorSchemaRoot(schema, columns, source.getRowCount());
    }

    private static boolean write(FieldVector source, FieldVector target, Mask mask, HashKey key) {
        if (!isMaskable(source, target)) {
            return false;
        }
        return switch (mask.kind()) {
            case REDACT -> TextRedactor.write(source, target, 0, 0);
            case SHOW_FIRST_4 -> TextRedactor.write(source, target, SHOWN_CODE_POINTS, 0);
            case SHOW_LAST_4 -> TextRedactor.write(source, target, 0, SHOWN_CODE_POINTS);
            case HASH -> ValueHasher.write(source, target, key);
            case YEAR_ONLY -> YearTruncator.write(source, target);
            case CONSTANT -> ConstantFiller.write(source, target, mask.constant());
            case NULL -> false;
        };
    }

    /**
     * Whether a mask may read the column's values by its type: not when they are a dictionary's indexes or an
     * extension type's storage (whose type id is the storage's), nor, defensively, when the source is not of the
     * vector class its own field makes.
     */
    private static boolean isMaskable(FieldVector source, FieldVector target) {
        Field field = source.getField();
        return field.getDictionary() == null && !(field.getType() instanceof ArrowType.ExtensionType)
                && source.getClass() == target.getClass();
    }

    /** A vector sharing {@code column}'s buffers, accounted to {@code allocator}; {@code column} stays valid. */
    private static FieldVector share(FieldVector column, BufferAllocator allocator) {
        TransferPair transfer = column.getTransferPair(allocator);
        transfer.splitAndTransfer(0, column.getValueCount());
        return (FieldVector) transfer.getTo();
    }

    private static void requireColumns(VectorSchemaRoot source, Map<String, Mask> masks) {
        masks.forEach((column, mask) -> requireNonNull(mask, () -> "the mask of column " + column + " is null"));
        TreeSet<String> missing = new TreeSet<>(masks.keySet());
        source.getFieldVectors().forEach(column -> missing.remove(column.getName()));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("masks name columns the result does not have: " + missing
                    + " (columns: " + source.getSchema().getFields().stream().map(Field::getName).toList() + ")");
        }
    }

    private static void closeAfterFailure(List<FieldVector> columns, Throwable failure) {
        try {
            AutoCloseables.close(columns);
        } catch (Exception closing) {
            failure.addSuppressed(closing);
        }
    }
}

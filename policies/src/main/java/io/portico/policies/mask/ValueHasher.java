package io.portico.policies.mask;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.ReusableByteArray;

/**
 * The {@code hash} mask: HMAC-SHA256, keyed with the deployment's {@link HashKey}, over the canonical bytes of each
 * value (a string's UTF-8 bytes, a binary's bytes, an integer's decimal text in ASCII), written back in the column's
 * own type. One instance per call: it holds a {@link Mac} and scratch arrays, none of them thread-safe.
 */
final class ValueHasher {

    static final int DIGEST_LENGTH = 32;
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final Mac mac;
    private final byte[] digest = new byte[DIGEST_LENGTH];
    private final byte[] hex = new byte[2 * DIGEST_LENGTH];
    private final byte[] decimal = new byte[20];
    private final ReusableByteArray value = new ReusableByteArray();

    private ValueHasher(HashKey key) {
        this.mac = key.newHmac();
    }

    /**
     * Writes the hashes of {@code source}'s values to {@code target} (its unallocated twin).
     *
     * @return false, with {@code target} untouched, when the hash mask does not apply to the column's type
     */
    static boolean write(FieldVector source, FieldVector target, HashKey key) {
        ArrowType type = source.getField().getType();
        if (TargetVectors.isString(type)) {
            new ValueHasher(key).hashStrings((VariableWidthFieldVector) source, (VariableWidthFieldVector) target);
            return true;
        }
        if (TargetVectors.isBinary(type)) {
            new ValueHasher(key).hashBinaries((VariableWidthFieldVector) source, (VariableWidthFieldVector) target);
            return true;
        }
        if (type instanceof ArrowType.FixedSizeBinary fixed && fixed.getByteWidth() <= DIGEST_LENGTH) {
            new ValueHasher(key).hashFixedSizeBinaries((FixedSizeBinaryVector) source, (FixedSizeBinaryVector) target);
            return true;
        }
        if (type instanceof ArrowType.Int integer && integer.getIsSigned()) {
            new ValueHasher(key).hashIntegers((BaseIntVector) source, (BaseIntVector) target, integer.getBitWidth());
            return true;
        }
        return false;
    }

    private void hashStrings(VariableWidthFieldVector source, VariableWidthFieldVector target) {
        int valueCount = source.getValueCount();
        TargetVectors.allocate(target, (long) hex.length * TargetVectors.nonNullCount(source), valueCount);
        for (int index = 0; index < valueCount; index++) {
            if (source.isNull(index)) {
                continue;
            }
            source.read(index, value);
            hash(value.getBuffer(), 0, (int) value.getLength());
            for (int at = 0; at < DIGEST_LENGTH; at++) {
                hex[2 * at] = HEX_DIGITS[(digest[at] >> 4) & 0xF];
                hex[2 * at + 1] = HEX_DIGITS[digest[at] & 0xF];
            }
            target.setSafe(index, hex, 0, hex.length);
        }
        target.setValueCount(valueCount);
    }

    private void hashBinaries(VariableWidthFieldVector source, VariableWidthFieldVector target) {
        int valueCount = source.getValueCount();
        TargetVectors.allocate(target, (long) DIGEST_LENGTH * TargetVectors.nonNullCount(source), valueCount);
        for (int index = 0; index < valueCount; index++) {
            if (source.isNull(index)) {
                continue;
            }
            source.read(index, value);
            hash(value.getBuffer(), 0, (int) value.getLength());
            target.setSafe(index, digest, 0, DIGEST_LENGTH);
        }
        target.setValueCount(valueCount);
    }

    private void hashFixedSizeBinaries(FixedSizeBinaryVector source, FixedSizeBinaryVector target) {
        int valueCount = source.getValueCount();
        int width = source.getByteWidth();
        byte[] bytes = new byte[width];
        TargetVectors.allocate(target, valueCount);
        for (int index = 0; index < valueCount; index++) {
            if (source.isNull(index)) {
                continue;
            }
            source.getDataBuffer().getBytes((long) index * width, bytes, 0, width);
            hash(bytes, 0, width);
            System.arraycopy(digest, 0, bytes, 0, width);
            target.set(index, bytes);
        }
        target.setValueCount(valueCount);
    }

    private void hashIntegers(BaseIntVector source, BaseIntVector target, int bitWidth) {
        int valueCount = source.getValueCount();
        TargetVectors.allocate(target, valueCount);
        for (int index = 0; index < valueCount; index++) {
            if (source.isNull(index)) {
                continue;
            }
            int start = writeDecimal(source.getValueAsLong(index));
            hash(decimal, start, decimal.length - start);
            target.setWithPossibleTruncate(index, leadingBitsOfDigest(bitWidth));
        }
        target.setValueCount(valueCount);
    }

    private void hash(byte[] bytes, int offset, int length) {
        mac.update(bytes, offset, length);
        try {
            mac.doFinal(digest, 0);
        } catch (ShortBufferException impossible) {
            throw new IllegalStateException("the digest array holds " + DIGEST_LENGTH + " bytes", impossible);
        }
    }

    /** The first {@code bitWidth} bits of the digest (big-endian), as a signed integer of that width. */
    private long leadingBitsOfDigest(int bitWidth) {
        long leading = 0;
        for (int at = 0; at < Long.BYTES; at++) {
            leading = (leading << 8) | (digest[at] & 0xFF);
        }
        return leading >> (Long.SIZE - bitWidth);
    }

    /** Writes {@code number}'s decimal text right-aligned in {@link #decimal}; returns where it starts. */
    private int writeDecimal(long number) {
        int start = decimal.length;
        long negative = number < 0 ? number : -number;
        do {
            decimal[--start] = (byte) ('0' - negative % 10);
            negative /= 10;
        } while (negative != 0);
        if (number < 0) {
            decimal[--start] = '-';
        }
        return start;
    }
}

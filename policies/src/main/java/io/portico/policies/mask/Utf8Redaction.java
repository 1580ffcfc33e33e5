package io.portico.policies.mask;

/**
 * Redaction of one UTF-8 text, code point by code point, straight from its bytes: letters become {@code x}
 * ({@code X} for upper case), digits become {@code n}, other code points keep their bytes. Optionally the first or
 * last code points stay as they are, unless the text has no more code points than that, then all of it is
 * redacted. Bytes that are not well-formed UTF-8 each become {@code ?}, so the output is always well-formed and
 * never longer than the input.
 */
final class Utf8Redaction {

    private static final int MALFORMED = -1;
    private static final int CODE_POINT_BITS = 21;
    private static final int CODE_POINT_MASK = (1 << CODE_POINT_BITS) - 1;

    private Utf8Redaction() {
    }

    /**
     * Writes the redacted form of {@code text[0, length)} to {@code out} (at least {@code length} long).
     *
     * @param keepFirst how many leading code points to show
     * @param keepLast  how many trailing code points to show
     * @return the number of bytes written
     */
    static int redact(byte[] text, int length, byte[] out, int keepFirst, int keepLast) {
        int redactFrom = 0;
        int redactTo = Integer.MAX_VALUE;
        if (keepFirst + keepLast > 0) {
            int codePoints = countCodePoints(text, length);
            if (codePoints > keepFirst + keepLast) {
                redactFrom = keepFirst;
                redactTo = codePoints - keepLast;
            }
        }
        int read = 0;
        int written = 0;
        for (int index = 0; read < length; index++) {
            boolean redacted = index >= redactFrom && index < redactTo;
            byte lead = text[read];
            if (lead >= 0) {
                out[written++] = redacted ? redactAscii(lead) : lead;
                read++;
                continue;
            }
            int decoded = decode(text, read, length);
            if (decoded == MALFORMED) {
                out[written++] = '?';
                read++;
                continue;
            }
            int size = decoded >>> CODE_POINT_BITS;
            byte replacement = redacted ? redactCodePoint(decoded & CODE_POINT_MASK) : 0;
            if (replacement != 0) {
                out[written++] = replacement;
            } else {
                System.arraycopy(text, read, out, written, size);
                written += size;
            }
            read += size;
        }
        return written;
    }

    /** The number of code points in {@code text[0, length)}, each malformed byte counted as one. */
    static int countCodePoints(byte[] text, int length) {
        int count = 0;
        int read = 0;
        while (read < length) {
            if (text[read] >= 0) {
                read++;
            } else {
                int decoded = decode(text, read, length);
                read += decoded == MALFORMED ? 1 : decoded >>> CODE_POINT_BITS;
            }
            count++;
        }
        return count;
    }

    private static byte redactAscii(byte character) {
        if (character >= 'a' && character <= 'z') {
            return 'x';
        }
        if (character >= 'A' && character <= 'Z') {
            return 'X';
        }
        if (character >= '0' && character <= '9') {
            return 'n';
        }
        return character;
    }

    /** The replacement of a non-ASCII code point, or 0 when it stays. */
    private static byte redactCodePoint(int codePoint) {
        if (Character.isLetter(codePoint)) {
            return Character.isUpperCase(codePoint) ? (byte) 'X' : (byte) 'x';
        }
        if (Character.isDigit(codePoint)) {
            return 'n';
        }
        return 0;
    }

    /**
     * Decodes the multi-byte sequence at {@code at}: its size in bytes shifted left by {@value #CODE_POINT_BITS}
     * bits, or-ed with the code point; {@link #MALFORMED} for a bad lead byte, a truncated sequence, a bad
     * continuation byte, an overlong form, a surrogate or a code point beyond U+10FFFF.
     */
    private static int decode(byte[] text, int at, int length) {
        int lead = text[at] & 0xFF;
        int size;
        int codePoint;
        int smallest;
        if (lead >= 0xC2 && lead <= 0xDF) {
            size = 2;
            codePoint = lead & 0x1F;
            smallest = 0x80;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            size = 3;
            codePoint = lead & 0x0F;
            smallest = 0x800;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            size = 4;
            codePoint = lead & 0x07;
            smallest = 0x10000;
        } else {
            return MALFORMED;
        }
        if (at + size > length) {
            return MALFORMED;
        }
        for (int next = at + 1; next < at + size; next++) {
            int continuation = text[next] & 0xFF;
            if ((continuation & 0xC0) != 0x80) {
                return MALFORMED;
            }
            codePoint = (codePoint << 6) | (continuation & 0x3F);
        }
        boolean surrogate = codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
        if (codePoint < smallest || codePoint > Character.MAX_CODE_POINT || surrogate) {
            return MALFORMED;
        }
        return (size << CODE_POINT_BITS) | codePoint;
    }
}

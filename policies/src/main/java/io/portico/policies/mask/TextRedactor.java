package io.portico.policies.mask;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.util.ReusableByteArray;

/**
 * The {@code redact}, {@code show-first-4} and {@code show-last-4} masks on string columns (Utf8, LargeUtf8,
 * Utf8View): each value's bytes are read into one reused array and redacted by {@link Utf8Redaction}.
 */
final class TextRedactor {

    private TextRedactor() {
    }

    /**
     * Writes the redacted values of {@code source} to {@code target} (its unallocated twin).
     *
     * @return false, with {@code target} untouched, when {@code source} is not a string column
     */
    static boolean write(FieldVector source, FieldVector target, int keepFirst, int keepLast) {
        if (!TargetVectors.isString(source.getField().getType())) {
            return false;
        }
        VariableWidthFieldVector strings = (VariableWidthFieldVector) source;
        VariableWidthFieldVector redacted = (VariableWidthFieldVector) target;
        int valueCount = source.getValueCount();
        TargetVectors.allocate(redacted, TargetVectors.valueBytes(strings), valueCount);
        ReusableByteArray value = new ReusableByteArray();
        byte[] out = new byte[64];
        for (int index = 0; index < valueCount; index++) {
            if (strings.isNull(index)) {
                continue;
            }
            strings.read(index, value);
            int length = (int) value.getLength();
            if (out.length < length) {
                out = new byte[Math.max(length, 2 * out.length)];
            }
            int written = Utf8Redaction.redact(value.getBuffer(), length, out, keepFirst, keepLast);
            redacted.setSafe(index, out, 0, written);
        }
        redacted.setValueCount(valueCount);
        return true;
    }
}

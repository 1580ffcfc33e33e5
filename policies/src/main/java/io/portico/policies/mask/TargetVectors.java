package io.portico.policies.mask;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseVariableWidthViewVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VariableWidthVector;
import org.apache.arrow.vector.complex.RunEndEncodedVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Makes, sizes and fills the vectors masks write into. */
final class TargetVectors {

    private TargetVectors() {
    }

    /**
     * A new, unallocated vector for the masked values of {@code source}: the same name, Arrow type, dictionary
     * encoding, metadata and children, nullable.
     */
    static FieldVector newVector(FieldVector source, BufferAllocator allocator) {
        return VectorMasker.maskedField(source.getField()).createVector(allocator);
    }

    /** Allocates a fixed-width (or any non-variable-width) target for {@code valueCount} values, all null. */
    static void allocate(ValueVector target, int valueCount) {
        target.setInitialCapacity(valueCount);
        target.allocateNew();
    }

    /** Allocates a variable-width target for {@code valueCount} values holding {@code bytes} bytes, all null. */
    static void allocate(VariableWidthVector target, long bytes, int valueCount) {
        target.allocateNew(bytes, valueCount);
    }

    /** Allocates {@code target} for {@code valueCount} values and leaves every one of them null. */
    static void fillWithNulls(FieldVector target, int valueCount) {
        if (target instanceof RunEndEncodedVector runs) {
            fillWithOneNullRun(runs, valueCount);
            return;
        }
        if (target instanceof VariableWidthVector variableWidth) {
            allocate(variableWidth, 0, valueCount);
        } else {
            allocate(target, valueCount);
        }
        target.setValueCount(valueCount);
    }

    /**
     * A run-end encoded column has no validity of its own: its values are null when its runs point at null values.
     * All null is one run ending at {@code valueCount} over one null value (zeroed run ends would be invalid).
     */
    private static void fillWithOneNullRun(RunEndEncodedVector target, int valueCount) {
        target.allocateNew();
        if (valueCount > 0) {
            ((BaseIntVector) target.getRunEndsVector()).setWithPossibleTruncate(0, valueCount);
            target.getRunEndsVector().setValueCount(1);
            target.getValuesVector().setValueCount(1);
        }
        target.setValueCount(valueCount);
    }

    /** Whether the type is one of Arrow's string types: Utf8, LargeUtf8 or Utf8View. */
    static boolean isString(ArrowType type) {
        return switch (type.getTypeID()) {
            case Utf8, LargeUtf8, Utf8View -> true;
            default -> false;
        };
    }

    /** Whether the type is one of Arrow's variable-width binary types: Binary, LargeBinary or BinaryView. */
    static boolean isBinary(ArrowType type) {
        return switch (type.getTypeID()) {
            case Binary, LargeBinary, BinaryView -> true;
            default -> false;
        };
    }

    /** The number of bytes the values of a variable-width column hold (its views' inline bytes included). */
    static long valueBytes(VariableWidthFieldVector source) {
        if (source instanceof BaseVariableWidthViewVector views) {
            return views.getTotalValueLengthUpToIndex(source.getValueCount());
        }
        return source.sizeOfValueBuffer();
    }

    /** The number of non-null values among the first {@code valueCount} of {@code source}. */
    static int nonNullCount(FieldVector source) {
        return source.getValueCount() - source.getNullCount();
    }
}

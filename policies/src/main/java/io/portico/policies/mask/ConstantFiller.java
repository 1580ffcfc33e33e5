package io.portico.policies.mask;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.IntConsumer;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The {@code constant} mask: the policy's text, converted once to the column's type, replaces every non-null value;
 * null values stay null. A text the type cannot hold (not a number, out of range, too many digits) and a type that
 * takes no constant leave the column all null: the safe side, never the raw values.
 */
final class ConstantFiller {

    private ConstantFiller() {
    }

    /**
     * Writes the constant in place of each non-null value of {@code source} to {@code target} (its unallocated
     * twin).
     *
     * @return false, with {@code target} untouched, when the constant does not convert to the column's type
     */
    static boolean write(FieldVector source, FieldVector target, String constant) {
        ArrowType type = source.getField().getType();
        if (TargetVectors.isString(type)) {
            fillStrings(source, (VariableWidthFieldVector) target, constant.getBytes(StandardCharsets.UTF_8));
            return true;
        }
        try {
            return switch (type) {
                case ArrowType.Int integer -> fillIntegers(source, (BaseIntVector) target, integer, constant);
                case ArrowType.FloatingPoint floating -> fillFloatingPoint(source, target, constant);
                case ArrowType.Decimal decimal -> fillDecimals(source, target, decimal, constant);
                case ArrowType.Bool bool -> fillBooleans(source, (BitVector) target, constant);
                case ArrowType.Date date -> fillDates(source, target, LocalDate.parse(constant).toEpochDay());
                default -> false;
            };
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException notOfTheType) {
            return false;
        }
    }

    private static void fillStrings(FieldVector source, VariableWidthFieldVector target, byte[] constant) {
        TargetVectors.allocate(target, (long) constant.length * TargetVectors.nonNullCount(source),
                source.getValueCount());
        forEachNonNull(source, index -> target.setSafe(index, constant));
        target.setValueCount(source.getValueCount());
    }

    private static boolean fillIntegers(FieldVector source, BaseIntVector target, ArrowType.Int type, String text) {
        BigInteger number = new BigInteger(text);
        int bitWidth = type.getBitWidth();
        boolean fits = type.getIsSigned()
                ? number.bitLength() < bitWidth
                : number.signum() >= 0 && number.bitLength() <= bitWidth;
        if (!fits) {
            return false;
        }
        long bits = number.longValue();
        fill(source, target, index -> target.setWithPossibleTruncate(index, bits));
        return true;
    }

    private static boolean fillFloatingPoint(FieldVector source, FieldVector target, String text) {
        BigDecimal number = new BigDecimal(text);
        if (target instanceof Float8Vector doubles) {
            double value = number.doubleValue();
            return Double.isFinite(value) && fill(source, target, index -> doubles.set(index, value));
        }
        if (target instanceof Float4Vector floats) {
            float value = number.floatValue();
            return Float.isFinite(value) && fill(source, target, index -> floats.set(index, value));
        }
        return false;
    }

    private static boolean fillDecimals(FieldVector source, FieldVector target, ArrowType.Decimal type,
            String text) {
        BigDecimal number = new BigDecimal(text).setScale(type.getScale(), RoundingMode.HALF_UP);
        if (number.precision() > type.getPrecision()) {
            return false;
        }
        byte[] bigEndian = number.unscaledValue().toByteArray();
        if (target instanceof DecimalVector decimals) {
            return fill(source, target, index -> decimals.setBigEndian(index, bigEndian));
        }
        if (target instanceof Decimal256Vector decimals) {
            return fill(source, target, index -> decimals.setBigEndian(index, bigEndian));
        }
        return false;
    }

    private static boolean fillBooleans(FieldVector source, BitVector target, String text) {
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            return false;
        }
        int bit = text.equalsIgnoreCase("true") ? 1 : 0;
        return fill(source, target, index -> target.set(index, bit));
    }

    private static boolean fillDates(FieldVector source, FieldVector target, long epochDay) {
        if (target instanceof DateDayVector days) {
            int day = (int) epochDay;
            return day == epochDay && fill(source, target, index -> days.set(index, day));
        }
        if (target instanceof DateMilliVector millis) {
            long epochMilli = Math.multiplyExact(epochDay, 86_400_000L);
            return fill(source, target, index -> millis.set(index, epochMilli));
        }
        return false;
    }

    /** Allocates the fixed-width {@code target}, sets each non-null position, sets its value count. */
    private static boolean fill(FieldVector source, FieldVector target, IntConsumer setter) {
        TargetVectors.allocate(target, source.getValueCount());
        forEachNonNull(source, setter);
        target.setValueCount(source.getValueCount());
        return true;
    }

    private static void forEachNonNull(FieldVector source, IntConsumer action) {
        int valueCount = source.getValueCount();
        for (int index = 0; index < valueCount; index++) {
            if (!source.isNull(index)) {
                action.accept(index);
            }
        }
    }
}
